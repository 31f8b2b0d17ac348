package transfer

import (
	"context"
	"fmt"
)

// Wait blocks until job id has finished (done, skipped, failed or
// canceled), is paused, or ctx ends, and returns its last state. progress,
// when not nil, is called from Wait's goroutine whenever the job changes
// (throttled like the events). Wait is for callers that start one job and
// need its outcome, as the command line's get and put do; the UI reads
// Events instead.
func (q *Queue) Wait(ctx context.Context, id ID, progress func(JobState)) (JobState, error) {
	for {
		q.mu.Lock()
		j, ok := q.byID[id]
		if !ok {
			q.mu.Unlock()
			return JobState{}, fmt.Errorf("transfer: no job %d", id)
		}
		st := j.st
		if q.changed == nil {
			q.changed = make(chan struct{})
		}
		ch := q.changed
		q.mu.Unlock()
		if progress != nil {
			progress(st)
		}
		if st.State.settled() {
			return st, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return st, context.Cause(ctx)
		}
	}
}

// settled reports a state in which a job stays until someone acts.
func (s State) settled() bool {
	switch s {
	case Done, Skipped, Failed, Canceled, Paused:
		return true
	}
	return false
}
