package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
)

// TestMaxEntriesCutsBothPanes: the configured limit reaches the panes; a
// folder longer than it shows its first entries and says so, and the
// status bar counts what is shown.
func TestMaxEntriesCutsBothPanes(t *testing.T) {
	o := Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Editor: "true", MaxEntries: 3}
	o.Remote = &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"}
	remote := sampleRemote()
	o.Dial = func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return remote, nil }
	m := New(o)
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = run(t, m, m.Init())
	if m.panes[1].Total() != 3 || !m.panes[1].Cut() || !m.panes[0].Cut() {
		t.Fatalf("remote %d entries (cut %v), local cut %v", m.panes[1].Total(), m.panes[1].Cut(), m.panes[0].Cut())
	}
	wantScreen(t, m, "first 3 entries shown")
	golden(t, "cut-80x24", screen(m))
}
