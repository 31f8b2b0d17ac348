package find

import (
	"fmt"
	"github.com/ftpane/ftpane/ui/cells"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/walk"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// Column widths of the results list.
const (
	sizeWidth = 7
	timeWidth = 12
)

// rows is how many results fit between the title and the footer.
func (m Model) rows() int { return max(0, m.height-2) }

// View draws the results in the room SetSize gave: a title with the
// search and its progress, the list, and a footer. Every name and folder
// passes the sanitiser.
func (m Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	lines := []string{m.title()}
	rows := m.rows()
	for i := m.offset; i < len(m.results) && i < m.offset+rows; i++ {
		lines = append(lines, m.row(i))
	}
	if len(m.results) == 0 && rows > 0 {
		lines = append(lines, m.styles.Pane.Muted.Render(cells.Fit("  "+m.emptyText(), m.width)))
	}
	for len(lines) < m.height-1 {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	if m.height > 1 {
		lines = append(lines, m.footer())
	}
	return strings.Join(lines, "\n")
}

// DialogView is the open dialog (the query or the copy), "" when none:
// the root draws it over the screen.
func (m Model) DialogView() string {
	if m.form == nil {
		return ""
	}
	return m.form.View()
}

// ShortHelp is the help line while the results have the keys.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	return []key.Binding{k.FindJump, k.FindMark, k.FindCopy, k.FindStop, k.FindNew, k.FindMarkAll, k.FindClose}
}

func (m Model) emptyText() string {
	switch {
	case !m.started:
		return "no search yet"
	case m.running:
		return "searching…"
	}
	return "nothing found"
}

func (m Model) title() string {
	left := "Find " + m.describe()
	right := m.progress()
	room := m.width - ansi.StringWidth(right) - 1
	if ansi.StringWidth(left) > room {
		left = ansi.Truncate(left, max(0, room), "…")
	}
	pad := max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	return m.styles.Pane.TitleActive.Render(cells.Fit(left+strings.Repeat(" ", pad)+right, m.width))
}

// describe says what is searched: the pattern, the folder, the filters.
func (m Model) describe() string {
	if !m.started {
		return "in " + textsafe.String(m.src.Dir)
	}
	f := m.query.filter
	pat := f.Pattern
	if pat == "" {
		pat = "*"
	}
	s := textsafe.String(pat) + " in " + textsafe.String(m.query.root)
	var extra []string
	if f.Type != walk.Both {
		extra = append(extra, f.Type.String())
	}
	if !f.Fold && f.Pattern != "" {
		extra = append(extra, "match case")
	}
	if v := m.last; v != nil {
		for _, t := range []string{v[fieldSize], v[fieldAge]} {
			if t = strings.Join(strings.Fields(t), " "); t != "" {
				extra = append(extra, textsafe.String(t))
			}
		}
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// progress is the live count while the walk runs, the total after.
func (m Model) progress() string {
	n := humanize.Comma(int64(len(m.results)))
	switch {
	case !m.started:
		return ""
	case m.running:
		return fmt.Sprintf("searching %s… %s found", textsafe.String(m.current), n)
	case m.stopped:
		return fmt.Sprintf("stopped: %s found in %s %s", n, humanize.Comma(int64(m.folders)), plural(m.folders, "folder", "folders"))
	}
	return fmt.Sprintf("%s found in %s %s", n, humanize.Comma(int64(m.folders)), plural(m.folders, "folder", "folders"))
}

func (m Model) footer() string {
	st := m.styles.Pane.Muted
	left := m.note
	switch {
	case m.note != "" && !m.noteIsOK:
		st = m.styles.Status.Error
	case m.note == "" && m.failed > 0:
		left = fmt.Sprintf("%d %s could not be read (L shows the log)", m.failed, plural(m.failed, "folder", "folders"))
		st = m.styles.Status.Error
	}
	right := ""
	if m.nMarked > 0 {
		var size int64
		for i, r := range m.results {
			if m.marked[i] {
				size += max(0, r.Entry.Size)
			}
		}
		right = fmt.Sprintf("%d marked, %s", m.nMarked, humanize.Bytes(uint64(size)))
	}
	room := m.width - ansi.StringWidth(right) - 1
	left = ansi.Truncate(left, max(0, room), "…")
	pad := max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	return cells.Fit(st.Render(left)+strings.Repeat(" ", pad)+m.styles.Status.Marked.Render(right), m.width)
}

// row is one result: a mark, its path from the start folder, its size
// and time. The cursor's row is drawn in the cursor style.
func (m Model) row(i int) string {
	r := m.results[i]
	tail := " " + cells.PadLeft(sizeText(r.Entry), sizeWidth) + " " + cells.PadRight(timeText(r.Entry.ModTime), timeWidth)
	if m.width < 40 {
		tail = ""
	}
	gutter := " "
	if m.marked[i] {
		gutter = "*"
	}
	name := textsafe.String(r.Rel)
	if r.Entry.IsDir() {
		name += "/"
	}
	nameW := max(0, m.width-1-ansi.StringWidth(tail))
	line := gutter + cells.Fit(name, nameW) + tail
	switch {
	case i == m.cursor:
		return m.styles.Pane.Cursor.Render(cells.Fit(line, m.width))
	case m.marked[i]:
		return m.styles.Pane.Marked.Render(cells.Fit(line, m.width))
	case r.Entry.IsDir():
		return m.styles.Pane.Dir.Render(gutter+cells.Fit(name, nameW)) + tail
	case r.Entry.Kind == session.KindLink:
		return m.styles.Pane.Link.Render(gutter+cells.Fit(name, nameW)) + tail
	}
	return cells.Fit(line, m.width)
}

// sizeText is the size column as the panes show it.
func sizeText(e session.Entry) string {
	switch e.Kind {
	case session.KindDir:
		return "<DIR>"
	case session.KindLink:
		return "<LNK>"
	case session.KindOther:
		return "<OTHER>"
	}
	if e.Size < 1000 {
		return fmt.Sprintf("%d B", e.Size)
	}
	return strings.ReplaceAll(humanize.Bytes(uint64(e.Size)), " ", "")
}

// timeText is ls's format: the time for this half year, the year
// otherwise.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if time.Since(t) < 180*24*time.Hour && t.Before(time.Now().Add(time.Hour)) {
		return t.Format("Jan _2 15:04")
	}
	return t.Format("Jan _2  2006")
}
