package transfer

import (
	"testing"
	"time"
)

func TestSummarizeAddsUpFilesInFlight(t *testing.T) {
	jobs := []JobState{
		{Job: Job{Kind: KindTree}, State: Done},
		{Job: Job{Kind: KindFile}, State: Done, Done: 100, Total: 100},
		{Job: Job{Kind: KindFile}, State: Active, Done: 50, Total: 200, Rate: 10},
		{Job: Job{Kind: KindFile}, State: Active, Done: 0, Total: 100, Rate: 40},
		{Job: Job{Kind: KindFile}, State: Queued, Total: -1},
		{Job: Job{Kind: KindFile}, State: Failed, Total: 10},
		{Job: Job{Kind: KindFile}, State: Paused, Total: 1000},
	}
	s := Summarize(jobs)
	want := Summary{Files: 5, FilesDone: 1, InFlight: 2, Failed: 1, Bytes: 400, BytesDone: 150,
		Rate: 50, ETA: time.Duration(float64(250) / 50 * float64(time.Second))}
	if s != want {
		t.Errorf("Summarize = %+v\nwant        %+v", s, want)
	}
	if !s.Busy() {
		t.Error("a queue with active jobs is not busy")
	}
	if Summarize(jobs[:2]).Busy() {
		t.Error("a finished queue is busy")
	}
}
