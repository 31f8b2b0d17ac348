// Package queue is the transfer queue pane: one row per job with a
// hash-mark bar, and a total line. It only draws what the root hands it
// (a snapshot of transfer.Queue); it never calls the queue itself.
package queue

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/styles"
)

// Model is the queue pane.
type Model struct {
	jobs   []transfer.JobState
	sum    transfer.Summary
	cursor int
	offset int
	width  int
	height int
	smooth bool // a smooth bar instead of hash marks
	active bool
	keys   keymap.KeyMap
	styles styles.Styles
}

// New makes an empty pane that draws hash marks.
func New(keys keymap.KeyMap, st styles.Styles) Model { return Model{keys: keys, styles: st} }

// SetJobs replaces the rows with a new snapshot, keeping the cursor on
// the same job when it is still there.
func (m *Model) SetJobs(jobs []transfer.JobState) {
	var cur transfer.ID
	if j, ok := m.Selected(); ok {
		cur = j.ID
	}
	m.jobs = jobs
	m.sum = transfer.Summarize(jobs)
	for i, j := range jobs {
		if j.ID == cur {
			m.cursor = i
		}
	}
	m.clamp()
}

// Jobs is the snapshot shown.
func (m Model) Jobs() []transfer.JobState { return m.jobs }

// Summary is the total line's numbers.
func (m Model) Summary() transfer.Summary { return m.sum }

// Selected is the job under the cursor.
func (m Model) Selected() (transfer.JobState, bool) {
	if m.cursor < 0 || m.cursor >= len(m.jobs) {
		return transfer.JobState{}, false
	}
	return m.jobs[m.cursor], true
}

// SetSize sets the pane's size, its title and total lines included.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// SetActive says whether the pane has the focus.
func (m *Model) SetActive(a bool) { m.active = a }

// SetStyles changes the looks.
func (m *Model) SetStyles(st styles.Styles) { m.styles = st }

// SetKeys changes the bindings.
func (m *Model) SetKeys(k keymap.KeyMap) { m.keys = k }

// ToggleHash switches between hash marks and a smooth bar.
func (m *Model) ToggleHash() { m.smooth = !m.smooth }

// SetHash picks hash marks (true) or a smooth bar.
func (m *Model) SetHash(on bool) { m.smooth = !on }

// Hash reports whether bars are drawn with hash marks.
func (m Model) Hash() bool { return !m.smooth }

// Update moves the cursor; the root handles the job keys, which act on
// the queue.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.keys.JobUp):
			m.MoveCursor(-1)
		case key.Matches(k, m.keys.JobDown):
			m.MoveCursor(1)
		}
	}
	return m, nil
}

// MoveCursor moves the cursor delta rows, scrolling to keep it visible.
func (m *Model) MoveCursor(delta int) {
	m.cursor += delta
	m.clamp()
}

// rows is how many job rows fit between the title and the total line.
func (m Model) rows() int { return max(1, m.height-2) }

func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.jobs)-1))
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+m.rows() {
		m.offset = m.cursor - m.rows() + 1
	}
	m.offset = max(0, min(m.offset, len(m.jobs)-m.rows()))
}
