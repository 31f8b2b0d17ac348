package pane

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The ".." row, as Midnight Commander draws it: the first row of every
// folder that has a parent, while no filter is typed. It is no entry:
// Current, Selection and the marks never include it, so no operation
// acts on it; Enter on it goes up.
const (
	upRow  = -1 // its index in view
	upName = ".."
	upSize = "UP--DIR"
)

// parent is the folder above the one shown, "" at the top (or with
// nothing shown).
func (m Model) parent() string {
	if m.fs == nil || m.dir == "" {
		return ""
	}
	if p := m.fs.Dir(m.dir); p != m.dir {
		return p
	}
	return ""
}

// AtParent reports whether the cursor is on the ".." row.
func (m Model) AtParent() bool {
	return m.cursor >= 0 && m.cursor < len(m.view) && m.view[m.cursor] == upRow
}

// hasUp reports whether view starts with the ".." row.
func (m Model) hasUp() bool { return len(m.view) > 0 && m.view[0] == upRow }

// childOnPath is the name, in dir, of the folder that leads down to from
// (from's parent, or an ancestor of it); "" when dir is not above from.
// Going up lands the cursor on it, by whatever way the pane went up.
func childOnPath(dir, from string, parent func(string) string) string {
	for p := from; p != ""; {
		up := parent(p)
		if up == p {
			return ""
		}
		if up == dir {
			return strings.TrimLeft(strings.TrimPrefix(p, up), `/\`)
		}
		p = up
	}
	return ""
}

// DoubleClick is the longest time between two clicks on a row that open
// it.
const DoubleClick = 400 * time.Millisecond

// click is the last click on a row: the row, the listing it was in, and
// when.
type click struct {
	row, seq int
	at       time.Time
}

// SetClock replaces the clock that times double clicks (tests).
func (m *Model) SetClock(now func() time.Time) { m.now = now }

// Click puts the cursor on the row at y (0 is the pane's title line). A
// second click on the same row within DoubleClick opens it as Enter does:
// a folder (or "..") is entered, a file shown.
func (m *Model) Click(y int) tea.Cmd {
	i := m.offset + y - 1
	if y < 1 || i >= len(m.view) {
		m.last = click{}
		return nil
	}
	now := time.Now()
	if m.now != nil {
		now = m.now()
	}
	gap := now.Sub(m.last.at)
	double := m.last.row == i && m.last.seq == m.seq && !m.last.at.IsZero() && gap >= 0 && gap <= DoubleClick
	m.cursor = i
	if double {
		m.last = click{}
		return m.open()
	}
	m.last = click{row: i, seq: m.seq, at: now}
	return nil
}
