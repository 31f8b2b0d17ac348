package transfer

import (
	"context"
	"io"
	"sync/atomic"

	"golang.org/x/time/rate"
)

// Bandwidth limits (lftp's net:limit-rate, FileZilla's speed limits): a
// token bucket (golang.org/x/time/rate) per limit, in bytes per second.
// The queue has one overall limit that every worker and every segment
// shares, and each job may have its own (Job.Limit), which the jobs a
// folder job queues share with it. A stream takes tokens for the bytes it
// moved before it moves more, so it never runs ahead of its limits by
// more than a burst. Both limits change while streams run: a stream
// waiting on a limit that is replaced wakes and waits on the new one.

// Burst bounds: a burst is a tenth of a second's bytes, so the rate is
// smooth at a glance (the queue shows rates every 100 ms), but never
// below 1 KiB (nor the rate itself, when smaller) nor above a copy
// buffer, so a stream reads in pieces the limit can pace.
const (
	minBurst = 1 << 10
	maxBurst = defaultBuffer
)

// burstFor is the bucket size of a limit of bps bytes a second.
func burstFor(bps int64) int {
	b := bps / 10
	if b < minBurst {
		b = min(minBurst, bps)
	}
	return int(min(b, maxBurst))
}

// bucket is one limit, 0 (the zero value) meaning none. Its state is
// replaced whole on every change, so a read of the current limit is one
// atomic load and costs nothing measurable when there is no limit.
type bucket struct {
	cur atomic.Pointer[bucketState]
}

type bucketState struct {
	bps     int64
	lim     *rate.Limiter
	changed chan struct{} // closed when this state is replaced
}

// set makes bps the limit (0 or less: none). Streams waiting on the old
// limit wake and take the rest of their bytes from the new one.
func (b *bucket) set(bps int64) {
	st := &bucketState{changed: make(chan struct{})}
	if bps > 0 {
		st.bps, st.lim = bps, rate.NewLimiter(rate.Limit(bps), burstFor(bps))
	}
	if old := b.cur.Swap(st); old != nil {
		close(old.changed)
	}
}

// limit is the limit in bytes per second, 0: none.
func (b *bucket) limit() int64 {
	if st := b.cur.Load(); st != nil {
		return st.bps
	}
	return 0
}

// burst is the most one read may take from this bucket, 0: no limit.
func (b *bucket) burst() int {
	if st := b.cur.Load(); st != nil && st.lim != nil {
		return st.lim.Burst()
	}
	return 0
}

// wait takes n bytes' tokens, a burst at a time, waiting as long as the
// limit says; it returns the cause of ctx's end when that comes first
// (a pause or a cancel never hangs behind a long wait).
func (b *bucket) wait(ctx context.Context, clk Clock, n int) error {
	for n > 0 {
		st := b.cur.Load()
		if st == nil || st.lim == nil {
			return nil
		}
		k := min(n, st.lim.Burst())
		now := clk.Now()
		r := st.lim.ReserveN(now, k) // k <= the burst, which a state never changes: always OK
		if d := r.DelayFrom(now); d > 0 {
			select {
			case <-ctx.Done():
				r.CancelAt(clk.Now())
				return context.Cause(ctx)
			case <-st.changed:
				continue // the same k again, from the new limit
			case <-clk.After(d):
			}
		}
		n -= k
	}
	return nil
}

// SetRate sets the overall limit every transfer of the queue shares, in
// bytes per second; 0 (or less) removes it. Running transfers follow
// within a burst (a tenth of a second's bytes).
func (q *Queue) SetRate(bps int64) { q.rate.set(max(bps, 0)) }

// Rate is the overall limit in bytes per second, 0 when there is none.
func (q *Queue) Rate() int64 { return q.rate.limit() }

// SetJobRate sets one job's own limit in bytes per second (0: none but
// the overall one), also while it runs. A folder job's limit is shared by
// every job it queued that has no limit of its own. It reports whether
// the job is in the queue.
func (q *Queue) SetJobRate(id ID, bps int64) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.byID[id]
	if j == nil {
		return false
	}
	q.setLimitLocked(j, max(bps, 0))
	q.journalSetLocked(j)
	q.emitLocked(j, EventChanged)
	return true
}

// setLimitLocked gives j its own limit, keeping the count of jobs that
// have one (streams look for job limits only when it is not zero).
func (q *Queue) setLimitLocked(j *job, bps int64) {
	had := j.st.Limit > 0
	j.st.Limit = bps
	j.rate.set(bps)
	switch {
	case had && bps == 0:
		q.jobLimits.Add(-1)
	case !had && bps > 0:
		q.jobLimits.Add(1)
	}
}

// limiter paces one stream of job j (nil: a stream of no job, such as
// Cat and Store) by its job's limit, the nearest folder job's above it,
// and the queue's overall limit, all read anew at every chunk.
type limiter struct {
	q   *Queue
	j   *job
	ctx context.Context
}

func (q *Queue) limiter(ctx context.Context, j *job) *limiter {
	if q == nil {
		return nil
	}
	return &limiter{q: q, j: j, ctx: ctx}
}

// jobBucket is the limit the job's bytes count against: its own, else
// that of the nearest folder job above it that has one; nil for none.
func (l *limiter) jobBucket() *bucket {
	if l.j == nil || l.q.jobLimits.Load() == 0 {
		return nil
	}
	for j := l.j; j != nil; j = j.parent {
		if j.rate.limit() > 0 {
			return &j.rate
		}
	}
	return nil
}

// chunk is the most a stream may read before taking tokens for it: the
// smallest burst of the limits that apply, 0 when none does.
func (l *limiter) chunk() int {
	if l == nil {
		return 0
	}
	c := l.q.rate.burst()
	if jb := l.jobBucket(); jb != nil {
		if b := jb.burst(); b > 0 && (c == 0 || b < c) {
			c = b
		}
	}
	return c
}

// take waits until n more bytes fit in every limit that applies.
func (l *limiter) take(n int) error {
	if l == nil || n <= 0 {
		return nil
	}
	clk := l.q.opts.Clock
	if jb := l.jobBucket(); jb != nil {
		if err := jb.wait(l.ctx, clk, n); err != nil {
			return err
		}
	}
	return l.q.rate.wait(l.ctx, clk, n)
}

// takeAll is take for a count that may be larger than a read's: the
// kernel's copy paths (splice, sendfile) report what they moved after
// the fact, and the next call waits until the limits have caught up.
func (l *limiter) takeAll(n int64) error {
	for n > 0 {
		k := int(min(n, 1<<30))
		if err := l.take(k); err != nil {
			return err
		}
		n -= int64(k)
	}
	return nil
}

// limited reports whether any limit applies now.
func (l *limiter) limited() bool { return l.chunk() > 0 }

// limitedReader reads from r in pieces no larger than the limits' burst,
// taking tokens for what each read brought.
type limitedReader struct {
	r io.Reader
	l *limiter
}

// reader paces r by the limits; with no limiter r is returned as it is.
func (l *limiter) reader(r io.Reader) io.Reader {
	if l == nil {
		return r
	}
	return &limitedReader{r: r, l: l}
}

func (lr *limitedReader) Read(p []byte) (int, error) {
	if c := lr.l.chunk(); c > 0 && len(p) > c {
		p = p[:c]
	}
	n, err := lr.r.Read(p)
	if n > 0 {
		if werr := lr.l.take(n); werr != nil {
			return n, werr
		}
	}
	return n, err
}

// kernelProgress is the progress callback of a kernel copy (splice,
// sendfile): it reports, and when a limit applies it holds the copy
// until the limits have room for what the last call moved.
func (l *limiter) kernelProgress(report func(int64)) func(int64) {
	var charged int64
	return func(total int64) {
		report(total)
		if l.limited() {
			_ = l.takeAll(total - charged) // a pause cuts the data connection itself
		}
		charged = total
	}
}
