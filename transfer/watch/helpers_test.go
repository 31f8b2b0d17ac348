package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// clock is a fake transfer.Clock: time moves only by Advance.
type clock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	return ch
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	keep := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			keep = append(keep, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = keep
}

// fakeQueue records what is submitted; its jobs stay in the state the
// test gives them.
type fakeQueue struct {
	mu      sync.Mutex
	jobs    []transfer.Job
	states  []transfer.State
	start   transfer.State // the state of a new job
	changed chan struct{}
}

func newFakeQueue() *fakeQueue { return &fakeQueue{start: transfer.Done, changed: make(chan struct{})} }

func (q *fakeQueue) Submit(p transfer.Plan) []transfer.ID {
	q.mu.Lock()
	defer q.mu.Unlock()
	var ids []transfer.ID
	for _, j := range p.Jobs {
		q.jobs = append(q.jobs, j)
		q.states = append(q.states, q.start)
		ids = append(ids, transfer.ID(len(q.jobs)))
	}
	q.bump()
	return ids
}

func (q *fakeQueue) bump() {
	close(q.changed)
	q.changed = make(chan struct{})
}

func (q *fakeQueue) Get(id transfer.ID) (transfer.JobState, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if id == 0 || int(id) > len(q.jobs) {
		return transfer.JobState{}, false
	}
	return transfer.JobState{Job: q.jobs[id-1], State: q.states[id-1]}, true
}

func (q *fakeQueue) Wait(ctx context.Context, id transfer.ID, _ func(transfer.JobState)) (transfer.JobState, error) {
	for {
		q.mu.Lock()
		st := q.states[id-1]
		ch := q.changed
		q.mu.Unlock()
		switch st {
		case transfer.Done, transfer.Failed, transfer.Canceled, transfer.Skipped, transfer.Paused:
			return transfer.JobState{State: st}, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return transfer.JobState{State: st}, ctx.Err()
		}
	}
}

func (q *fakeQueue) set(id transfer.ID, s transfer.State) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.states[id-1] = s
	q.bump()
}

// uploads lists the source paths submitted, relative to root, in order.
func (q *fakeQueue) uploads(root string) []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []string
	for _, j := range q.jobs {
		rel, _ := filepath.Rel(root, j.SrcPath)
		if j.Kind == transfer.KindTree {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// rig is a watcher on a temporary folder, uploading to another local
// folder through the fake queue, on the fake clock.
type rig struct {
	t       *testing.T
	w       *Watcher
	clock   *clock
	q       *fakeQueue
	root    string
	dst     string
	reports chan Report
	syncs   int
}

const quiet = 750 * time.Millisecond

func newRig(t *testing.T, o Options) *rig {
	t.Helper()
	r := &rig{t: t, clock: newClock(), q: newFakeQueue(), root: t.TempDir(), dst: t.TempDir(),
		reports: make(chan Report, 1000)}
	o.Root, o.Clock, o.Quiet = r.root, r.clock, quiet
	if o.Queue == nil {
		o.Queue = r.q
	}
	o.Target = Target{Dst: transfer.LocalEndpoint(), Dir: r.dst, FS: session.Local{}}
	o.Report = func(rep Report) { r.reports <- rep }
	w, err := Start(o)
	if err != nil {
		t.Fatal(err)
	}
	r.w = w
	t.Cleanup(w.Stop)
	return r
}

func (r *rig) path(rel string) string { return filepath.Join(r.root, filepath.FromSlash(rel)) }

// write writes rel in n pieces, each its own open, write and close.
func (r *rig) write(rel, content string, n int) {
	r.t.Helper()
	os.MkdirAll(filepath.Dir(r.path(rel)), 0o755)
	if err := os.WriteFile(r.path(rel), nil, 0o644); err != nil {
		r.t.Fatal(err)
	}
	step := max(1, len(content)/n)
	for i := 0; i < len(content); i += step {
		f, err := os.OpenFile(r.path(rel), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			r.t.Fatal(err)
		}
		f.WriteString(content[i:min(len(content), i+step)])
		f.Close()
	}
}

// waitPending polls until rel waits for quiet.
func (r *rig) waitPending(rel string) {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !slices.Contains(r.w.Pending(), rel) {
		if time.Now().After(deadline) {
			r.t.Fatalf("%s never became pending (pending: %q)", rel, r.w.Pending())
		}
		time.Sleep(5 * time.Millisecond) // polling interval, not synchronisation
	}
}

// barrier makes sure every event so far was seen: an empty marker file
// created last, which makes one event only, is pending (the system
// reports a folder's events in order). It returns the marker's name.
func (r *rig) barrier() string {
	r.t.Helper()
	r.syncs++
	marker := fmt.Sprintf("zzzz-sync-%03d", r.syncs)
	f, err := os.OpenFile(r.path(marker), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644) // one event: Create
	if err != nil {
		r.t.Fatal(err)
	}
	f.Close()
	r.waitPending(marker)
	return marker
}

// settle lets the quiet period pass after a barrier and waits until the
// marker was uploaded, so that everything due was handled. It returns
// the uploads but markers.
func (r *rig) settle() []string {
	r.t.Helper()
	marker := r.barrier()
	r.clock.Advance(quiet)
	r.waitUploads(marker, 1)
	var out []string
	for _, u := range r.q.uploads(r.root) {
		if !strings.HasPrefix(u, "zzzz-sync-") {
			out = append(out, u)
		}
	}
	return out
}

func (r *rig) count(rel string) int {
	n := 0
	for _, u := range r.q.uploads(r.root) {
		if u == rel {
			n++
		}
	}
	return n
}

func (r *rig) waitUploads(rel string, n int) {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for r.count(rel) < n {
		if time.Now().After(deadline) {
			r.t.Fatalf("%s uploaded %d times, want %d (uploads %q, pending %q)", rel, r.count(rel), n,
				r.q.uploads(r.root), r.w.Pending())
		}
		time.Sleep(5 * time.Millisecond) // polling interval, not synchronisation
	}
}

// advance lets the quiet period pass after a barrier, for a rig whose
// uploads go to a real queue: the test then checks the bytes on disk.
func (r *rig) advance() {
	r.t.Helper()
	r.barrier()
	r.clock.Advance(quiet)
}
