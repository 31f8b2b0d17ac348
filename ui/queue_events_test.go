package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

func ids(jobs []transfer.JobState) []transfer.ID {
	out := make([]transfer.ID, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

// TestQueuePaneRowsFollowEventsByID: after a folder's copy the pane's
// rows (built from events alone, no snapshot) are the queue's jobs in the
// queue's order, and its total line is the queue's.
func TestQueuePaneRowsFollowEventsByID(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	for _, f := range []string{"a", "b", "c"} {
		remote.File("/pub/docs/api/"+f+".md", f)
	}
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "home", "down", "f5", "enter") // docs/
	m = settle(t, m, allFinished)
	snap := m.q.Snapshot()
	if got, want := ids(m.queue.Jobs()), ids(snap); !slices.Equal(got, want) {
		t.Fatalf("pane rows %v, want the queue's order %v", got, want)
	}
	if got, want := m.queue.Summary(), transfer.Summarize(snap); got != want {
		t.Errorf("pane total %+v, want %+v", got, want)
	}
	if s := m.queue.Summary(); s.Files != 4 || s.FilesDone != 4 {
		t.Errorf("total %+v: want 4 files done", s)
	}
}

// queueRows is a pane model showing n queued downloads (IDs 1..n).
func queueRows(t *testing.T, n int) Model {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 30)
	remote := transfer.RemoteEndpoint(session.Config{Host: "ftp.example.org", User: "ann"})
	jobs := make([]transfer.JobState, n)
	for i := range jobs {
		j := transfer.Job{ID: transfer.ID(i + 1), Src: remote, Dst: transfer.LocalEndpoint(),
			SrcPath: "/pub/f" + itoa(i+1), DstPath: "/home/ann/f" + itoa(i+1), Size: 100}
		jobs[i] = transfer.JobState{Job: j, State: transfer.Queued, Total: 100}
	}
	m.queue.SetJobs(jobs)
	m.showQueue = true
	m.layout()
	return m
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestQueueViewFollowsNewJobsUntilTheUserMoves: a job that starts off
// screen brings the cursor to it; once the user moved the cursor, new
// jobs leave it alone.
func TestQueueViewFollowsNewJobsUntilTheUserMoves(t *testing.T) {
	m := queueRows(t, 50)
	start := func(id transfer.ID) {
		j := m.queue.Jobs()[id-1]
		j.State = transfer.Active
		m.queue.Apply(transfer.Event{Kind: transfer.EventStarted, ID: id, State: transfer.Active, After: id - 1}, j, true)
	}
	start(40)
	if j, _ := m.queue.Selected(); j.ID != 40 {
		t.Fatalf("cursor on %v after #40 started off screen, want #40", j.ID)
	}
	wantScreen(t, m, "f40 ")
	m.focusSub(SubQueue)
	m = press(t, m, "up") // the user takes the cursor
	start(45)
	if j, _ := m.queue.Selected(); j.ID != 39 {
		t.Errorf("cursor on %v, want it left on #39 where the user put it", j.ID)
	}
}

// TestQueueDetailShowsBothSidesAndEveryTry: Enter on a job opens its
// detail: endpoints and full paths, the unique name used, its size, and
// each try with the server's reply; Esc goes back to the rows.
func TestQueueDetailShowsBothSidesAndEveryTry(t *testing.T) {
	m := queueRows(t, 3)
	j := m.queue.Jobs()[1]
	at := time.Date(2026, 11, 30, 9, 15, 0, 0, time.UTC)
	j.State, j.Err, j.Target = transfer.Failed, errors.New("550 Permission denied"), "/home/ann/f2.1"
	j.Tries = []transfer.Try{
		{Start: at, End: at.Add(2 * time.Second), Outcome: transfer.Waiting, Err: "426 Connection closed; transfer aborted"},
		{Start: at.Add(5 * time.Second), End: at.Add(6 * time.Second), Outcome: transfer.Failed, Err: "550 Permission denied"},
	}
	m.queue.Apply(transfer.Event{Kind: transfer.EventFailed, ID: 2, State: transfer.Failed, After: 1}, j, true)
	wantScreen(t, m, "f2 → f2.1")
	m.focusSub(SubQueue)
	m = press(t, m, "down", "enter")
	wantScreen(t, m, "transfer #2", "ann@ftp.example.org:21  /pub/f2", "local  /home/ann/f2",
		"named   /home/ann/f2.1", "100 B (100 bytes)", "failed: 550 Permission denied",
		"09:15:00  2s      waiting to retry: 426 Connection closed; transfer aborted",
		"09:15:05  1s      failed: 550 Permission denied")
	m = press(t, m, "esc")
	dontWantScreen(t, m, "named ")
	wantScreen(t, m, "transfers (3)")
}

// TestRestoredPartCountsInTheTotals: a download cut at 12.9 MB by a
// crash comes back showing 12.9 MB of 20 MB done, and once resumed the
// total line counts them.
func TestRestoredPartCountsInTheTotals(t *testing.T) {
	journal := filepath.Join(t.TempDir(), "q.jsonl")
	rec := `{"op":"add","id":4,"job":{"kind":0,"src":{"host":"ftp.example.org","port":21,"user":"ann"},"src_path":"/pub/big.iso","dst_path":"/home/ann/big.iso","size":20000000,"conflict":0},"state":"active"}` + "\n"
	if err := os.WriteFile(journal, []byte(rec), 0o600); err != nil {
		t.Fatal(err)
	}
	local := sampleLocal()
	local.File("/home/ann/big.iso.part", strings.Repeat("x", 12_900_000))
	q, err := transfer.New(transfer.Options{JournalPath: journal, Local: local,
		Dial: func(ctx context.Context, _ session.Config, _ ...session.DialOption) (session.FS, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	o := Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true, Queue: q}
	m := New(o)
	m = send(t, m, windowSize(100, 30))
	m = press(t, m, "esc") // no server: the connect form
	wantScreen(t, m, "big.iso", "64%", "13 MB/20 MB", "paused")
	m = press(t, m, "A") // resume them all
	m = settle(t, m, func(m Model) bool { return m.queue.Summary().Files == 1 })
	wantScreen(t, m, "total 13 MB/20 MB")
}
