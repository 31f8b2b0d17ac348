package queue

import (
	"errors"
	"testing"
	"time"

	"github.com/ftpane/ftpane/transfer"
)

func TestBar(t *testing.T) {
	for _, c := range []struct {
		done, total int64
		state       transfer.State
		hash        bool
		want        string
	}{
		{0, 100, transfer.Queued, true, "[..........]"},
		{50, 100, transfer.Active, true, "[#####.....]"},
		{100, 100, transfer.Verifying, true, "[##########]"},
		{7, -1, transfer.Active, true, "[..........]"},
		{0, 0, transfer.Done, true, "[##########]"},
		{55, 100, transfer.Active, false, "[█████▌    ]"},
	} {
		j := transfer.JobState{State: c.state, Done: c.done, Total: c.total}
		if got := bar(j, 10, c.hash); got != c.want {
			t.Errorf("bar(%d/%d, hash %v) = %q, want %q", c.done, c.total, c.hash, got, c.want)
		}
	}
}

func TestETAAndState(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "-", 59 * time.Second: "0:59", 3725 * time.Second: "1:02:05"} {
		if got := eta(d); got != want {
			t.Errorf("eta(%v) = %q, want %q", d, got, want)
		}
	}
	j := transfer.JobState{State: transfer.Failed, Err: errors.New("disk full\x1b[2J")}
	if got := stateText(j); got != `failed: disk full\x1b[2J` {
		t.Errorf("stateText = %q", got)
	}
}
