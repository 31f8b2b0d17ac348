package transfer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ftpane/ftpane/session"
)

// segmentable reports whether a copy is split into segments, like lftp's
// pget: a binary download of at least SegmentThreshold bytes to the real
// local disk (segments are written in place with WriteAt).
func (q *Queue) segmentable(js JobState, c conns, size int64) bool {
	_, local := c.dst.(session.Local)
	return local && !js.Src.IsLocal() && js.Type == session.TypeBinary &&
		q.opts.Segments > 1 && size >= q.opts.SegmentThreshold && canRest(c.src)
}

// canRest reports whether a side can start a transfer mid-file: every
// local file can; a server can unless its FEAT list lacks REST STREAM
// (servers that send no FEAT at all are given the benefit of the doubt).
func canRest(fs session.FS) bool {
	f, ok := fs.(session.FeatureLister)
	if !ok {
		return true
	}
	feats := f.Features()
	if len(feats) == 0 {
		return true
	}
	_, rest := feats["REST"]
	return rest
}

// segment is one byte range of a segmented download; Done bytes from
// Start on are written.
type segment struct {
	Start int64 `json:"start"`
	End   int64 `json:"end"`
	Done  int64 `json:"done"`
}

// saveEvery is how often a segment's progress is saved to the sidecar.
const saveEvery = 8 << 20

func (s *segment) left() int64 { return s.End - s.Start - s.Done }

// segPlan is the segments of one download and where they are saved: a
// small sidecar file next to NAME.part, written before the .part is
// allocated, so that a .part without a sidecar is always a plain prefix.
type segPlan struct {
	path string
	mu   sync.Mutex
	Size int64      `json:"size"`
	Segs []*segment `json:"segments"`
}

// loadPlan reads the sidecar of an existing .part, or plans anew: the
// bytes of a .part without a sidecar (a single-stream try) are kept as a
// done prefix.
func loadPlan(part string, size int64, n int) (*segPlan, error) {
	p := &segPlan{path: part + ".seg"}
	st, err := os.Stat(part)
	if err == nil {
		if b, rerr := os.ReadFile(p.path); rerr == nil && json.Unmarshal(b, p) == nil && p.Size == size && len(p.Segs) > 0 {
			return p, nil
		}
	}
	prefix := int64(0)
	if err == nil && st.Size() <= size {
		prefix = st.Size()
	}
	p.Size, p.Segs = size, split(prefix, size, n)
	return p, p.save()
}

// split divides [from, size) into n ranges; the first starts with the
// done prefix.
func split(from, size int64, n int) []*segment {
	segs := []*segment{}
	step := (size - from + int64(n) - 1) / int64(n)
	for start := from; start < size; start += step {
		segs = append(segs, &segment{Start: start, End: min(start+step, size)})
	}
	if len(segs) > 0 {
		segs[0].Start, segs[0].Done = 0, from
	}
	return segs
}

func (p *segPlan) save() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, err := json.Marshal(p)
	if err == nil {
		err = os.WriteFile(p.path, b, 0o600)
	}
	if err != nil {
		return fmt.Errorf("save segments %s: %w", p.path, err)
	}
	return nil
}

func (p *segPlan) done() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for _, s := range p.Segs {
		n += s.Done
	}
	return n
}

// segmented downloads the unfinished segments in parallel: one on the
// job's own connection and the others on extra connections the server's
// limit allows now (none extra is fine: the segments then run in turn).
func (q *Queue) segmented(ctx context.Context, j *job, c conns, part string, size int64) error {
	js := q.state(j)
	plan, err := loadPlan(part, size, q.opts.Segments)
	if err != nil {
		return wrap(opWrite, part, err)
	}
	f, err := openPart(part, size)
	if err != nil {
		return wrap(opWrite, part, err)
	}
	defer f.Close()
	todo := make(chan *segment, len(plan.Segs))
	for _, s := range plan.Segs {
		if s.left() > 0 {
			todo <- s
		}
	}
	close(todo)
	extra := q.extraConns(ctx, js.Src.Remote, len(todo)-1)
	total := atomic.Int64{}
	total.Store(plan.done())
	q.progress(j, total.Load())
	run := func(fs session.FS) error {
		return q.segWorker(ctx, j, fs, js.SrcPath, f, plan, todo, &total)
	}
	err = runAll(c.src, extra, run)
	q.putExtra(js.Src.Remote, extra, err)
	serr := plan.save()
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return wrap(opWrite, part, err)
	}
	if serr != nil || plan.done() != size {
		return wrap(opWrite, part, errors.Join(serr, fmt.Errorf("%w: %d of %d bytes", errShort, plan.done(), size)))
	}
	os.Remove(plan.path)
	return nil
}

// openPart opens NAME.part for writing in place, at its full size.
func openPart(part string, size int64) (*os.File, error) {
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", part, err)
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		return nil, fmt.Errorf("allocate %s: %w", part, err)
	}
	return f, nil
}

// runAll runs f on every connection at once and returns the first error.
func runAll(first session.FS, extra []session.FS, f func(session.FS) error) error {
	errs := make(chan error, 1+len(extra))
	for _, c := range append([]session.FS{first}, extra...) {
		go func() { errs <- f(c) }()
	}
	var err error
	for range 1 + len(extra) {
		if e := <-errs; e != nil && err == nil {
			err = e
		}
	}
	return err
}

// extraConns takes up to n more connections to the source server, as
// many as its limit allows without waiting.
func (q *Queue) extraConns(ctx context.Context, cfg *session.Config, n int) []session.FS {
	var out []session.FS
	for range n {
		if !q.pool.reserve(poolKey(cfg), 1) {
			break
		}
		c, err := q.conn(ctx, cfg, nil)
		if err != nil {
			break // a 421 lowered the limit; conn gave the slot back
		}
		out = append(out, c)
	}
	return out
}

func (q *Queue) putExtra(cfg *session.Config, extra []session.FS, err error) {
	for _, c := range extra {
		q.release(cfg, c, err)
	}
}

// segWorker downloads segments from todo until none is left or one fails.
func (q *Queue) segWorker(ctx context.Context, j *job, src session.FS, path string, f *os.File,
	plan *segPlan, todo <-chan *segment, total *atomic.Int64) error {
	buf := getBuf(q.opts.BufferSize)
	defer putBuf(buf)
	for s := range todo {
		if err := q.fetchSegment(ctx, j, src, path, f, plan, s, buf, total); err != nil {
			return err
		}
	}
	return nil
}

// fetchSegment reads one segment (REST at its next byte) into its place
// in the .part. The reader is closed at the segment's end, before the
// server's end of file: the session aborts the rest (ABOR).
func (q *Queue) fetchSegment(ctx context.Context, j *job, src session.FS, path string, f *os.File,
	plan *segPlan, s *segment, buf []byte, total *atomic.Int64) error {
	off := s.Start + s.Done
	r, err := src.Open(ctx, path, off)
	if err != nil {
		return wrap(opRead, path, err)
	}
	defer r.Close()
	lr := io.LimitReader(q.limiter(ctx, j).reader(r), s.left())
	for s.left() > 0 {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		n, rerr := lr.Read(buf)
		if n > 0 {
			if _, werr := f.WriteAt(buf[:n], off); werr != nil {
				return wrap(opWrite, f.Name(), werr)
			}
			off += int64(n)
			plan.mu.Lock()
			s.Done += int64(n)
			due := (s.Done / saveEvery) != ((s.Done - int64(n)) / saveEvery)
			plan.mu.Unlock()
			if due {
				plan.save() // a crash loses at most saveEvery bytes a segment
			}
			q.progress(j, total.Add(int64(n)))
		}
		if rerr != nil && (s.left() > 0 || !errors.Is(rerr, io.EOF)) {
			return segReadErr(path, off, rerr)
		}
	}
	return nil
}

func segReadErr(path string, off int64, err error) error {
	if errors.Is(err, io.EOF) {
		err = fmt.Errorf("%w at byte %d", errShort, off)
	}
	return wrap(opRead, path, err)
}
