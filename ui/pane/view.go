package pane

import (
	"github.com/ftpane/ftpane/ui/cells"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
)

// View renders the title line and the visible rows only, so a folder of
// 100,000 entries costs no more than one of forty.
func (m Model) View() string {
	var b strings.Builder
	b.WriteString(m.title())
	cols := m.layout()
	end := min(len(m.view), m.offset+m.rows())
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(m.row(i, cols))
	}
	for i := end - m.offset; i < m.rows(); i++ {
		b.WriteByte('\n')
		if i == end-m.offset && m.Len() == 0 && !m.loading { // under "..", if any
			b.WriteString(m.styles.Pane.Muted.Render(cells.Fit(m.emptyText(), m.width)))
			continue
		}
		b.WriteString(strings.Repeat(" ", m.width))
	}
	if m.tab.cut && m.height > 1 {
		b.WriteByte('\n')
		b.WriteString(m.styles.Pane.Muted.Render(cells.Fit(cutText(m.tab.len()), m.width)))
	}
	return b.String()
}

// cutText says that a folder was listed only up to the limit, and which
// setting raises it.
func cutText(n int) string {
	return "  first " + humanize.Comma(int64(n)) + " entries shown (browse.max_entries)"
}

func (m Model) emptyText() string {
	switch {
	case m.fs == nil:
		return "  not connected (c to connect)"
	case m.filter.text != "":
		return "  no match"
	case m.listErr != "":
		return "  " + Escape(m.listErr)
	}
	return "  empty folder"
}

func (m Model) title() string {
	st := m.styles.Pane.Title
	if m.active {
		st = m.styles.Pane.TitleActive
	}
	right := m.sort.String()
	if m.reverse {
		right += "↓"
	}
	if m.hidden {
		right += " .*"
	}
	if m.loading {
		right = m.spin.View() + " " + right
	}
	if m.filter.text != "" || m.filter.typing {
		right = "/" + Escape(m.filter.text) + cursorMark(m.filter.typing) + " " + right
	}
	left := Escape(m.dir)
	if m.fs == nil {
		left = "(none)"
	}
	room := m.width - ansi.StringWidth(right) - 1
	if room < 4 {
		return st.Render(cells.Fit(left, m.width))
	}
	if ansi.StringWidth(left) > room {
		left = "…" + ansi.TruncateLeft(left, ansi.StringWidth(left)-room+1, "")
	}
	pad := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	return st.Render(left + strings.Repeat(" ", max(1, pad)) + right)
}

func cursorMark(typing bool) string {
	if typing {
		return "▏"
	}
	return ""
}

func (m Model) row(i int, l layout) string {
	idx := m.view[i]
	if idx == upRow {
		return m.upRow(i, l)
	}
	e := m.tab.peek(idx)
	marked := m.marked(idx)
	gutter := " "
	if marked {
		gutter = "*"
	}
	var b strings.Builder
	for j, c := range l.cols {
		if j > 0 {
			b.WriteByte(' ')
		}
		if c == ColName {
			cm := m.compareMarker(e.Name) // compare.go: a comparison's sign without colour
			b.WriteString(cm + m.name(e, l.widths[j]-ansi.StringWidth(cm), marked, i == m.cursor))
		} else {
			b.WriteString(cell(e, c, l.widths[j]))
		}
	}
	rest := b.String()
	if i == m.cursor {
		return m.cursorStyle().Render(ansi.Strip(gutter + rest))
	}
	if marked {
		return m.styles.Pane.Marked.Render(gutter) + rest
	}
	return gutter + rest
}

// upRow is the ".." row, mc's way up: a folder, never marked, with
// mc's UP--DIR where the size goes.
func (m Model) upRow(i int, l layout) string {
	var b strings.Builder
	b.WriteByte(' ')
	for j, c := range l.cols {
		if j > 0 {
			b.WriteByte(' ')
		}
		switch c {
		case ColName:
			cm := m.compareMarker(upName) // compare.go: its column, blank
			name := cells.Fit(upName, l.widths[j]-ansi.StringWidth(cm))
			if i != m.cursor {
				name = m.styles.Pane.Dir.Render(name)
			}
			b.WriteString(cm + name)
		case ColSize:
			b.WriteString(cells.PadLeft(upSize, l.widths[j]))
		default:
			b.WriteString(strings.Repeat(" ", l.widths[j]))
		}
	}
	if i == m.cursor {
		return m.cursorStyle().Render(ansi.Strip(b.String()))
	}
	return b.String()
}

func (m Model) cursorStyle() lipgloss.Style {
	if m.active {
		return m.styles.Pane.Cursor
	}
	return m.styles.Pane.CursorInactive
}

// name renders an entry's name in w cells: escaped, suffixed by kind,
// with the filter's matched letters highlighted.
func (m Model) name(e session.Entry, w int, marked, cursor bool) string {
	raw := e.Name
	esc := Escape(raw)
	suffix := nameSuffix(e)
	text := cells.Fit(esc+suffix, w)
	if cursor {
		return text
	}
	st := m.entryStyle(e, marked)
	if m.filter.text == "" || esc != raw || ansi.StringWidth(esc) >= w { // the name itself must fit
		return st.Render(text)
	}
	pattern := []rune(m.filter.text)
	_, pos, ok := match(pattern, asciiPattern(pattern), raw, nil) // rows on screen only
	if !ok {
		return st.Render(text)
	}
	return highlight(raw, pos, st, m.styles.Pane.Match) + st.Render(text[len(raw):])
}

func (m Model) entryStyle(e session.Entry, marked bool) lipgloss.Style {
	if st, ok := m.compareStyle(e.Name); ok { // compare.go
		return st
	}
	switch {
	case marked:
		return m.styles.Pane.Marked
	case e.Kind == session.KindDir:
		return m.styles.Pane.Dir
	case e.Kind == session.KindLink:
		return m.styles.Pane.Link
	case e.Kind == session.KindOther || e.Kind == session.KindUnknown:
		return m.styles.Pane.Other
	}
	return m.styles.Pane.File
}

func highlight(s string, pos []int, base, match lipgloss.Style) string {
	hit := make(map[int]bool, len(pos))
	for _, p := range pos {
		hit[p] = true
	}
	var b strings.Builder
	for i, r := range s {
		if hit[i] {
			b.WriteString(match.Render(string(r)))
		} else {
			b.WriteString(base.Render(string(r)))
		}
	}
	return b.String()
}

func kindSuffix(e session.Entry) string {
	switch e.Kind {
	case session.KindDir:
		return "/"
	case session.KindLink:
		return "@"
	}
	return ""
}
