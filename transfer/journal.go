package transfer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/ftpane/ftpane/session"
)

// journal is the queue on disk, as JSON lines appended on every change
// and compacted now and then (see Queue.maybeCompactLocked). It holds no
// passwords: remote sides are stored as host, port, user and connection
// settings. Lines are written by a goroutine of their own, many at a
// time, so that a queue moving 10,000 small files does not make a system
// call per change under its lock; a crash loses at most the last moments.
type journal struct {
	path string
	lock *os.File // held for the queue's life (nil where not supported)

	mu     sync.Mutex
	items  []jitem // records and requests, in order, for the writer
	closed bool    // by close: requests are answered at once
	kick   chan struct{}
	stop   chan struct{}
	done   chan struct{}

	// The writer goroutine's (Close reads err once it has ended).
	f   *os.File
	err error // the first write error; later writes are skipped
}

// jitem is one record to append, or (req set) a compaction or a flush.
type jitem struct {
	rec record
	req *jrequest
}

// jrequest asks the writer to rewrite the journal as snap (compact) or
// only to write what came before (flush); done receives the outcome.
type jrequest struct {
	compact bool
	snap    []record
	done    chan error
}

// ErrJournalBusy is returned by New when another queue (another ftpane)
// holds the journal; the new queue then runs without one.
var ErrJournalBusy = errors.New("the queue journal is in use by another ftpane")

// record is one journal line: a job added (with its whole description),
// a job's new state, or a job removed.
type record struct {
	Op     string     `json:"op"` // add, set, rm
	ID     ID         `json:"id"`
	Job    *jobRecord `json:"job,omitempty"`
	State  string     `json:"state,omitempty"`
	Target string     `json:"target,omitempty"`
	Err    string     `json:"err,omitempty"`
	// Verified: the copy was verified and is being renamed into place.
	Verified bool `json:"verified,omitempty"`
	// Size is the source's size once the worker learnt it (0: unknown).
	Size int64 `json:"size,omitempty"`
	// Limit is the job's own rate limit now (0: none).
	Limit int64 `json:"limit,omitempty"`
}

type jobRecord struct {
	Kind     Kind      `json:"kind"`
	Src      *endpoint `json:"src,omitempty"`
	Dst      *endpoint `json:"dst,omitempty"`
	SrcPath  string    `json:"src_path"`
	DstPath  string    `json:"dst_path"`
	Size     int64     `json:"size"`
	ASCII    bool      `json:"ascii,omitempty"`
	Conflict Policy    `json:"conflict"`
	Move     bool      `json:"move,omitempty"`
	Parent   ID        `json:"parent,omitempty"`
	After    ID        `json:"after,omitempty"`
	// Prev is the job it was queued after, so that it comes back there.
	Prev ID `json:"prev,omitempty"`
	// What a job of the : line carries beyond a plain copy.
	Offset   int64     `json:"offset,omitempty"`
	KeepCR   bool      `json:"keep_cr,omitempty"`
	ModTime  time.Time `json:"mtime,omitzero"`
	MaxTries int       `json:"max_tries,omitempty"`
	Limit    int64     `json:"limit,omitempty"`
}

// endpoint is a remote side without its password (nil: local).
type endpoint struct {
	Host     string          `json:"host"`
	Port     int             `json:"port,omitempty"`
	User     string          `json:"user,omitempty"`
	TLS      session.TLSMode `json:"tls,omitempty"`
	Insecure bool            `json:"insecure,omitempty"`
	Active   bool            `json:"active,omitempty"`
	Dir      string          `json:"dir,omitempty"`
}

func toEndpoint(e Endpoint) *endpoint {
	if e.Remote == nil {
		return nil
	}
	c := e.Remote
	return &endpoint{Host: c.Host, Port: c.Port, User: c.User, TLS: c.TLS, Insecure: c.Insecure,
		Active: c.Active, Dir: c.Dir}
}

func (e *endpoint) config(restore func(session.Config) session.Config) Endpoint {
	if e == nil {
		return LocalEndpoint()
	}
	cfg := session.Config{Host: e.Host, Port: e.Port, User: e.User, TLS: e.TLS,
		Insecure: e.Insecure, Active: e.Active, Dir: e.Dir}
	if restore != nil {
		cfg = restore(cfg)
	}
	return Endpoint{Remote: &cfg}
}

func toRecord(js JobState) *jobRecord {
	return &jobRecord{Kind: js.Kind, Src: toEndpoint(js.Src), Dst: toEndpoint(js.Dst),
		SrcPath: js.SrcPath, DstPath: js.DstPath, Size: js.Size,
		ASCII: js.Type == session.TypeASCII, Conflict: js.Conflict, Move: js.Move,
		Parent: js.Parent, After: js.after, Offset: js.Offset, KeepCR: js.KeepCR,
		ModTime: js.ModTime, MaxTries: js.MaxTries, Limit: js.Limit}
}

func (r *jobRecord) job(restore func(session.Config) session.Config) Job {
	j := Job{Kind: r.Kind, Src: r.Src.config(restore), Dst: r.Dst.config(restore),
		SrcPath: r.SrcPath, DstPath: r.DstPath, Size: r.Size, Conflict: r.Conflict, Move: r.Move,
		Parent: r.Parent, Offset: r.Offset, KeepCR: r.KeepCR, ModTime: r.ModTime, MaxTries: r.MaxTries,
		Limit: r.Limit}
	if r.ASCII {
		j.Type = session.TypeASCII
	}
	return j
}

// write hands a record to the writer.
func (j *journal) write(r record) {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.items = append(j.items, jitem{rec: r})
	j.mu.Unlock()
	j.signal()
}

func (j *journal) signal() {
	select {
	case j.kick <- struct{}{}:
	default:
	}
}

// addRecord is a job's whole description and state, one line.
func addRecord(js JobState, prev ID) record {
	jr := toRecord(js)
	jr.Prev = prev
	r := record{Op: "add", ID: js.ID, Job: jr, State: js.State.String(), Target: js.Target,
		Verified: js.verified}
	if js.Err != nil && js.State == Failed {
		r.Err = js.Err.Error()
	}
	return r
}

func (j *journal) add(js JobState) { j.write(addRecord(js, 0)) }

func (j *journal) update(js JobState) {
	r := record{Op: "set", ID: js.ID, State: js.State.String(), Target: js.Target, Verified: js.verified,
		Size: max(js.Size, 0), Limit: js.Limit}
	if js.Err != nil && js.State == Failed {
		r.Err = js.Err.Error()
	}
	j.write(r)
}

func (j *journal) remove(id ID) { j.write(record{Op: "rm", ID: id}) }

// request queues a compaction or a flush; wait for its outcome on done.
// A closed journal refuses it.
func (j *journal) request(r *jrequest) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		r.done <- errClosed
		return
	}
	j.items = append(j.items, jitem{req: r})
	j.signal()
}

// compact rewrites the journal as snap and waits for it to be on disk.
func (j *journal) compact(snap []record) error {
	if j == nil {
		return nil
	}
	r := &jrequest{compact: true, snap: snap, done: make(chan error, 1)}
	j.request(r)
	return <-r.done
}

// flush waits until every record handed over so far is written.
func (j *journal) flush() error {
	if j == nil {
		return nil
	}
	r := &jrequest{done: make(chan error, 1)}
	j.request(r)
	return <-r.done
}

func (j *journal) close() error {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	j.closed = true
	j.mu.Unlock()
	close(j.stop)
	<-j.done
	err := j.f.Close()
	if j.lock != nil {
		j.lock.Close() // releases the flock
	}
	return errors.Join(j.err, err)
}

// openWriter writes snap as the journal at path (through a temporary
// file renamed into place, so a crash leaves the old or the new one) and
// starts the goroutine that appends to it.
func openWriter(path string, lock *os.File, snap []record) (*journal, error) {
	j := &journal{path: path, lock: lock, kick: make(chan struct{}, 1), stop: make(chan struct{}),
		done: make(chan struct{})}
	f, err := rewrite(path, snap)
	if err != nil {
		return nil, err
	}
	j.f = f
	go j.run()
	return j, nil
}

// rewrite writes recs to path+".tmp", syncs it and renames it over path;
// the file is returned open for appending.
func rewrite(path string, recs []record) (*os.File, error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	err = writeRecords(w, recs)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", tmp, err)
	}
	return f, nil
}

func writeRecords(w io.Writer, recs []record) error {
	enc := json.NewEncoder(w) // one line per record
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return err
		}
	}
	return nil
}

// run is the writer: it takes what piled up, writes it in one go (or
// rewrites the file when a compaction came), and answers requests.
func (j *journal) run() {
	defer close(j.done)
	for {
		stopping := false
		select {
		case <-j.kick:
		case <-j.stop:
			stopping = true
		}
		j.mu.Lock()
		items := j.items
		j.items = nil
		j.mu.Unlock()
		j.writeItems(items)
		if stopping {
			return
		}
	}
}

// writeItems writes a batch: records before the last compaction in it
// are already in that compaction's snapshot and are skipped.
func (j *journal) writeItems(items []jitem) {
	var reqs []*jrequest
	from := 0
	for i, it := range items {
		if it.req != nil {
			reqs = append(reqs, it.req)
			if it.req.compact {
				from = i + 1
				j.swap(it.req.snap)
			}
		}
	}
	var recs []record
	for _, it := range items[from:] {
		if it.req == nil {
			recs = append(recs, it.rec)
		}
	}
	if len(recs) > 0 && j.err == nil {
		var buf bytes.Buffer
		if err := writeRecords(&buf, recs); err == nil {
			_, err = j.f.Write(buf.Bytes())
			j.fail(err)
		}
	}
	for _, r := range reqs {
		r.done <- j.err
	}
}

// swap replaces the file by a compacted one; on failure the old one
// stays in use and the error is kept.
func (j *journal) swap(snap []record) {
	f, err := rewrite(j.path, snap)
	if err != nil {
		j.fail(err)
		return
	}
	j.f.Close()
	j.f = f
	j.err = nil // the new file is whole
}

func (j *journal) fail(err error) {
	if err != nil && j.err == nil {
		j.err = fmt.Errorf("write %s: %w", j.path, err)
	}
}
