package viewer

import (
	"sort"

	tea "charm.land/bubbletea/v2"
)

// applyScan counts a step's lines and starts the next step until the
// whole file is counted.
func (m *Model) applyScan(msg scannedMsg) tea.Cmd {
	if msg.gen != m.scanGen {
		return nil
	}
	if !m.scan.probed && msg.st.probed {
		m.hex = msg.binary
	}
	m.avail, m.done, m.err = msg.avail, msg.done, msg.err
	m.scan = msg.st
	m.marks = append(m.marks, msg.marks...)
	m.complete = msg.complete
	if m.pending >= 0 && (m.pending < m.total() || m.allRead()) {
		m.goTo(m.pending)
	}
	cmd := m.tryLocate()
	if m.complete || msg.err != nil {
		return cmd
	}
	return tea.Batch(cmd, scanCmd(m.src, m.scanGen, m.scan))
}

// tryLocate asks for the text line holding locateOff once the scan has
// counted it.
func (m *Model) tryLocate() tea.Cmd {
	off := m.locateOff
	if off < 0 || m.hex || m.scan.from <= off && !m.complete {
		return nil
	}
	m.locateOff = -1
	m.locGen++
	k := sort.Search(len(m.marks), func(i int) bool { return m.marks[i] > off }) - 1
	return locateCmd(m.src, m.locGen, m.marks[k], k*stride, off, m.scan.from)
}

// total is the number of lines (hex rows) known so far: while a file
// arrives, only whole rows.
func (m Model) total() int {
	if m.hex {
		n := m.avail / hexWidth
		if m.done && m.avail%hexWidth != 0 {
			n++
		}
		return int(n)
	}
	return m.scan.line
}

// allRead reports whether total is final.
func (m Model) allRead() bool {
	if m.hex {
		return m.done
	}
	return m.complete
}

// rows is the screen rows for the file, between the title and the
// bottom line.
func (m Model) rows() int { return max(1, m.height-2) }

// holds reports whether line i is in the window.
func (m Model) holds(i int) bool {
	return m.winHex == m.hex && i >= m.winFirst && i < m.winFirst+len(m.win)
}

// topLine is where the top line starts and its number (a hex row: its
// first byte). A line not held is found from the mark before it.
func (m Model) topLine() (int64, int) {
	switch {
	case m.hex:
		return int64(m.offset) * hexWidth, m.offset
	case m.holds(m.offset):
		return m.win[m.offset-m.winFirst].off, m.offset
	}
	k := min(m.offset/stride, len(m.marks)-1)
	return m.marks[k], k * stride
}

// lineSpans is held line i as shown, with mt's matches (hex: mask's
// bytes, the window's) marked.
func (m Model) lineSpans(i int, mt *matcher, mask []bool) []span {
	l := m.win[i-m.winFirst]
	if !m.hex {
		var head, tail []byte
		if mt != nil {
			head, tail = m.around(i, mt.reach()-1)
		}
		return textSpans(l.raw, head, tail, mt)
	}
	var hl []bool
	if j := (i - m.winFirst) * hexWidth; mask != nil && j < len(mask) {
		hl = mask[j:min(j+hexWidth, len(mask))]
	}
	return hexSpans(l.off, l.raw, hl)
}

// measure counts the rows of each held line when wrapped.
func (m *Model) measure() {
	m.heights = nil
	if !m.wrap || m.winHex != m.hex {
		return
	}
	m.heights = make([]int, len(m.win))
	for i := range m.win {
		m.heights[i] = rowCount(m.lineSpans(m.winFirst+i, nil, nil), m.width)
	}
}

// lineRows is how many screen rows line i takes (1 when not held).
func (m Model) lineRows(i int) int {
	if j := i - m.winFirst; m.wrap && m.holds(i) && j < len(m.heights) {
		return m.heights[j]
	}
	return 1
}

// fetch reads the lines around the screen when some shown line is not
// held: a screen above and two below, and at least 256 lines, so that
// a taller window (SetSize, which cannot start a read) still finds its
// lines held.
func (m *Model) fetch() tea.Cmd {
	first, end := m.offset, min(m.offset+m.rows(), m.total())
	if first >= end || (m.holds(first) && m.holds(end-1)) {
		return nil
	}
	from := max(0, first-max(m.rows(), 64))
	if m.want == from {
		return nil
	}
	m.want = from
	count := max(3*m.rows(), 256)
	if m.hex {
		return windowCmd(m.src, true, from, count, 0, 0, min(m.avail, int64(m.total())*hexWidth))
	}
	k := min(from/stride, len(m.marks)-1)
	return windowCmd(m.src, false, from, count, m.marks[k], k*stride, m.scan.from)
}

// clamp keeps the screen on the file: not past the last screen, and
// when wrapped, on a row of the top line.
func (m *Model) clamp() {
	total := m.total()
	if !m.wrap {
		m.offset, m.sub = max(0, min(m.offset, total-m.rows())), 0
		return
	}
	m.offset = max(0, min(m.offset, total-1))
	m.sub = max(0, min(m.sub, m.lineRows(m.offset)-1))
	if total > 0 && m.holds(total-1) {
		if t, s := m.lastScreen(); m.offset > t || m.offset == t && m.sub > s {
			m.offset, m.sub = t, s
		}
	}
}

// lastScreen is the top line and row that show the file's last row at
// the bottom of the screen.
func (m Model) lastScreen() (int, int) {
	need := m.rows()
	for i := m.total() - 1; i >= 0; i-- {
		h := m.lineRows(i)
		if h >= need {
			return i, h - need
		}
		need -= h
	}
	return 0, 0
}

// lastShown is one past the last line with a row on screen.
func (m Model) lastShown() int {
	if !m.wrap {
		return min(m.total(), m.offset+m.rows())
	}
	left := m.rows() - (m.lineRows(m.offset) - m.sub)
	i := m.offset
	for ; left > 0 && i+1 < m.total(); i++ {
		left -= m.lineRows(i + 1)
	}
	return min(m.total(), i+1)
}

// around is up to n bytes of the lines before and after line i where
// they are one longer line cut in pieces (no '\n' between).
func (m Model) around(i, n int) (head, tail []byte) {
	if m.holds(i - 1) {
		if p := m.win[i-1-m.winFirst].raw; len(p) > 0 && p[len(p)-1] != '\n' {
			head = p[max(0, len(p)-n):]
		}
	}
	if r := m.win[i-m.winFirst].raw; m.holds(i+1) && len(r) > 0 && r[len(r)-1] != '\n' {
		nx := m.win[i+1-m.winFirst].raw
		tail = nx[:min(n, len(nx))]
	}
	return head, tail
}
