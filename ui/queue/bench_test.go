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
