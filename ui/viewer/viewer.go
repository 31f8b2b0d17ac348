// Package viewer is the F3 pager: a read-only, scrollable view of a file
// of any size, as text or as hex, with lines cut or wrapped, and a search
// (/ ? n N) that streams through the file. The file is read in chunks as
// the user scrolls (a remote one from a temporary copy that fills in the
// background); the pager holds the lines around the screen and an offset
// per 256 lines, never the file. Only the visible lines are rendered.
package viewer

import (
	"bytes"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
)

// Model is the pager.
type Model struct {
	title  string
	src    Source
	closed bool
	width  int
	height int
	keys   keymap.KeyMap
	styles styles.Styles
	help   help.Model

	// Where the screen is: the top line, the rows of it scrolled past
	// (wrapped), the cells scrolled past on the left (not wrapped).
	offset, sub, hscroll int
	hex, wrap            bool
	pending              int   // a line to show once it is counted, or -1
	locateOff            int64 // a byte whose text line is to be shown, or -1
	locGen               int
	back                 [2]int // x from text: the hex row it showed and the text line it left, for x again

	// What the scan has found so far.
	scan     scanState // where the next step starts
	scanGen  int
	marks    []int64 // marks[k] is the start of line k*stride
	complete bool    // the scan has gone through the whole file
	avail    int64
	done     bool // the whole file has arrived
	err      error

	// The lines held: win[i] is line (or hex row) winFirst+i, and takes
	// heights[i] rows when wrapped. want is the first line of a window
	// being read, or -1.
	winFirst int
	win      []winLine
	winHex   bool
	heights  []int
	want     int

	find finder
}

// New pages a source; run Init's command to start reading it.
func New(title string, src Source, keys keymap.KeyMap, st styles.Styles) Model {
	h := help.New()
	h.Styles.ShortKey, h.Styles.ShortDesc = st.Help.Key, st.Help.Desc
	h.Styles.ShortSeparator, h.Styles.Ellipsis = st.Help.Sep, st.Help.Sep
	return Model{title: title, src: src, keys: keys, styles: st, help: h, marks: []int64{0}, want: -1,
		pending: -1, locateOff: -1, back: [2]int{-1, 0}, find: newFinder()}
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
func (m *Model) Init() tea.Cmd { return scanCmd(m.src, m.scanGen, m.scan) }

// Lines is the text held around the screen, escaped (tests).
func (m Model) Lines() []string {
	out := make([]string, len(m.win))
	for i := range m.win {
		for _, sp := range m.lineSpans(m.winFirst+i, nil, nil) {
			out[i] += sp.text
		}
	}
	return out
}

// SetSize gives the pager the whole screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.find.input.SetWidth(max(1, m.width-2))
	m.measure()
	m.clamp()
}

// Closed reports whether the user left the pager.
func (m Model) Closed() bool { return m.closed }

// Update scrolls, searches, closes, and takes its commands' results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case scannedMsg:
		if msg.src != m.src {
			return m, nil
		}
		cmd = m.applyScan(msg)
	case windowMsg:
		if msg.src != m.src || msg.first != m.want || msg.hex != m.hex {
			return m, nil
		}
		m.winFirst, m.win, m.winHex, m.want = msg.first, msg.lines, msg.hex, -1
		m.measure()
	case locatedMsg:
		if msg.src == m.src && msg.gen == m.locGen {
			m.goTo(msg.line)
		}
	case searchMsg:
		if msg.src != m.src {
			return m, nil
		}
		cmd = m.applySearch(msg)
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.scroll(-3)
		} else {
			m.scroll(3)
		}
	case tea.PasteMsg:
		if m.find.typing {
			m.find.input, cmd = m.find.input.Update(msg)
		}
	case tea.KeyPressMsg:
		switch {
		case m.find.typing:
			cmd = m.promptKey(msg)
		case m.find.running && key.Matches(msg, m.keys.Cancel):
			m.stopSearch("search stopped")
		case key.Matches(msg, m.keys.ViewClose):
			m.closed = true
			src := m.src
			return m, func() tea.Msg { src.Close(); return nil }
		default:
			cmd = m.handleKey(msg)
		}
	}
	m.applyReveal()
	m.clamp()
	return m, tea.Batch(cmd, m.fetch())
}

func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	m.find.note = ""
	page := max(1, m.rows()-1)
	switch {
	case key.Matches(k, m.keys.ViewUp):
		m.scroll(-1)
	case key.Matches(k, m.keys.ViewDown):
		m.scroll(1)
	case key.Matches(k, m.keys.ViewPageUp):
		m.scroll(-page)
	case key.Matches(k, m.keys.ViewPageDown):
		m.scroll(page)
	case key.Matches(k, m.keys.ViewTop):
		m.moved()
		m.offset, m.sub = 0, 0
	case key.Matches(k, m.keys.ViewBottom):
		m.moved()
		m.offset, m.sub = m.total(), 1<<30 // clamp makes it the last screen
	case key.Matches(k, m.keys.ViewLeft):
		m.hscroll = max(0, m.hscroll-max(1, m.width/2))
	case key.Matches(k, m.keys.ViewRight):
		if !m.wrap {
			m.hscroll = min(m.hscroll+max(1, m.width/2), m.maxHScroll())
		}
	case key.Matches(k, m.keys.ViewSearch):
		return m.openPrompt(false)
	case key.Matches(k, m.keys.ViewSearchBack):
		return m.openPrompt(true)
	case key.Matches(k, m.keys.ViewNext):
		return m.again(m.find.back)
	case key.Matches(k, m.keys.ViewPrev):
		return m.again(!m.find.back)
	case key.Matches(k, m.keys.ViewHex):
		return m.toggleHex()
	case key.Matches(k, m.keys.ViewWrap):
		m.wrap, m.sub, m.hscroll = !m.wrap, 0, 0
		m.measure()
	}
	return nil
}

// moved forgets where the pager was about to jump: the user went
// elsewhere first.
func (m *Model) moved() {
	m.pending, m.locateOff = -1, -1
	m.locGen++
	m.find.reveal = false
}

// scroll moves n screen rows: lines, or rows of wrapped lines.
func (m *Model) scroll(n int) {
	m.moved()
	if !m.wrap {
		m.offset += n
		return
	}
	for n > 0 {
		if h := m.lineRows(m.offset); m.sub+1 < h {
			step := min(n, h-1-m.sub)
			m.sub, n = m.sub+step, n-step
			continue
		}
		if m.offset+1 >= m.total() {
			return
		}
		m.offset, m.sub, n = m.offset+1, 0, n-1
	}
	for n < 0 {
		if m.sub > 0 {
			step := min(-n, m.sub)
			m.sub, n = m.sub-step, n+step
			continue
		}
		if m.offset == 0 {
			return
		}
		m.offset--
		m.sub, n = m.lineRows(m.offset)-1, n+1
	}
}

// goTo puts line at the top of the screen, or once it is counted.
func (m *Model) goTo(line int) {
	m.offset, m.sub, m.pending = line, 0, -1
	if line >= m.total() && !m.allRead() {
		m.pending = line
	}
}

// toggleHex shows the file the other way, from about where it was.
func (m *Model) toggleHex() tea.Cmd {
	if !m.scan.probed {
		return nil
	}
	m.stopSearch("")
	m.find.has = false
	m.moved()
	top, line := m.topLine()
	m.hex = !m.hex
	m.offset, m.sub = 0, 0
	m.win, m.winFirst, m.heights, m.want = nil, 0, nil, -1
	if m.hex {
		m.offset = int(top / hexWidth)
		m.back = [2]int{m.offset, line}
		return nil
	}
	var cmd tea.Cmd
	if !m.scan.text { // a binary file: its lines were never counted
		m.scanGen++
		m.scan, m.marks, m.complete = scanState{probed: true, text: true}, []int64{0}, false
		cmd = scanCmd(m.src, m.scanGen, m.scan)
	}
	switch {
	case line == m.back[0]: // not moved since x: back to the very line
		m.goTo(m.back[1])
	case top > 0:
		m.locateOff = top
		cmd = tea.Batch(cmd, m.tryLocate())
	}
	return cmd
}
