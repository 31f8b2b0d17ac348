// Package viewer is the F3 pager: a read-only, scrollable view of a file
// of any size. The file is read in chunks as the user scrolls (a remote
// one from a temporary copy that fills in the background); the pager
// holds the lines around the screen and an offset per 256 lines, never
// the file. Only the visible lines are rendered.
package viewer

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/styles"
)

// Model is the pager.
type Model struct {
	title  string
	src    Source
	offset int // the top line shown
	closed bool
	width  int
	height int
	keys   keymap.KeyMap
	styles styles.Styles

	// What the scan has found so far.
	scan     scanState // where the next step starts
	marks    []int64   // marks[k] is the start of line k*stride
	scanning bool      // a step is running
	complete bool      // every line is counted
	avail    int64
	err      error

	// The lines held: win[i] is line winFirst+i. want is the first line
	// of a window being read, or -1.
	winFirst int
	win      []string
	want     int
}

// New pages a source; run Init's command to start reading it.
func New(title string, src Source, keys keymap.KeyMap, st styles.Styles) Model {
	return Model{title: title, src: src, keys: keys, styles: st, marks: []int64{0}, want: -1}
}

// NewText pages bytes already in memory, read at once (tests, short text).
func NewText(title string, data []byte, keys keymap.KeyMap, st styles.Styles) Model {
	m := New(title, memSource{bytes.NewReader(data)}, keys, st)
	return drain(m, m.Init())
}

// drain runs cmd and the commands that follow until none is left. Only
// for sources whose bytes have all arrived: a command waiting for more
// would wait for ever.
func drain(m Model, cmd tea.Cmd) Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case Msg:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m
}

// Init starts counting the file's lines.
func (m *Model) Init() tea.Cmd {
	m.scanning = true
	return scanCmd(m.src, m.scan)
}

// Lines is the text held around the screen, escaped (tests).
func (m Model) Lines() []string { return m.win }

// SetSize gives the pager the whole screen.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h); m.clamp() }

// Closed reports whether the user left the pager.
func (m Model) Closed() bool { return m.closed }

// Update scrolls, closes, and takes its commands' results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case scannedMsg:
		if msg.src != m.src {
			return m, nil
		}
		cmd = m.applyScan(msg)
	case windowMsg:
		if msg.src != m.src || msg.first != m.want {
			return m, nil
		}
		m.winFirst, m.win, m.want = msg.first, msg.lines, -1
	case tea.MouseWheelMsg:
		m.offset += 3
		if msg.Button == tea.MouseWheelUp {
			m.offset -= 6
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.ViewClose) {
			m.closed = true
			src := m.src
			return m, func() tea.Msg { src.Close(); return nil }
		}
		m.handleKey(msg)
	}
	m.clamp()
	return m, tea.Batch(cmd, m.fetch())
}

func (m *Model) handleKey(k tea.KeyPressMsg) {
	page := max(1, m.rows()-1)
	switch {
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
		m.offset = m.scan.line
	}
}

// applyScan counts a step's lines and starts the next step until the
// whole file is counted.
func (m *Model) applyScan(msg scannedMsg) tea.Cmd {
	m.scanning = false
	m.avail, m.err = msg.avail, msg.err
	m.scan.probed, m.scan.hex = msg.probed, msg.hex
	m.scan.from, m.scan.line = msg.next, m.scan.line+msg.lines
	m.marks = append(m.marks, msg.marks...)
	m.complete = msg.complete
	if m.complete || msg.err != nil {
		return nil
	}
	m.scanning = true
	return scanCmd(m.src, m.scan)
}

// fetch reads the lines around the screen when some shown line is not
// held: a screen above and two below, and at least 256 lines, so that
// a taller window (SetSize, which cannot start a read) still finds its
// lines held.
func (m *Model) fetch() tea.Cmd {
	first, end := m.offset, min(m.offset+m.rows(), m.scan.line)
	if first >= end || (first >= m.winFirst && end <= m.winFirst+len(m.win)) {
		return nil
	}
	from := max(0, first-max(m.rows(), 64))
	if m.want == from {
		return nil
	}
	m.want = from
	k := min(from/stride, len(m.marks)-1)
	return windowCmd(m.src, m.scan.hex, from, max(3*m.rows(), 256), m.marks[k], k*stride, m.scan.from)
}

func (m Model) rows() int { return max(1, m.height-1) }

func (m *Model) clamp() { m.offset = max(0, min(m.offset, m.scan.line-m.rows())) }

// View draws the title bar and the visible lines.
func (m Model) View() string {
	var b strings.Builder
	end := min(m.scan.line, m.offset+m.rows())
	info := m.info(end)
	title := " " + pane.Escape(m.title)
	title = ansi.Truncate(title, max(0, m.width-ansi.StringWidth(info)), "…")
	pad := max(0, m.width-ansi.StringWidth(title)-ansi.StringWidth(info))
	b.WriteString(m.styles.Viewer.Title.Render(title + strings.Repeat(" ", pad) + info))
	for i := m.offset; i < m.offset+m.rows(); i++ {
		b.WriteByte('\n')
		if i < end && i >= m.winFirst && i < m.winFirst+len(m.win) {
			b.WriteString(ansi.Truncate(m.win[i-m.winFirst], m.width, "…"))
		}
	}
	return b.String()
}

// info is the title's right side: the last line shown of how many, and
// while the file is still being read, how much of it was.
func (m Model) info(end int) string {
	switch {
	case m.err != nil:
		return fmt.Sprintf(" %d/%d, stopped: %s ", end, m.scan.line, pane.Escape(m.err.Error()))
	case !m.complete:
		return fmt.Sprintf(" %d/%d… %s read ", end, m.scan.line, humanize.IBytes(uint64(m.avail)))
	}
	pct := 100
	if m.scan.line > 0 {
		pct = end * 100 / m.scan.line
	}
	return fmt.Sprintf(" %d/%d %d%% ", end, m.scan.line, pct)
}
