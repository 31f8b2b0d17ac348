// Package viewer is the F3 pager: a read-only, scrollable view of the
// start of a file. Only the visible lines are rendered.
package viewer

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/styles"
)

// Model is the pager.
type Model struct {
	title     string
	lines     []string
	offset    int
	truncated bool
	closed    bool
	width     int
	height    int
	keys      keymap.KeyMap
	styles    styles.Styles
}

// New shows data; truncated says the file goes on past what was read.
func New(title string, data []byte, truncated bool, keys keymap.KeyMap, st styles.Styles) Model {
	return Model{title: title, lines: toLines(data), truncated: truncated, keys: keys, styles: st}
}

// toLines splits text into escaped lines; a binary file is shown as a
// hex dump rather than raw bytes.
func toLines(data []byte) []string {
	probe := data[:min(len(data), 8000)]
	if bytes.IndexByte(probe, 0) >= 0 {
		return hexLines(data)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = pane.Escape(strings.ReplaceAll(l, "\t", "    "))
	}
	return lines
}

func hexLines(data []byte) []string {
	var out []string
	for off := 0; off < len(data); off += 16 {
		chunk := data[off:min(off+16, len(data))]
		out = append(out, fmt.Sprintf("%08x  % x", off, chunk))
	}
	return out
}

// Lines is the text shown, escaped (tests).
func (m Model) Lines() []string { return m.lines }

// SetSize gives the pager the whole screen.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h); m.clamp() }

// Closed reports whether the user left the pager.
func (m Model) Closed() bool { return m.closed }

// Update scrolls or closes.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if w, ok := msg.(tea.MouseWheelMsg); ok {
			m.offset += 3
			if w.Button == tea.MouseWheelUp {
				m.offset -= 6
			}
			m.clamp()
		}
		return m, nil
	}
	page := max(1, m.rows()-1)
	switch {
	case key.Matches(k, m.keys.ViewClose):
		m.closed = true
	case key.Matches(k, m.keys.ViewUp):
		m.offset--
	case key.Matches(k, m.keys.ViewDown):
		m.offset++
	case key.Matches(k, m.keys.ViewPageUp):
		m.offset -= page
	case key.Matches(k, m.keys.ViewPageDown):
		m.offset += page
	case key.Matches(k, m.keys.ViewTop):
		m.offset = 0
	case key.Matches(k, m.keys.ViewBottom):
		m.offset = len(m.lines)
	}
	m.clamp()
	return m, nil
}

func (m Model) rows() int { return max(1, m.height-1) }

func (m *Model) clamp() { m.offset = max(0, min(m.offset, len(m.lines)-m.rows())) }

// View draws the title bar and the visible lines.
func (m Model) View() string {
	var b strings.Builder
	end := min(len(m.lines), m.offset+m.rows())
	pct := 100
	if len(m.lines) > 0 {
		pct = end * 100 / len(m.lines)
	}
	info := fmt.Sprintf(" %d/%d %d%% ", end, len(m.lines), pct)
	if m.truncated {
		info = " (first 4 MiB)" + info
	}
	title := " " + pane.Escape(m.title)
	title = ansi.Truncate(title, max(0, m.width-ansi.StringWidth(info)), "…")
	pad := max(0, m.width-ansi.StringWidth(title)-ansi.StringWidth(info))
	b.WriteString(m.styles.Viewer.Title.Render(title + strings.Repeat(" ", pad) + info))
	for i := m.offset; i < m.offset+m.rows(); i++ {
		b.WriteByte('\n')
		if i < end {
			b.WriteString(ansi.Truncate(m.lines[i], m.width, "…"))
		}
	}
	return b.String()
}
