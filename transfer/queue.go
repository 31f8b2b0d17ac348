package transfer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

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
	list   jobList // queue order
	byID   map[ID]*job
	groups map[string]*runGroup // the runnable jobs, by the slots they need
	sum    Summary              // every job's share, kept as events go out
	nextID ID
	closed bool
	// changed, when someone Waits, is closed at the next event.
	changed chan struct{}
	finSeq  uint64 // counts jobs becoming final (see job.finSeq)
	jrLines int    // journal lines since it was last compacted

	rate      bucket       // the overall bandwidth limit (rate.go)
	jobLimits atomic.Int64 // how many jobs have a limit of their own
}

// job is a Job with its running state. Fields are guarded by Queue.mu.
type job struct {
	st         JobState
	cancel     context.CancelCauseFunc
	gen        int  // bumped when the user acts, so stale retry timers do nothing
	restarted  bool // the one restart from zero after a mismatch is used
	meter      meter
	committing bool // verified; being renamed into place

	prev, next *job   // queue order
	rank       uint64 // grows along the queue order
	hidx       int    // place in its dirQueue's heap; -1: not runnable now
	running    bool   // counted in its dirQueue's active jobs
	groupKey   string // the connection slots it needs (runGroup)
	dirKey     string // the folder it writes in (dirQueue)
	parent     *job   // the folder job that queued it
	afterJob   *job   // KindRemoveDir: the folder whose contents go first
	waiters    []*job // KindTree: folder removals waiting for its contents
	// pending and notDone count the jobs under this one (queued by it,
	// directly or not) that are unfinished, and that did not end done;
	// inPending and inNotDone say whether this job is counted so above.
	pending, notDone     int
	inPending, inNotDone bool
	share                share  // its part of Queue.sum
	finSeq               uint64 // Queue.finSeq when it last became final
	rate                 bucket // its own bandwidth limit (Job.Limit)
}

// New starts a queue. Jobs left unfinished in the journal come back
// paused: ResumeAll runs them. A journal that cannot be opened is
// reported, and the queue runs without one.
func New(opts Options) (*Queue, error) {
	opts = opts.withDefaults()
	q := &Queue{opts: opts, pool: newPool(opts.Dial, opts.Workers, opts.IdleTimeout), bus: newBus(),
		byID: map[ID]*job{}, groups: map[string]*runGroup{}, nextID: 1}
	q.bus.drop = opts.NoEvents // before any event
	q.cond = sync.NewCond(&q.mu)
	q.rate.set(opts.Rate)
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
	return q.addLocked(j, q.list.tail, Queued, nil, 0)
}

// AddTree queues the folder src (on the Src side) to be copied as dst.
func (q *Queue) AddTree(j Job) ID {
	j.Kind = KindTree
	return q.Add(j)
}

// addLocked queues j right after the job prev (nil: first) in state s.
func (q *Queue) addLocked(j Job, prev *job, s State, err error, after ID) ID {
	jb := q.newJobLocked(j, s, err, after)
	q.list.insertAfter(prev, []*job{jb})
	q.enterLocked(jb)
	return jb.st.ID
}

// newJobLocked gives j its ID and running state, not yet in the queue.
func (q *Queue) newJobLocked(j Job, s State, err error, after ID) *job {
	j.ID = q.nextID
	q.nextID++
	if j.Size == 0 {
		j.Size = -1
	}
	if j.Kind == KindFile && j.Type == session.TypeBinary && hasExt(j.SrcPath, q.opts.ASCIIExt) {
		j.Type = session.TypeASCII
	}
	jb := &job{st: JobState{Job: j, State: s, Total: j.Size, Err: err, after: after}, hidx: -1,
		parent: q.byID[j.Parent], afterJob: q.byID[after]}
	jb.groupKey, jb.dirKey = groupKey(&jb.st), dirKey(&jb.st)
	if j.Limit > 0 {
		jb.st.Limit = 0
		q.setLimitLocked(jb, j.Limit)
	}
	return jb
}

// enterLocked makes a job placed in the list known: journal, counts,
// scheduling and its first events.
func (q *Queue) enterLocked(jb *job) {
	q.byID[jb.st.ID] = jb
	q.journalAddLocked(jb)
	q.countLocked(jb, false)
	q.schedLocked(jb)
	if jb.st.State.Final() {
		q.finSeq++
		jb.finSeq = q.finSeq
	}
	q.emitLocked(jb, EventQueued)
	if jb.st.State == Failed {
		q.emitLocked(jb, EventFailed)
	}
	q.cond.Broadcast()
}

// addRunLocked queues the jobs js (with their states) right after prev,
// in one splice of the order.
func (q *Queue) addRunLocked(prev *job, js []*job) {
	q.list.insertAfter(prev, js)
	for _, jb := range js {
		q.enterLocked(jb)
	}
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
	for j := q.list.head; j != nil; j = j.next {
		f(j)
	}
}

// Move shifts a job delta places in the queue (negative: earlier), so
// that it runs sooner or later. It does not touch running jobs' order
// of completion.
func (q *Queue) Move(id ID, delta int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.byID[id]
	if j == nil {
		return
	}
	for ; delta > 0 && j.next != nil; delta-- {
		o := j.next
		q.list.swapNext(j)
		q.reorderLocked(o)
	}
	for ; delta < 0 && j.prev != nil; delta++ {
		o := j.prev
		q.list.swapNext(o)
		q.reorderLocked(o)
	}
	q.reorderLocked(j)
	q.emitLocked(j, EventMoved)
}

// ClearFinished removes done, skipped, failed and canceled jobs, and
// compacts the journal (an error says it could not; the queue goes on).
func (q *Queue) ClearFinished() error {
	q.mu.Lock()
	for j := q.list.head; j != nil; {
		next := j.next
		if j.st.State.Final() {
			q.removeLocked(j)
			q.jr.remove(j.st.ID)
		}
		j = next
	}
	snap := q.journalSnapshotLocked()
	q.mu.Unlock()
	return q.jr.compact(snap)
}

// removeLocked takes a finished job out of the queue.
func (q *Queue) removeLocked(j *job) {
	q.list.remove(j)
	delete(q.byID, j.st.ID)
	q.countLocked(j, true)
	q.sum.sub(j.share)
	j.share = share{}
	q.setLimitLocked(j, 0)
	q.emitLocked(j, EventRemoved)
}

// Snapshot is every job's state, in queue order, for a UI redraw.
func (q *Queue) Snapshot() []JobState {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]JobState, 0, q.list.n)
	for j := q.list.head; j != nil; j = j.next {
		out = append(out, j.st)
	}
	return out
}

// Len is how many jobs the queue holds.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.list.n
}

// Summary is the total line of every job, kept up to date as the events
// go out: no walk over the queue.
func (q *Queue) Summary() Summary {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.sum.withETA()
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
	old := j.st.State
	j.st.State = s
	if s != Active && s != Verifying {
		j.st.Rate, j.st.ETA = 0, 0
	}
	q.tryLocked(j, old)
	if s.Final() && !old.Final() {
		q.finSeq++
		j.finSeq = q.finSeq
	}
	q.countLocked(j, false)
	q.schedLocked(j)
	q.journalSetLocked(j)
	q.emitLocked(j, k)
	q.cond.Broadcast()
}

// emitLocked tells the reader and every Wait about a change of j, and
// brings j's share of the summary up to date: O(1) whatever the queue's
// length.
func (q *Queue) emitLocked(j *job, k EventKind) {
	if q.changed != nil {
		close(q.changed) // wakes every Wait
		q.changed = nil
	}
	if k != EventRemoved {
		sh := shareOf(&j.st)
		q.sum.sub(j.share)
		q.sum.add(sh)
		j.share = sh
	}
	var after ID
	if j.prev != nil {
		after = j.prev.st.ID
	}
	q.bus.push(Event{Kind: k, ID: j.st.ID, State: j.st.State, Done: j.st.Done, Total: j.st.Total,
		Rate: j.st.Rate, ETA: j.st.ETA, Err: j.st.Err, Note: j.st.Note, After: after})
}
