package transfer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/ftpane/ftpane/session"
)

// journal is the queue on disk, as JSON lines appended on every change
// and compacted when a queue opens it. It holds no passwords: remote
// sides are stored as host, port, user and connection settings.
type journal struct {
	f    *os.File
	lock *os.File // held for the queue's life (nil where not supported)
	path string
	err  error // the first write error; later writes are skipped
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
		Parent: js.Parent, After: js.after}
}

func (r *jobRecord) job(restore func(session.Config) session.Config) Job {
	j := Job{Kind: r.Kind, Src: r.Src.config(restore), Dst: r.Dst.config(restore),
		SrcPath: r.SrcPath, DstPath: r.DstPath, Size: r.Size, Conflict: r.Conflict, Move: r.Move,
		Parent: r.Parent}
	if r.ASCII {
		j.Type = session.TypeASCII
	}
	return j
}

func (j *journal) write(r record) {
	if j == nil || j.err != nil {
		return
	}
	b, err := json.Marshal(r)
	if err == nil {
		_, err = j.f.Write(append(b, '\n'))
	}
	if err != nil {
		j.err = fmt.Errorf("write %s: %w", j.path, err)
	}
}

func (j *journal) add(js JobState) {
	j.write(record{Op: "add", ID: js.ID, Job: toRecord(js), State: js.State.String(), Target: js.Target})
}

func (j *journal) update(js JobState) {
	r := record{Op: "set", ID: js.ID, State: js.State.String(), Target: js.Target, Verified: js.verified}
	if js.Err != nil && js.State == Failed {
		r.Err = js.Err.Error()
	}
	j.write(r)
}

func (j *journal) remove(id ID) { j.write(record{Op: "rm", ID: id}) }

func (j *journal) close() error {
	if j == nil {
		return nil
	}
	err := j.f.Close()
	if j.lock != nil {
		j.lock.Close() // releases the flock
	}
	return errors.Join(j.err, err)
}

// replayed is one job read back from the journal.
type replayed struct {
	rec    record // the add record, with the latest state and target
	hasJob bool
}

// readJournal replays the journal's lines; a line torn by a crash is
// skipped.
func readJournal(path string) ([]*replayed, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var order []*replayed
	byID := map[ID]*replayed{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		applyRecord(r, byID, &order)
	}
	order = slices.DeleteFunc(order, func(p *replayed) bool { return byID[p.rec.ID] != p || !p.hasJob })
	return order, sc.Err()
}

func applyRecord(r record, byID map[ID]*replayed, order *[]*replayed) {
	switch r.Op {
	case "add":
		p := &replayed{rec: r, hasJob: r.Job != nil}
		byID[r.ID] = p
		*order = append(*order, p)
	case "set":
		if p := byID[r.ID]; p != nil {
			p.rec.State, p.rec.Target, p.rec.Err, p.rec.Verified = r.State, r.Target, r.Err, r.Verified
		}
	case "rm":
		delete(byID, r.ID)
	}
}

func parseState(s string) State {
	for i, n := range stateNames {
		if n == s {
			return State(i)
		}
	}
	return Paused
}

// openJournal restores the jobs of an earlier run (unfinished ones
// paused), rewrites the journal compactly and keeps it open for appends.
func (q *Queue) openJournal() error {
	path := q.opts.JournalPath
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	lock, err := lockJournal(path)
	if err != nil {
		return err
	}
	old, rerr := readJournal(path)
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return fmt.Errorf("journal: %w", err)
	}
	q.jr = &journal{f: f, lock: lock, path: tmp}
	q.mu.Lock()
	for _, p := range old {
		q.restoreLocked(p.rec)
	}
	q.mu.Unlock()
	if err := q.jr.f.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	q.jr.path = path
	return rerr
}

func (q *Queue) restoreLocked(r record) {
	s := parseState(r.State)
	if !s.Final() {
		s = Paused
	}
	var err error
	if r.Err != "" {
		err = errors.New(r.Err)
	}
	prev := q.nextID
	q.nextID = r.ID // addLocked takes the journal's ID
	q.addLocked(r.Job.job(q.opts.Restore), len(q.jobs), s, err, r.Job.After)
	q.nextID = max(prev, r.ID+1)
	if r.Target != "" {
		jb := q.byID[r.ID]
		jb.st.Target, jb.st.verified = r.Target, r.Verified
		q.jr.update(jb.st)
	}
}

// compactLocked rewrites the journal with only the jobs in the queue, so
// that it does not grow for as long as ftpane runs: ClearFinished calls
// it. On failure the old journal stays in use.
func (q *Queue) compactLocked() error {
	if q.jr == nil {
		return nil
	}
	path := q.opts.JournalPath
	f, err := os.OpenFile(path+".tmp", os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	nj := &journal{f: f, lock: q.jr.lock, path: path + ".tmp"}
	for _, j := range q.jobs {
		nj.add(j.st)
		nj.update(j.st)
	}
	if err := errors.Join(nj.err, f.Sync()); err != nil {
		f.Close()
		return fmt.Errorf("journal: %w", err)
	}
	if err := os.Rename(nj.path, path); err != nil {
		f.Close()
		return fmt.Errorf("journal: %w", err)
	}
	nj.path = path
	old := q.jr
	q.jr = nj
	return old.f.Close()
}
