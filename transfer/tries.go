package transfer

import "time"

// Try is one run of a job by a worker: when it started and ended, how it
// ended (the state it left for) and, when it broke, the error in words
// with the server's reply or the local error, for the job's detail view.
type Try struct {
	Start, End time.Time // End is zero while the try runs
	Outcome    State
	Err        string
	Note       string // the queue's remark on a try that ended well
}

// maxTries bounds the history kept per job: the latest tries are kept.
const maxTries = 20

// tryLocked records the start or the end of a try as j leaves old for its
// new state. The slice is replaced, never changed in place: JobStates
// handed out earlier share it.
func (q *Queue) tryLocked(j *job, old State) {
	now, s := q.opts.Clock.Now(), j.st.State
	moving := func(s State) bool { return s == Active || s == Verifying }
	switch {
	case moving(s) && !moving(old):
		n := len(j.st.Tries)
		keep := j.st.Tries[max(0, n-maxTries+1):]
		tries := make([]Try, len(keep), len(keep)+1)
		copy(tries, keep)
		j.st.Tries = append(tries, Try{Start: now})
	case !moving(s) && moving(old) && len(j.st.Tries) > 0:
		tries := append([]Try(nil), j.st.Tries...)
		t := &tries[len(tries)-1]
		t.End, t.Outcome = now, s
		switch {
		case j.st.Err != nil && (s == Failed || s == Waiting || s == Queued):
			t.Err = j.st.Err.Error()
		case j.st.Note != "":
			t.Note = j.st.Note
		}
		j.st.Tries = tries
	}
}
