package ui

import (
	"context"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// BenchmarkJobEvent is what one transfer event costs the UI with n jobs
// in the queue: handleJobEvent (the queue pane's rows by ID, and the
// queue's Get for a state change) and a redraw of the queue pane at
// 120x40 (the rest of the screen does not depend on the queue). The
// events cycle through Started, Progress and Done of jobs spread over
// the queue, so the cursor follows them across the rows. ns/op must not
// grow with n. Most of it is copying the root model (about 140 KiB) in
// and out of handleJobEvent, which is why events come in batches.
//
//	go test -run '^$' -bench JobEvent ./ui/
func BenchmarkJobEvent(b *testing.B) {
	for _, n := range []int{100, 1000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			kinds := []transfer.EventKind{transfer.EventStarted, transfer.EventProgress, transfer.EventDone}
			states := []transfer.State{transfer.Active, transfer.Active, transfer.Done}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := i % 3
				id := transfer.ID((i/3*7919)%n + 1)
				ev := transfer.Event{Kind: kinds[k], ID: id, State: states[k], Done: int64(i), Total: 1 << 20}
				mm, _ := m.handleJobEvent(jobEventMsg{[]transfer.Event{ev}})
				m = mm.(Model)
				_ = m.queue.View()
			}
		})
	}
}

// benchModel is the root model at 120x40 over a queue of n downloads
// whose server never answers, its queue pane shown.
func benchModel(b *testing.B, n int) Model {
	local := fakefs.New("local", "/home/ann")
	q, err := transfer.New(transfer.Options{NoJournal: true, Workers: 1, Local: local,
		Dial: func(ctx context.Context, _ session.Config, _ ...session.DialOption) (session.FS, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { q.Close() })
	remote := transfer.RemoteEndpoint(session.Config{Host: "ftp.example.org", User: "ann"})
	for i := range n {
		q.Add(transfer.Job{Src: remote, Dst: transfer.LocalEndpoint(), SrcPath: fmt.Sprintf("/pub/d%d/f%d", i/100, i),
			DstPath: fmt.Sprintf("/home/ann/d%d/f%d", i/100, i), Size: 1 << 20})
	}
	m := New(Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true, Queue: q})
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = mm.(Model)
	m.showQueue = true
	m.layout()
	return m
}
