package transfer

import (
	"context"
	"errors"

	"github.com/ftpane/ftpane/session"
)

// worker takes the first queued job whose servers have a free
// connection slot, runs it, and records the outcome, until Close.
func (q *Queue) worker() {
	defer q.wg.Done()
	for {
		j, ctx := q.take()
		if j == nil {
			return
		}
		res := q.run(ctx, j)
		q.finish(j, ctx, res)
	}
}

// take waits for a runnable job and marks it active.
func (q *Queue) take() (*job, context.Context) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if q.closed {
			return nil, nil
		}
		if j := q.nextLocked(); j != nil {
			ctx, cancel := context.WithCancelCause(q.ctx)
			j.cancel = cancel
			j.st.Attempts++
			j.st.Err = nil
			j.meter = meter{}
			q.setLocked(j, Active, EventStarted)
			return j, ctx
		}
		q.cond.Wait()
	}
}

// reserveLocked takes a connection slot on each remote side of j.
func (q *Queue) reserveLocked(j *job) bool {
	src, dst := q.pooled(j.st.Job)
	switch {
	case src != nil && dst != nil && poolKey(src) == poolKey(dst):
		return q.pool.reserve(poolKey(src), 2)
	case src != nil && dst != nil:
		if !q.pool.reserve(poolKey(src), 1) {
			return false
		}
		if !q.pool.reserve(poolKey(dst), 1) {
			q.pool.unreserve(poolKey(src))
			return false
		}
		return true
	case src != nil:
		return q.pool.reserve(poolKey(src), 1)
	case dst != nil:
		return q.pool.reserve(poolKey(dst), 1)
	}
	return true
}

// result is what running a job came to.
type result struct {
	state State // Done or Skipped when err is nil
	note  string
	err   error
}

// finish records a job's outcome: done, paused, canceled, queued again
// after a 421, waiting for a retry, or failed with the reason in words.
func (q *Queue) finish(j *job, ctx context.Context, res result) {
	cause := context.Cause(ctx)
	q.mu.Lock()
	defer q.mu.Unlock()
	j.cancel(nil)
	j.cancel = nil // its context is done: let it go (a big queue holds 100,000 jobs)
	j.st.Note = res.note
	switch {
	case res.err == nil:
		q.setLocked(j, res.state, doneEvent(res.state))
	case errors.Is(cause, errClosed):
		j.st.State = Queued // not journaled: it comes back paused
	case errors.Is(cause, errPaused):
		q.setLocked(j, Paused, EventPaused)
	case errors.Is(cause, errCanceled):
		q.setLocked(j, Canceled, EventCanceled)
	default:
		q.failLocked(j, res.err)
	}
}

func doneEvent(s State) EventKind {
	if s == Skipped {
		return EventSkipped
	}
	return EventDone
}

// failLocked retries a transient error after a backoff and fails the job
// otherwise. A 421 is never a failure: the server's limit drops and the
// job waits for a slot.
func (q *Queue) failLocked(j *job, err error) {
	j.st.Err = err
	var te *Error
	transient := errors.As(err, &te) && te.Transient()
	if errors.As(err, &te) && te.Reason == ReasonTooMany {
		j.st.Attempts--
	}
	tries := q.opts.MaxAttempts
	if j.st.MaxTries > 0 {
		tries = j.st.MaxTries
	}
	if !transient || j.st.Attempts >= tries || j.st.direct() {
		q.setLocked(j, Failed, EventFailed)
		return
	}
	q.setLocked(j, Waiting, EventRetrying)
	gen, wait := j.gen, q.opts.backoff(max(1, j.st.Attempts))
	after := q.opts.Clock.After(wait)
	go func() {
		select {
		case <-after:
		case <-q.ctx.Done():
			return
		}
		q.mu.Lock()
		defer q.mu.Unlock()
		if j.gen == gen && j.st.State == Waiting {
			q.setLocked(j, Queued, EventQueued)
		}
	}()
}

// progress records bytes at the target; a Progress event goes out at
// most every 100 ms per job.
func (q *Queue) progress(j *job, done int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	j.st.Done = done
	if j.meter.sample(q.opts.Clock.Now(), done) {
		j.st.Rate, j.st.ETA = j.meter.rate, j.meter.eta(done, j.st.Total)
		q.emitLocked(j, EventProgress)
	}
}

// phase moves a running job to Verifying (or back to Active).
func (q *Queue) phase(j *job, s State) {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := EventStarted
	if s == Verifying {
		k = EventVerifying
	}
	q.setLocked(j, s, k)
}

// update changes a running job's fields under the lock.
func (q *Queue) update(j *job, f func(*JobState)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	f(&j.st)
	q.jr.update(j.st)
}

// conns are a running job's two sides.
type conns struct {
	src, dst session.FS
}

// run connects both sides and runs the job on them, returning the
// connections to the pool when done.
func (q *Queue) run(ctx context.Context, j *job) result {
	js := q.state(j)
	src, dst := q.pooled(js.Job)
	var c conns
	var err error
	c.src, err = q.conn(ctx, src, js.Lend.Src)
	if err != nil {
		q.release(dst, nil, nil)
		return result{err: err}
	}
	c.dst, err = q.conn(ctx, dst, js.Lend.Dst)
	if err != nil {
		q.release(src, c.src, nil)
		return result{err: err}
	}
	var res result
	switch j.st.Kind {
	case KindTree:
		res = q.runTree(ctx, j, c)
	case KindRemoveDir:
		res = q.runRemoveDir(ctx, j, c)
	default:
		res = q.runFile(ctx, j, c)
	}
	q.release(src, c.src, res.err)
	q.release(dst, c.dst, res.err)
	return res
}

// pooled is the configs of the sides the pool serves: remote sides
// without a lent connection (nil otherwise).
func (q *Queue) pooled(j Job) (src, dst *session.Config) {
	if j.Lend.Src == nil {
		src = j.Src.Remote
	}
	if j.Lend.Dst == nil {
		dst = j.Dst.Remote
	}
	return src, dst
}

// conn is a lent connection, a pooled one for a remote side, or the local
// FS. A 421 while dialling lowers the server's limit.
func (q *Queue) conn(ctx context.Context, cfg *session.Config, lent session.FS) (session.FS, error) {
	if lent != nil {
		return lent, nil
	}
	if cfg == nil {
		return q.opts.Local, nil
	}
	c, err := q.pool.get(ctx, cfg)
	if err != nil {
		if isTooMany(err) {
			q.pool.lower(cfg)
		}
		q.pool.put(cfg, nil, false)
		return nil, wrap(opDial, cfg.Label(), err)
	}
	return c, nil
}

func (q *Queue) release(cfg *session.Config, c session.FS, err error) {
	if cfg == nil {
		return
	}
	q.pool.put(cfg, c, healthy(err))
	q.mu.Lock()
	q.cond.Broadcast()
	q.mu.Unlock()
}
