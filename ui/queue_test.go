package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// sampleJobs is one job in each state the queue pane words.
func sampleJobs() []transfer.JobState {
	remote := transfer.RemoteEndpoint(session.Config{Host: "ftp.example.org", User: "ann"})
	up := transfer.Job{Src: transfer.LocalEndpoint(), Dst: remote}
	down := transfer.Job{Src: remote, Dst: transfer.LocalEndpoint()}
	js := func(id transfer.ID, j transfer.Job, name string, s transfer.State, done, total int64) transfer.JobState {
		j.ID, j.SrcPath, j.DstPath = id, "/src/"+name, "/dst/"+name
		return transfer.JobState{Job: j, State: s, Done: done, Total: total}
	}
	jobs := []transfer.JobState{
		js(1, down, "ubuntu-24.04.iso", transfer.Active, 3<<30, 6<<30),
		js(2, up, "notes.txt", transfer.Done, 18, 18),
		js(3, down, "photos.tar", transfer.Paused, 1<<20, 4<<20),
		js(4, up, "report.pdf", transfer.Failed, 0, 5<<20),
		js(5, down, "queued.bin", transfer.Queued, 0, 1<<20),
		js(6, down, "check.dat", transfer.Verifying, 2<<20, 2<<20),
	}
	jobs[0].Rate, jobs[0].ETA = 12<<20, 256*time.Second
	jobs[3].Err = errors.New("disk full")
	return jobs
}

func TestGoldenQueue(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"queue-80x24", 80, 24, nil},
		{"queue-120x40", 120, 40, nil},
		{"queue-smooth-120x40", 120, 40, []string{"tab", "#", "down"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newTest(t, sampleLocal(), sampleRemote(), c.w, c.h)
			m.queue.SetJobs(sampleJobs())
			m.showQueue = true
			m.layout()
			m = press(t, m, c.keys...)
			golden(t, c.name, screen(m))
		})
	}
}

func TestQueuePaneOnlyDrawsVisibleRows(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	var jobs []transfer.JobState
	for i := range 1000 {
		jobs = append(jobs, sampleJobs()[i%6])
		jobs[i].ID = transfer.ID(i + 1)
	}
	m.queue.SetJobs(jobs)
	m.showQueue = true
	m.layout()
	m = press(t, m, "tab", "tab", "end")
	wantScreen(t, m, "transfers (1000)")
	if got, want := len(m.queue.View()), 20*80*4; got > want {
		t.Fatalf("queue view is %d bytes for 1000 jobs", got)
	}
}

// blockedQueue is a queue whose server never answers, so that its jobs
// stay under way.
func blockedQueue(t *testing.T, local session.FS) *transfer.Queue {
	q, err := transfer.New(transfer.Options{NoJournal: true, Local: local,
		Dial: func(ctx context.Context, _ session.Config, _ ...session.DialOption) (session.FS, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func TestQueueKeysAndQuitAsks(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	o := Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"},
		Dial:   func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return remote, nil }}
	o.Queue = blockedQueue(t, local)
	m := New(o)
	m = send(t, m, windowSize(100, 30))
	m = run(t, m, m.Init())
	m = press(t, m, "tab", "down", "down", "space", "space", "f5", "tab", "right", "enter") // overwrite
	m = settle(t, m, func(m Model) bool { return len(m.queue.Jobs()) == 2 })
	wantScreen(t, m, "transfers (2)", "big.iso", "notes.txt")

	m = press(t, m, "q")
	wantScreen(t, m, "Quit", "2 transfers are not finished.")
	m = press(t, m, "esc", "tab", "tab") // the queue pane
	wantScreen(t, m, "p/space pause/resume")
	m = press(t, m, "a")
	m = settle(t, m, func(m Model) bool { return countState(m, transfer.Paused) == 2 })
	wantScreen(t, m, "paused")
	m = press(t, m, "J") // big.iso after notes.txt
	m = settle(t, m, func(m Model) bool { return m.queue.Jobs()[1].SrcPath == "/home/ann/big.iso" })
	m = press(t, m, "x") // cancel big.iso: not moving, no question
	m = settle(t, m, func(m Model) bool { return countState(m, transfer.Canceled) == 1 })
	m = press(t, m, "C")
	m = settle(t, m, func(m Model) bool { return len(m.queue.Jobs()) == 1 })
	dontWantScreen(t, m, "↑ big.iso")
	m = press(t, m, "a") // resume notes.txt: it is under way again
	wantScreen(t, m, "resuming 1 transfer")
	m = settle(t, m, func(m Model) bool { return countState(m, transfer.Paused) == 0 })
	m = press(t, m, "q")
	wantScreen(t, m, "1 transfer is not finished.")
}

func countState(m Model, s transfer.State) int {
	n := 0
	for _, j := range m.queue.Jobs() {
		if j.State == s {
			n++
		}
	}
	return n
}

func TestQueueLinesFitTheWidth(t *testing.T) {
	for _, w := range []int{60, 80, 109, 110, 200} {
		m := newTest(t, sampleLocal(), sampleRemote(), w, 30)
		m.queue.SetJobs(sampleJobs())
		m.showQueue = true
		m.layout()
		for i, l := range strings.Split(screen(m), "\n") {
			if got := ansi.StringWidth(l); got != w {
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, got, l)
			}
		}
	}
}

func TestCancelAskedForActiveJob(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 30)
	m.queue.SetJobs(sampleJobs()) // the first is active
	m.showQueue = true
	m.layout()
	m = press(t, m, "tab", "x")
	wantScreen(t, m, "Cancel transfer", "Cancel ubuntu-24.04.iso?", "retry continues it")
	m = press(t, m, "esc")
	dontWantScreen(t, m, "Cancel transfer")
}
