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
	for _, j := range jobs {
		if j.Kind != KindFile {
			continue
		}
		s.Files++
		switch j.State {
		case Done, Skipped:
			s.FilesDone++
		case Failed:
			s.Failed++
			continue // its bytes will not come
		case Active, Verifying:
			s.InFlight++
			s.Rate += j.Rate
		case Paused, Canceled:
			s.Files-- // not part of what is under way
			continue
		}
		if j.Total > 0 {
			s.Bytes += j.Total
			s.BytesDone += min(j.Done, j.Total)
		}
	}
	if s.Rate > 0 && s.Bytes > s.BytesDone {
		s.ETA = time.Duration(float64(s.Bytes-s.BytesDone) / s.Rate * float64(time.Second))
	}
	return s
}
