package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// layout sizes every child from the window; only the root reads the
// window size.
func (m *Model) layout() {
	h := m.paneHeight()
	m.panes[0].SetSize(m.leftWidth(), h)
	m.panes[1].SetSize(m.width-m.leftWidth()-1, h)
	m.log.SetSize(m.width, m.logHeight())
	m.queue.SetSize(m.width, m.queueHeight())
	m.help.SetWidth(m.width)
	if m.view != nil {
		m.view.SetSize(m.width, m.height)
	}
	if m.form != nil {
		m.form.SetWidth(m.width)
	}
	m.layoutSites()
	m.layoutFind()
}

func (m Model) leftWidth() int { return max(1, (m.width-1)/2) }

func (m Model) logHeight() int {
	if !m.showLog {
		return 0
	}
	return max(3, m.height/3)
}

// queueHeight is the queue pane's: a third of the screen, at least a
// title, two jobs and the total line.
func (m Model) queueHeight() int {
	if !m.showQueue {
		return 0
	}
	return max(4, m.height/3)
}

// paneHeight is what is left under the header and above the queue, the
// log, the status line and the help line.
func (m Model) paneHeight() int { return max(2, m.height-3-m.logHeight()-m.queueHeight()) }

// View draws the screen. It is a pure function of the model.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "ftpane"
	return v
}

// Render is the screen as text (tests, goldens).
func (m Model) Render() string { return m.render() }

func (m Model) render() string { return textsafe.Bidi(clip(m.compose(), m.width, m.height)) }

// clip cuts the screen to the terminal. The layout keeps minimums (a
// dialog 20 cells wide, two rows of panes) that a tiny terminal cannot
// hold: what does not fit is cut, never drawn past the edge.
func clip(screen string, w, h int) string {
	if w <= 0 || h <= 0 { // no size yet
		return screen
	}
	lines := strings.Split(screen, "\n")
	lines = lines[:min(len(lines), h)]
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) compose() string {
	switch {
	case m.view != nil:
		return m.overlayDialog(m.view.View())
	case m.search.Visible():
		return m.overlayDialog(m.findScreen())
	case m.queue.DetailOpen():
		return m.overlayDialog(m.queue.DetailView(m.width, m.height))
	}
	parts := []string{m.header(), m.panesView()}
	if m.showQueue {
		parts = append(parts, m.queue.View())
	}
	if m.showLog {
		parts = append(parts, m.log.View())
	}
	parts = append(parts, m.statusLine(), m.helpLine())
	screen := strings.Join(parts, "\n")
	switch {
	case m.form != nil:
		screen = m.overlayDialog(screen)
	case m.site.dlg != nil:
		screen = overlay(screen, m.site.dlg.View(), m.width, m.height)
	case m.showHelp:
		screen = overlay(screen, m.fullHelp(), m.width, m.height)
	case m.cmp.menu != nil: // compare.go
		screen = overlay(screen, m.compareMenuView(), m.width, m.height)
	case m.cmp.sync != nil: // syncview.go
		screen = overlay(screen, m.syncViewBox(), m.width, m.height)
	}
	return screen
}

// overlayDialog draws the open dialog, if any, over screen (the quit
// question may come over the pager or a job's details).
func (m Model) overlayDialog(screen string) string {
	if m.form == nil {
		return screen
	}
	return overlay(screen, m.form.View(), m.width, m.height)
}

func (m Model) panesView() string {
	left := strings.Split(m.panes[0].View(), "\n")
	right := strings.Split(m.panes[1].View(), "\n")
	sep := m.styles.Pane.Muted.Render("│")
	var b strings.Builder
	for i := range left {
		if i > 0 {
			b.WriteByte('\n')
		}
		r := ""
		if i < len(right) {
			r = right[i]
		}
		b.WriteString(left[i] + sep + r)
	}
	return b.String()
}

func (m Model) header() string {
	st := m.styles.Header
	left := st.Label.Render("ftpane") + "  " + m.side(0, "local") + " ⇄ " + m.side(1, "not connected")
	left += m.watchTag() // watch.go
	left += m.syncBadge()
	return fitLine(left, m.width)
}

// side is what the header says of pane i's connection; idle when the
// pane has none.
func (m Model) side(i int, idle string) string {
	st, l := m.styles.Header, m.links[i]
	switch {
	case l.fs != nil:
		return st.Label.Render(pane.Escape(l.fs.Label())) + connInfo(l.state, st.Lock, st.Muted)
	case l.connecting:
		return st.Muted.Render("connecting…")
	case i == 0:
		return idle
	}
	return st.Muted.Render(idle)
}

// connInfo is the lock when TLS is on, the transfer type and the data
// connection mode.
func connInfo(c connState, lock, muted lipgloss.Style) string {
	if !c.known {
		return ""
	}
	s := ""
	if c.tls != session.TLSNone {
		s += " " + lock.Render("🔒 "+c.tls.String())
	}
	mode := "active"
	if c.passive {
		mode = "passive"
	}
	return s + muted.Render(fmt.Sprintf("  %s · %s", c.typ, mode))
}

func (m Model) statusLine() string {
	p := m.active()
	n, size := p.Marked()
	right := fmt.Sprintf("%d/%d", p.Len(), p.Total())
	if n > 0 {
		right = m.styles.Status.Marked.Render(fmt.Sprintf("%d marked, %s", n, humanize.Bytes(uint64(size)))) + "  " + right
	}
	st := m.styles.Status.Info
	if m.status.err {
		st = m.styles.Status.Error
	}
	room := m.width - ansi.StringWidth(right) - 1
	text := ansi.Truncate(pane.Escape(m.status.text), max(0, room), "…")
	pad := max(1, m.width-ansi.StringWidth(text)-ansi.StringWidth(right))
	return fitLine(st.Render(text)+strings.Repeat(" ", pad)+right, m.width)
}

func (m Model) helpLine() string {
	if _, typing := m.active().Filter(); typing {
		return fitLine(m.styles.Help.Desc.Render("type to filter · enter: keep · esc: clear"), m.width)
	}
	switch {
	case m.cmd.open:
		return fitLine(m.cmd.input.View(), m.width)
	case m.cmd.busy != "":
		return fitLine(m.styles.Help.Desc.Render("running: "+pane.Escape(m.cmd.busy)+"…"), m.width)
	}
	return fitLine(m.help.ShortHelpView(m.shortHelp(m.keyContext())), m.width)
}

// fullHelp is the `?` screen: every binding of the focused part's table
// (bindings.go) that applies now, in titled groups packed into as many columns as the screen allows.
func (m Model) fullHelp() string {
	st := m.styles
	var blocks []string
	groups := m.helpGroups(m.keyContext())
	last := "? or esc closes"
	for _, g := range groups {
		if g.Title == keymap.GroupTitle("terminal") { // a line of its own: ctrl+z
			for _, b := range g.Bindings {
				if b.Enabled() {
					last += " · " + b.Help().Key + " " + b.Help().Desc
				}
			}
			continue
		}
		lines := []string{st.Dialog.Title.Render(g.Title)}
		kw := 0
		for _, b := range g.Bindings {
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		for _, b := range g.Bindings {
			if b.Enabled() {
				k := b.Help().Key
				lines = append(lines, st.Help.Key.Render(k)+strings.Repeat(" ", kw-ansi.StringWidth(k)+1)+
					st.Help.Desc.Render(b.Help().Desc))
			}
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	footer := st.Dialog.Label.Render(last + " · keys can be changed in keys.toml")
	box := st.Dialog.Box.Render(packColumns(blocks, max(20, m.width-6), "\n\n") + "\n\n" + footer)
	if lipgloss.Height(box) > m.height { // tight: no blank lines
		box = st.Dialog.Box.Render(packColumns(blocks, max(20, m.width-6), "\n") + "\n" + footer)
	}
	return box
}

// packColumns sets blocks side by side, starting a new row of blocks
// when the next would pass width.
func packColumns(blocks []string, width int, rowSep string) string {
	var rows []string
	var row []string
	used := 0
	for _, b := range blocks {
		w := lipgloss.Width(b) + 3
		if used+w > width && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(b))
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, rowSep)
}

func fitLine(s string, w int) string {
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}

// overlay draws box centred over screen.
func overlay(screen, box string, w, h int) string {
	lines := strings.Split(screen, "\n")
	boxLines := strings.Split(box, "\n")
	bw := lipgloss.Width(box)
	x := max(0, (w-bw)/2)
	y := max(0, (h-len(boxLines))/2)
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		base := lines[y+i]
		left := ansi.Truncate(base, x, "")
		left += strings.Repeat(" ", max(0, x-ansi.StringWidth(left)))
		right := ansi.TruncateLeft(base, x+bw, "")
		lines[y+i] = left + bl + right
	}
	return strings.Join(lines, "\n")
}
