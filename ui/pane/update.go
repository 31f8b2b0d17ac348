package pane

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
)

// OpenFileMsg asks the root to show a file (Enter on a file, or on a link
// that is not a folder). An intent: the pane does no I/O for it.
type OpenFileMsg struct {
	Pane  ID
	Path  string
	Entry session.Entry
}

// Update handles input for the focused pane, its own listings and its
// spinner's ticks.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ListedMsg:
		if msg.Pane == m.id {
			_, cmd := m.handleListed(msg)
			return m, cmd
		}
	case spinner.TickMsg:
		if m.loading {
			var cmd tea.Cmd
			m.spin, cmd = m.spin.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		if m.filter.typing {
			return m, m.handleFilterKey(msg)
		}
		return m, m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.handleMove(msg):
	case key.Matches(msg, k.Open):
		return m.open()
	case key.Matches(msg, k.Parent):
		return m.up()
	case key.Matches(msg, k.Home):
		return m.LoadHome()
	case key.Matches(msg, k.Reload):
		return m.Reload()
	case key.Matches(msg, k.Mark):
		m.toggleMark()
	case key.Matches(msg, k.Invert):
		m.invertMarks()
	case key.Matches(msg, k.MarkAll):
		m.markAll()
	case key.Matches(msg, k.Sort):
		m.SetSort((m.sort+1)%3, m.reverse)
	case key.Matches(msg, k.Reverse):
		m.SetSort(m.sort, !m.reverse)
	case key.Matches(msg, k.Hidden):
		m.hidden = !m.hidden
		m.keepCursor(func() { m.rebuild("") })
	case key.Matches(msg, k.Filter):
		m.filter.typing = true
	case msg.String() == "esc" && m.filter.text != "":
		m.clearFilter()
	}
	return nil
}

// handleMove moves the cursor; it reports whether the key was a move.
func (m *Model) handleMove(msg tea.KeyPressMsg) bool {
	k, page := m.keys, max(1, m.rows()-1)
	switch {
	case key.Matches(msg, k.Up):
		m.MoveCursor(-1)
	case key.Matches(msg, k.Down):
		m.MoveCursor(1)
	case key.Matches(msg, k.PageUp):
		m.MoveCursor(-page)
	case key.Matches(msg, k.PageDown):
		m.MoveCursor(page)
	case key.Matches(msg, k.Top):
		m.MoveCursor(-len(m.view))
	case key.Matches(msg, k.Bottom):
		m.MoveCursor(len(m.view))
	default:
		return false
	}
	return true
}

func (m *Model) open() tea.Cmd {
	if m.AtParent() {
		return m.up()
	}
	e, ok := m.Current()
	if !ok || m.fs == nil {
		return nil
	}
	p := m.Path(e.Name)
	switch e.Kind {
	case session.KindDir:
		return m.Load(p, "")
	case session.KindLink:
		m.seq++
		m.loading = true
		return tea.Batch(m.spinTick(), followCmd(m.fs, m.id, m.seq, p, e, m.reading()))
	}
	id := m.id
	return func() tea.Msg { return OpenFileMsg{Pane: id, Path: p, Entry: e} }
}

// followCmd enters a link when it leads to a folder, else asks for the
// file to be shown.
func followCmd(fsys session.FS, id ID, seq int, p string, e session.Entry, rd reading) tea.Cmd {
	return func() tea.Msg {
		if _, err := fsys.Chdir(context.Background(), p); err != nil {
			return tea.BatchMsg{
				func() tea.Msg { return ListedMsg{Pane: id, Seq: seq, Err: errNoop} },
				func() tea.Msg { return OpenFileMsg{Pane: id, Path: p, Entry: e} },
			}
		}
		return listCmd(fsys, id, seq, p, "", false, true, rd)()
	}
}

func (m *Model) up() tea.Cmd {
	if m.fs == nil || m.dir == "" {
		return nil
	}
	parent := m.fs.Dir(m.dir)
	if parent == m.dir {
		return nil
	}
	name := strings.TrimLeft(strings.TrimPrefix(m.dir, parent), `/\`)
	return m.Load(parent, name)
}

// MoveCursor moves by delta rows, within bounds.
func (m *Model) MoveCursor(delta int) {
	m.cursor += delta
	m.clampCursor()
}

func (m *Model) clampCursor() {
	m.cursor = max(0, min(m.cursor, len(m.view)-1))
	m.scrollToCursor()
}

func (m *Model) scrollToCursor() {
	rows := m.rows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if rows > 0 && m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.clampOffset()
}

func (m *Model) clampOffset() {
	m.offset = max(0, min(m.offset, len(m.view)-m.rows()))
}

// Scroll moves the view by delta rows (mouse wheel), dragging the cursor
// along when it would leave the screen.
func (m *Model) Scroll(delta int) {
	m.offset += delta
	m.clampOffset()
	m.cursor = max(m.offset, min(m.cursor, m.offset+m.rows()-1))
	m.cursor = max(0, min(m.cursor, len(m.view)-1))
}

// rows is the number of entry rows shown under the title (and above the
// line that says the listing was cut).
func (m Model) rows() int {
	if m.tab.cut {
		return max(0, m.height-2)
	}
	return max(0, m.height-1)
}
