package transfer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/ftpane/ftpane/session"
)

// Queue runs jobs on a pool of workers. Its methods are safe for
// concurrent use and never block on the network: a UI calls them from its
// update loop and learns the outcome from Events.
type Queue struct {
	opts Options
	pool *pool
	bus  *bus
	jr   *journal

	ctx  context.Context
	stop context.CancelCauseFunc
	wg   sync.WaitGroup

	mu     sync.Mutex
	cond   *sync.Cond
	jobs   []*job // in queue order
	byID   map[ID]*job
	nextID ID
	closed bool
	// changed is closed and replaced at every event, waking Wait.
	changed chan struct{}
}

// job is a Job with its running state. Fields are guarded by Queue.mu.
type job struct {
	st         JobState
	cancel     context.CancelCauseFunc
	gen        int  // bumped when the user acts, so stale retry timers do nothing
	restarted  bool // the one restart from zero after a mismatch is used
	meter      meter
	committing bool // verified; being renamed into place
}

// New starts a queue. Jobs left unfinished in the journal come back
// paused: ResumeAll runs them. A journal that cannot be opened is
// reported, and the queue runs without one.
func New(opts Options) (*Queue, error) {
	opts = opts.withDefaults()
	q := &Queue{opts: opts, pool: newPool(opts.Dial, opts.Workers, opts.IdleTimeout), bus: newBus(),
		byID: map[ID]*job{}, nextID: 1}
	q.cond = sync.NewCond(&q.mu)
	q.ctx, q.stop = context.WithCancelCause(context.Background())
	var err error
	if !opts.NoJournal {
		err = q.openJournal()
	}
	for range opts.Workers {
		q.wg.Add(1)
		go q.worker()
	}
	return q, err
}

// Events delivers every job's changes. It is closed by Close. Read it
// continuously: a slow reader loses intermediate progress, never a state
// change.
func (q *Queue) Events() <-chan Event { return q.bus.out }

// Add queues a job and returns its ID. A folder (Kind KindTree) is listed
// by a worker, which queues its entries right after it.
func (q *Queue) Add(j Job) ID {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.addLocked(j, len(q.jobs), Queued, nil, 0)
}

// AddTree queues the folder src (on the Src side) to be copied as dst.
func (q *Queue) AddTree(j Job) ID {
	j.Kind = KindTree
	return q.Add(j)
}

func (q *Queue) addLocked(j Job, at int, s State, err error, after ID) ID {
	j.ID = q.nextID
	q.nextID++
	if j.Size == 0 {
		j.Size = -1
	}
	if j.Kind == KindFile && j.Type == session.TypeBinary && hasExt(j.SrcPath, q.opts.ASCIIExt) {
		j.Type = session.TypeASCII
	}
	jb := &job{st: JobState{Job: j, State: s, Total: j.Size, Err: err, after: after}}
	q.jobs = slices.Insert(q.jobs, at, jb)
	q.byID[j.ID] = jb
	q.jr.add(jb.st)
	q.emitLocked(jb, EventQueued)
	if s == Failed {
		q.emitLocked(jb, EventFailed)
	}
	q.cond.Broadcast()
	return j.ID
}

// Pause stops a job; a running one keeps its .part and continues at its
// end when resumed.
func (q *Queue) Pause(id ID) { q.act(id, q.pauseLocked) }

// Resume queues a paused job again.
func (q *Queue) Resume(id ID) { q.act(id, q.resumeLocked) }

// Cancel stops a job for good. NAME.part is kept (it never looks like a
// finished file) so that Retry continues where the job stopped.
func (q *Queue) Cancel(id ID) { q.act(id, q.cancelLocked) }

// Retry queues a failed or canceled job again, with its tries reset.
func (q *Queue) Retry(id ID) {
	q.act(id, func(j *job) {
		if j.st.State == Failed || j.st.State == Canceled {
			j.st.Attempts, j.restarted, j.st.Err, j.st.verified = 0, false, nil, false
			q.setLocked(j, Queued, EventQueued)
		}
	})
}

// PauseAll pauses every job that is not finished.
func (q *Queue) PauseAll() { q.each(q.pauseLocked) }

// ResumeAll queues every paused job again.
func (q *Queue) ResumeAll() { q.each(q.resumeLocked) }

func (q *Queue) pauseLocked(j *job) {
	switch j.st.State {
	case Queued, Waiting:
		q.setLocked(j, Paused, EventPaused)
	case Active, Verifying:
		j.cancel(errPaused)
	}
}

func (q *Queue) resumeLocked(j *job) {
	if j.st.State == Paused {
		q.setLocked(j, Queued, EventQueued)
	}
}

func (q *Queue) cancelLocked(j *job) {
	switch j.st.State {
	case Queued, Waiting, Paused:
		q.setLocked(j, Canceled, EventCanceled)
	case Active, Verifying:
		j.cancel(errCanceled)
	}
}

func (q *Queue) act(id ID, f func(*job)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.byID[id]; j != nil {
		f(j)
	}
}

func (q *Queue) each(f func(*job)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, j := range q.jobs {
		f(j)
	}
}

// Move shifts a job delta places in the queue (negative: earlier), so
// that it runs sooner or later. It does not touch running jobs' order
// of completion.
func (q *Queue) Move(id ID, delta int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	i := slices.IndexFunc(q.jobs, func(j *job) bool { return j.st.ID == id })
	if i < 0 {
		return
	}
	to := max(0, min(len(q.jobs)-1, i+delta))
	j := q.jobs[i]
	q.jobs = slices.Insert(slices.Delete(q.jobs, i, i+1), to, j)
	q.emitLocked(j, EventMoved)
}

// ClearFinished removes done, skipped, failed and canceled jobs, and
// compacts the journal (an error says it could not; the queue goes on).
func (q *Queue) ClearFinished() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = slices.DeleteFunc(q.jobs, func(j *job) bool {
		if !j.st.State.Final() {
			return false
		}
		delete(q.byID, j.st.ID)
		q.jr.remove(j.st.ID)
		q.emitLocked(j, EventRemoved)
		return true
	})
	return q.compactLocked()
}

// Snapshot is every job's state, in queue order, for a UI redraw.
func (q *Queue) Snapshot() []JobState {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]JobState, len(q.jobs))
	for i, j := range q.jobs {
		out[i] = j.st
	}
	return out
}

// Get is one job's state.
func (q *Queue) Get(id ID) (JobState, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.byID[id]; j != nil {
		return j.st, true
	}
	return JobState{}, false
}

// SetPassword gives the queue the password (and account) of cfg's server
// after the user logged in there: jobs read back from the journal, which
// keeps no passwords, and any others for the same host, port and user
// that lack one get them, so resuming them does not fail with a 530.
func (q *Queue) SetPassword(cfg session.Config) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, j := range q.jobs {
		j.st.Src = withPassword(j.st.Src, cfg)
		j.st.Dst = withPassword(j.st.Dst, cfg)
	}
}

// withPassword returns e with cfg's password when e is that login and has
// none. The config is replaced, not changed: a worker may hold the old one.
func withPassword(e Endpoint, cfg session.Config) Endpoint {
	if e.Remote == nil || e.Remote.Password != "" || !sameLogin(e.Remote, &cfg) {
		return e
	}
	c := *e.Remote
	c.Password, c.Account = cfg.Password, cfg.Account
	return Endpoint{Remote: &c}
}

func sameLogin(a, b *session.Config) bool {
	return a.Host == b.Host && a.Addr() == b.Addr() && a.User == b.User
}

// Limit is how many connections the queue now allows itself on cfg's
// server (Workers until a 421 lowers it).
func (q *Queue) Limit(cfg session.Config) int { return q.pool.limit(&cfg) }

// Close stops the workers (running jobs stay unfinished in the journal and
// come back paused next time), closes pooled connections and the journal,
// and closes Events.
func (q *Queue) Close() error {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return nil
	}
	q.closed = true
	q.stop(errClosed)
	q.cond.Broadcast()
	q.mu.Unlock()
	q.wg.Wait()
	err := q.pool.close()
	if jerr := q.jr.close(); jerr != nil {
		err = errors.Join(err, fmt.Errorf("journal: %w", jerr))
	}
	q.bus.close()
	return err
}

// setLocked changes a job's state, journals it and tells the reader.
func (q *Queue) setLocked(j *job, s State, k EventKind) {
	j.gen++
	j.st.State = s
	if s != Active && s != Verifying {
		j.st.Rate, j.st.ETA = 0, 0
	}
	q.jr.update(j.st)
	q.emitLocked(j, k)
	q.cond.Broadcast()
}

func (q *Queue) emitLocked(j *job, k EventKind) {
	if q.changed != nil {
		close(q.changed) // wakes every Wait
	}
	q.changed = make(chan struct{})
	q.bus.push(Event{Kind: k, ID: j.st.ID, State: j.st.State, Done: j.st.Done, Total: j.st.Total,
		Rate: j.st.Rate, ETA: j.st.ETA, Err: j.st.Err, Note: j.st.Note})
}
