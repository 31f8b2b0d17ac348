package viewer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/ui/pane"
)

// View draws the title bar, the visible rows and the bottom line.
func (m Model) View() string {
	var b strings.Builder
	info := m.info(m.lastShown())
	title := " " + pane.Escape(m.title)
	title = ansi.Truncate(title, max(0, m.width-ansi.StringWidth(info)), "…")
	pad := max(0, m.width-ansi.StringWidth(title)-ansi.StringWidth(info))
	b.WriteString(m.styles.Viewer.Title.Render(title + strings.Repeat(" ", pad) + info))
	for _, row := range m.body() {
		b.WriteByte('\n')
		b.WriteString(row)
	}
	b.WriteByte('\n')
	b.WriteString(m.bottom())
	return b.String()
}

// body is the screen's rows of the file: the lines from the top one on,
// cut or wrapped to the width, with the search's matches highlighted.
func (m Model) body() []string {
	n := m.rows()
	out := make([]string, 0, n)
	var mt *matcher
	if m.find.pat != "" {
		mt = &m.find.mt
	}
	var mask []bool
	if m.hex && mt != nil {
		mask = m.hexMask(mt)
	}
	hl := m.styles.Pane.Match.Underline(false).Reverse(true) // the theme's match colour, as a background
	for i, skip := m.offset, m.sub; len(out) < n && i < m.total(); i, skip = i+1, 0 {
		if !m.holds(i) {
			out = append(out, "")
			continue
		}
		rows := layout(m.lineSpans(i, mt, mask), m.width, m.hscroll, m.wrap)
		for _, r := range rows[min(skip, len(rows)-1):] {
			if len(out) == n {
				break
			}
			out = append(out, renderRow(r, hl))
		}
	}
	for len(out) < n {
		out = append(out, "")
	}
	return out
}

// hexMask marks the bytes of the window's rows that are in a match.
func (m Model) hexMask(mt *matcher) []bool {
	var buf []byte
	for _, l := range m.win {
		buf = append(buf, l.raw...)
	}
	mask := make([]bool, len(buf))
	for _, r := range mt.all(buf) {
		for i := r[0]; i < r[1]; i++ {
			mask[i] = true
		}
	}
	return mask
}

// maxHScroll keeps half a screen of the widest visible line in view.
func (m Model) maxHScroll() int {
	widest := 0
	for i := m.offset; i < m.lastShown(); i++ {
		if m.holds(i) {
			widest = max(widest, spansWidth(m.lineSpans(i, nil, nil)))
		}
	}
	return max(0, widest-m.width/2)
}

// info is the title's right side: the last line shown of how many, and
// while the file is still being read, how much of it was.
func (m Model) info(end int) string {
	total := m.total()
	switch {
	case m.err != nil:
		return fmt.Sprintf(" %d/%d, stopped: %s ", end, total, pane.Escape(m.err.Error()))
	case !m.allRead():
		return fmt.Sprintf(" %d/%d… %s read ", end, total, humanize.IBytes(uint64(m.avail)))
	}
	pct := 100
	if total > 0 {
		pct = end * 100 / total
	}
	return fmt.Sprintf(" %d/%d %d%% ", end, total, pct)
}

// bottom is the search prompt while one is typed; else what the search
// found, then the keys.
func (m Model) bottom() string {
	if m.find.typing {
		return ansi.Truncate(m.find.input.View(), m.width, "")
	}
	keys := []key.Binding{m.keys.ViewSearch, m.keys.ViewNext, m.keys.ViewPrev, m.keys.ViewHex, m.keys.ViewWrap,
		m.keys.ViewClose}
	h := m.help
	text, bad := m.searchStatus()
	if text == "" {
		h.SetWidth(m.width)
		return ansi.Truncate(h.ShortHelpView(keys), m.width, "") // help overflows when even "…" does not fit
	}
	st := m.styles.Status.Info
	if bad {
		st = m.styles.Status.Error
	}
	text = ansi.Truncate(text, m.width, "…")
	h.SetWidth(max(0, m.width-ansi.StringWidth(text)-3))
	keysView := ""
	if h.Width() > 10 {
		keysView = "   " + ansi.Truncate(h.ShortHelpView(keys), h.Width(), "")
	}
	return st.Render(text) + keysView
}
