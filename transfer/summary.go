package transfer

import "time"

// Summary is the queue's total line: bytes, aggregate rate and ETA, files
// done out of all, and files in flight.
type Summary struct {
	Files, FilesDone, InFlight int
	Failed                     int
	Bytes, BytesDone           int64 // of files with a known size
	Rate                       float64
	ETA                        time.Duration
}

// Busy reports whether jobs are queued, running or waiting to retry: a UI
// asks before quitting.
func (s Summary) Busy() bool { return s.Files-s.FilesDone-s.Failed > 0 }

// Summarize adds up a Snapshot. Folder jobs and folder removals are not
// files and are left out; paused and canceled files count as not done.
func Summarize(jobs []JobState) Summary {
	var s Summary
	for i := range jobs {
		s.add(shareOf(&jobs[i]))
	}
	return s.withETA()
}

// Add counts one more job in s, and Remove takes one out: a UI that keeps
// its rows by ID keeps its total line with them, in O(1) per change
// (Remove the row as it was, Add it as it is).
func (s *Summary) Add(j JobState) {
	s.add(shareOf(&j))
	*s = s.withETA()
}

// Remove undoes Add of the same state.
func (s *Summary) Remove(j JobState) {
	s.sub(shareOf(&j))
	*s = s.withETA()
}

// share is what one job adds to a Summary.
type share struct {
	files, done, inFlight, failed int
	bytes, bytesDone              int64
	rate                          float64
}

func shareOf(j *JobState) share {
	var h share
	if j.Kind != KindFile {
		return h
	}
	switch j.State {
	case Paused, Canceled:
		return h // not part of what is under way
	case Failed:
		h.files, h.failed = 1, 1
		return h // its bytes will not come
	case Done, Skipped:
		h.files, h.done = 1, 1
	case Active, Verifying:
		h.files, h.inFlight, h.rate = 1, 1, j.Rate
	default:
		h.files = 1
	}
	if j.Total > 0 {
		h.bytes, h.bytesDone = j.Total, min(max(j.Done, 0), j.Total)
	}
	return h
}

func (s *Summary) add(h share) {
	s.Files += h.files
	s.FilesDone += h.done
	s.InFlight += h.inFlight
	s.Failed += h.failed
	s.Bytes += h.bytes
	s.BytesDone += h.bytesDone
	s.Rate += h.rate
}

func (s *Summary) sub(h share) {
	h.files, h.done, h.inFlight, h.failed = -h.files, -h.done, -h.inFlight, -h.failed
	h.bytes, h.bytesDone, h.rate = -h.bytes, -h.bytesDone, -h.rate
	s.add(h)
}

// withETA is s with its ETA computed from bytes left and the rate; a rate
// added and taken away many times is set to zero when nothing runs.
func (s Summary) withETA() Summary {
	if s.InFlight == 0 || s.Rate < 0 {
		s.Rate = 0
	}
	s.ETA = 0
	if s.Rate > 0 && s.Bytes > s.BytesDone {
		s.ETA = time.Duration(float64(s.Bytes-s.BytesDone) / s.Rate * float64(time.Second))
	}
	return s
}
