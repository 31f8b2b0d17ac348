package ui

import (
	"context"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// TestQueueRateKeys: in the queue pane b types the limit all transfers
// share and B the selected transfer's own; a bad value keeps the dialog
// open with what was expected; the total line and the row show the
// limits, and :rate changes the same limit.
func TestQueueRateKeys(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	o := Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"},
		Dial:   func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return remote, nil }}
	o.Queue = blockedQueue(t, local)
	m := New(o)
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	m = press(t, m, "tab", "down", "space", "f5", "tab", "right", "enter") // overwrite
	m = settle(t, m, func(m Model) bool { return len(m.queue.Jobs()) == 1 })
	m = press(t, m, "tab", "tab", "?") // the queue pane's keys
	wantScreen(t, m, "bandwidth limit", "limit of this transfer")
	m = press(t, m, "esc")

	m = press(t, m, "b")
	wantScreen(t, m, "Bandwidth limit", "All transfers together", "1024-based")
	m = typeText(t, m, "fast")
	m = press(t, m, "enter")
	wantScreen(t, m, "Bandwidth limit", `limit: "fast" is not a rate`)
	if m.q.Rate() != 0 {
		t.Fatalf("a refused value set a limit of %d", m.q.Rate())
	}
	m = press(t, m, "backspace", "backspace", "backspace", "backspace")
	m = typeText(t, m, "1M")
	m = press(t, m, "enter")
	dontWantScreen(t, m, "Bandwidth limit")
	wantScreen(t, m, "bandwidth limit for all transfers: 1.0 MiB/s", "limit 1.0 MiB/s  ETA")
	if m.q.Rate() != 1<<20 {
		t.Fatalf("queue limit %d after typing 1M", m.q.Rate())
	}

	j, _ := m.queue.Selected()
	m = press(t, m, "B")
	wantScreen(t, m, "Limit of this transfer", "The overall limit (b) holds as well.")
	m = typeText(t, m, "300K")
	m = press(t, m, "enter")
	m = settle(t, m, func(m Model) bool { js, _ := m.queue.Selected(); return js.Limit == 300<<10 })
	wantScreen(t, m, "active ≤300K/s")
	m = press(t, m, "enter") // the detail view
	wantScreen(t, m, "limit   300 KiB/s of its own")
	m = press(t, m, "esc")
	if js, _ := m.q.Get(j.ID); js.Limit != 300<<10 {
		t.Fatalf("the job's own limit is %d in the queue, want 300K", js.Limit)
	}

	m = press(t, m, ":")
	m = typeText(t, m, "rate off")
	m = press(t, m, "enter")
	dontWantScreen(t, m, "limit 1.0 MiB/s")
	if m.q.Rate() != 0 {
		t.Fatalf(":rate off left a limit of %d", m.q.Rate())
	}
	m = press(t, m, ":")
	m = typeText(t, m, "rate 2M")
	m = press(t, m, "enter")
	m = press(t, m, "esc") // the log had the focus
	wantScreen(t, m, "limit 2.0 MiB/s")
	m = press(t, m, "b") // the dialog starts from the limit there is
	if m.form == nil || m.form.Values()[0] != "2M" {
		t.Fatalf("b after :rate 2M: dialog %v", m.form != nil)
	}
}

// TestRateFromConfig: the limit the queue starts with (config.toml's
// rate_limit) is on the total line from the first frame.
func TestRateFromConfig(t *testing.T) {
	q, err := transfer.New(transfer.Options{NoJournal: true, Rate: 512 << 10})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	o := Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Queue: q}
	m := New(o)
	m = send(t, m, windowSize(120, 30))
	m.showQueue = true
	m.layout()
	wantScreen(t, m, "limit 512 KiB/s")
}
