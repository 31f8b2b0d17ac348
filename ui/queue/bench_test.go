package queue

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/styles"
)

// BenchmarkFrameWith16Transfers is what a frame costs the queue pane while
// 16 transfers run: a new snapshot of their progress, one key press and a
// redraw at 120x40. The target is well under one frame (16 ms).
func BenchmarkFrameWith16Transfers(b *testing.B) {
	remote := transfer.RemoteEndpoint(session.Config{Host: "ftp.example.org", User: "ann"})
	jobs := make([]transfer.JobState, 16)
	for i := range jobs {
		j := transfer.Job{ID: transfer.ID(i + 1), Src: remote, Dst: transfer.LocalEndpoint(),
			SrcPath: fmt.Sprintf("/pub/file-%02d.iso", i), DstPath: fmt.Sprintf("/home/file-%02d.iso", i)}
		jobs[i] = transfer.JobState{Job: j, State: transfer.Active, Total: 4 << 30, Rate: 50 << 20, ETA: time.Minute}
	}
	m := New(keymap.Default(), styles.New(styles.DefaultTheme(), true, false))
	m.SetSize(120, 40)
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for k := range jobs {
			jobs[k].Done = int64(i) * 1 << 20
		}
		m.SetJobs(jobs)
		m, _ = m.Update(down)
		_ = m.View()
	}
}

// BenchmarkApplyEvent is the queue pane's own share of one event with n
// rows: the row by ID, the total line, the cursor following the started
// job, and a redraw at 120x40. ns/op must not grow with n.
func BenchmarkApplyEvent(b *testing.B) {
	remote := transfer.RemoteEndpoint(session.Config{Host: "ftp.example.org", User: "ann"})
	for _, n := range []int{100, 1000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			jobs := make([]transfer.JobState, n)
			for i := range jobs {
				j := transfer.Job{ID: transfer.ID(i + 1), Src: remote, Dst: transfer.LocalEndpoint(),
					SrcPath: fmt.Sprintf("/pub/d%d/f%d", i/100, i), DstPath: fmt.Sprintf("/home/d%d/f%d", i/100, i)}
				jobs[i] = transfer.JobState{Job: j, State: transfer.Queued, Total: 1 << 20}
			}
			m := New(keymap.Default(), styles.New(styles.DefaultTheme(), true, false))
			m.SetSize(120, 40)
			m.SetJobs(jobs)
			kinds := []transfer.EventKind{transfer.EventStarted, transfer.EventProgress, transfer.EventDone}
			states := []transfer.State{transfer.Active, transfer.Active, transfer.Done}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k, id := i%3, transfer.ID((i/3*7919)%n+1)
				ev := transfer.Event{Kind: kinds[k], ID: id, State: states[k], Done: int64(i), Total: 1 << 20}
				js := jobs[id-1]
				js.State, js.Done = ev.State, ev.Done
				m.Apply(ev, js, k != 1)
				_ = m.View()
			}
		})
	}
}
