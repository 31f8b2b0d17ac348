package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/ui/pane"
)

// TestNothingActsOnParentRow: with the cursor on "..", the keys that act
// on an entry do nothing (no dialog, nothing sent to the server); with
// marks they act on the marks, never on "..".
func TestNothingActsOnParentRow(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 24)
	if !m.panes[1].AtParent() {
		t.Fatalf("start: on %q", cursorName(m))
	}
	for _, k := range []string{"f5", "f6", "shift+f6", "f8", "delete", "m", "f3", "f4"} {
		m = press(t, m, k)
		if m.form != nil || m.view != nil {
			t.Fatalf("%s on .. opened something:\n%s", k, screen(m))
		}
	}
	if len(m.q.Snapshot()) != 0 || !remote.Exists("/pub/docs") || m.panes[1].Dir() != "/pub" {
		t.Fatal("a key on .. did something")
	}
	wantScreen(t, m, `not now: the cursor is on ".." (the folder above)`)
	m = press(t, m, "space") // skips "..", as in mc
	if n, _ := m.panes[1].Marked(); n != 0 || cursorName(m) != "docs" {
		t.Fatalf("space on ..: %d marked, on %q", n, cursorName(m))
	}
	m = press(t, m, "home")
	m = press(t, m, "end", "space", "home") // mark the last entry, back on ".."
	m = press(t, m, "f5")
	wantScreen(t, m, "Copy", "文档说明.txt from /pub")
	m = press(t, m, "esc", "f8")
	wantScreen(t, m, "Delete 1 entry", "文档说明.txt")
	dontWantScreen(t, m, "  ../")
}

// TestDoubleClickOpensThroughTheRoot: the root passes left clicks to the
// pane, which opens a row clicked twice quickly; a right click only
// focuses.
func TestDoubleClickOpensThroughTheRoot(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 20)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range m.panes {
		m.panes[i].SetClock(func() time.Time { return now })
	}
	x := m.leftWidth() + 5                                                   // the right pane
	at := func(row int) int { return 1 + 1 + row }                           // header, pane title
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(1), Button: tea.MouseLeft}) // docs
	now = now.Add(pane.DoubleClick / 2)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(1), Button: tea.MouseLeft})
	if m.panes[1].Dir() != "/pub/docs" || !m.panes[1].AtParent() {
		t.Fatalf("double click on docs: in %q on %q", m.panes[1].Dir(), cursorName(m))
	}
	now = now.Add(time.Second)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(0), Button: tea.MouseRight})
	now = now.Add(pane.DoubleClick / 2)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(0), Button: tea.MouseRight})
	if m.panes[1].Dir() != "/pub/docs" {
		t.Fatalf("right double click opened: in %q", m.panes[1].Dir())
	}
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(0), Button: tea.MouseLeft}) // ".."
	now = now.Add(pane.DoubleClick / 2)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(0), Button: tea.MouseLeft})
	if m.panes[1].Dir() != "/pub" || cursorName(m) != "docs" {
		t.Fatalf("double click on ..: in %q on %q", m.panes[1].Dir(), cursorName(m))
	}
	m = press(t, m, "end") // 文档说明.txt, at row 6
	now = now.Add(time.Second)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(6), Button: tea.MouseLeft})
	now = now.Add(pane.DoubleClick / 2)
	m = send(t, m, tea.MouseClickMsg{X: x, Y: at(6), Button: tea.MouseLeft})
	wantScreen(t, m, "中文") // the file, in the viewer
}
