// Package queue is the transfer queue pane: one row per job with a
// hash-mark bar, a total line, and a detail view of one job. It only
// draws what the root hands it (a snapshot at the start, then each event
// with the job's state); it never calls the queue itself. Rows are kept
// by job ID, so an event costs the same with 100 jobs as with 100,000.
package queue

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/styles"
)

// Model is the queue pane. Its rows live behind pointers shared by the
// copies Bubble Tea makes of the model: only the latest copy is used.
type Model struct {
	byID   map[transfer.ID]*transfer.JobState
	order  *order
	sum    transfer.Summary
	cursor int
	offset int
	// follow keeps the newest started job under the cursor until the
	// user moves it; it comes back when nothing is left to do.
	follow bool
	detail detail
	width  int
	height int
	smooth bool // a smooth bar instead of hash marks
	active bool
	keys   keymap.KeyMap
	styles styles.Styles

	limit int64 // the queue's overall bandwidth limit, 0: none
}

// New makes an empty pane that draws hash marks.
func New(keys keymap.KeyMap, st styles.Styles) Model {
	return Model{keys: keys, styles: st, byID: map[transfer.ID]*transfer.JobState{}, order: newOrder(), follow: true}
}

func (m *Model) init() {
	if m.byID == nil {
		m.byID, m.order = map[transfer.ID]*transfer.JobState{}, newOrder()
	}
}

// SetJobs replaces the rows with a snapshot (at the start, and in tests),
// keeping the cursor on the same job when it is still there.
func (m *Model) SetJobs(jobs []transfer.JobState) {
	cur, _ := m.Selected()
	m.byID = make(map[transfer.ID]*transfer.JobState, len(jobs))
	ids := make([]transfer.ID, len(jobs))
	for i := range jobs {
		j := jobs[i]
		m.byID[j.ID], ids[i] = &j, j.ID
	}
	m.order = newOrder()
	m.order.reset(ids)
	m.sum = transfer.Summarize(jobs)
	if i := m.order.index(cur.ID); i >= 0 {
		m.cursor = i
	}
	m.clamp()
}

// Has reports whether the job has a row: the root then needs no more
// than a progress event's numbers.
func (m Model) Has(id transfer.ID) bool { _, ok := m.byID[id]; return ok }

// Apply brings the rows up to date with one event. js is the job's state
// read from the queue after the event (ok false: it is gone, or was not
// read because the event's numbers are enough: a Progress of a known row).
func (m *Model) Apply(ev transfer.Event, js transfer.JobState, ok bool) {
	m.init()
	old, had := m.byID[ev.ID]
	switch {
	case ev.Kind == transfer.EventRemoved || !ok && ev.Kind != transfer.EventProgress:
		if had {
			m.sum.Remove(*old)
			delete(m.byID, ev.ID)
			m.shift(m.order.remove(ev.ID), -1)
		}
		return
	case ev.Kind == transfer.EventProgress && had:
		m.sum.Remove(*old)
		old.State, old.Done, old.Total, old.Rate, old.ETA = ev.State, ev.Done, ev.Total, ev.Rate, ev.ETA
		m.sum.Add(*old)
		return
	case !ok:
		return // progress of a job not known yet: its Queued comes first
	case !had:
		m.order.insertAfter(ev.After, ev.ID)
		m.shift(m.order.index(ev.ID), 1)
	case ev.Kind == transfer.EventMoved:
		selected := m.order.at(m.cursor) == ev.ID
		m.shift(m.order.remove(ev.ID), -1)
		m.order.insertAfter(ev.After, ev.ID)
		m.shift(m.order.index(ev.ID), 1)
		if selected { // the cursor moves with its job
			m.cursor = m.order.index(ev.ID)
			m.clamp()
		}
	}
	if had {
		m.sum.Remove(*old)
	}
	m.byID[ev.ID] = &js
	m.sum.Add(js)
	m.followEvent(ev)
}

// shift keeps the cursor on its job when a row came (+1) or went (-1)
// at row i.
func (m *Model) shift(i, delta int) {
	if i >= 0 && (i < m.cursor || i == m.cursor && delta > 0 && m.order.len() > 1) {
		m.cursor += delta
	}
	m.clamp()
}

// followEvent keeps a job that starts in view while following: when
// its row is off screen, the cursor goes to it (and the view with it).
// Following starts again once nothing is left to do.
func (m *Model) followEvent(ev transfer.Event) {
	switch {
	case m.follow && ev.Kind == transfer.EventStarted:
		if i := m.order.index(ev.ID); i >= 0 && (i < m.offset || i >= m.offset+m.rows()) {
			m.cursor = i
			m.clamp()
		}
	case !m.follow && !m.sum.Busy() && m.sum.InFlight == 0:
		m.follow = true
	}
}

// Jobs is every row, in order (a copy: for tests and rare questions).
func (m Model) Jobs() []transfer.JobState {
	if m.order == nil {
		return nil
	}
	out := make([]transfer.JobState, 0, m.order.len())
	for _, id := range m.order.slice(0, m.order.len()) {
		out = append(out, *m.byID[id])
	}
	return out
}

// Len is how many rows the pane has.
func (m Model) Len() int {
	if m.order == nil {
		return 0
	}
	return m.order.len()
}

// Counts is how many jobs are under way (neither finished nor paused)
// and how many are paused.
func (m Model) Counts() (busy, paused int) {
	for _, j := range m.byID {
		switch {
		case j.State == transfer.Paused:
			paused++
		case !j.State.Final():
			busy++
		}
	}
	return busy, paused
}

// Summary is the total line's numbers.
func (m Model) Summary() transfer.Summary { return m.sum }

// Selected is the job under the cursor.
func (m Model) Selected() (transfer.JobState, bool) {
	if m.order == nil {
		return transfer.JobState{}, false
	}
	if j, ok := m.byID[m.order.at(m.cursor)]; ok {
		return *j, true
	}
	return transfer.JobState{}, false
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

// SetLimit is the queue's overall bandwidth limit (bytes a second, 0:
// none), for the total line: the root hands it over, as it does events.
func (m *Model) SetLimit(bps int64) { m.limit = max(bps, 0) }

// Limit is the overall bandwidth limit the total line shows.
func (m Model) Limit() int64 { return m.limit }

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
		case m.detail.open:
			m.detail.update(k, m.keys)
		case key.Matches(k, m.keys.JobUp):
			m.MoveCursor(-1)
		case key.Matches(k, m.keys.JobDown):
			m.MoveCursor(1)
		}
	}
	return m, nil
}

// MoveCursor moves the cursor delta rows, scrolling to keep it visible;
// the user moved it, so it stops following new jobs.
func (m *Model) MoveCursor(delta int) {
	m.cursor += delta
	m.follow = false
	m.clamp()
}

// rows is how many job rows fit between the title and the total line.
func (m Model) rows() int { return max(1, m.height-2) }

func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, m.Len()-1))
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+m.rows() {
		m.offset = m.cursor - m.rows() + 1
	}
	m.offset = max(0, min(m.offset, m.Len()-m.rows()))
}
