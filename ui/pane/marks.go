package pane

import (
	"math/bits"
	"path"
)

// Marks are a bit per entry of the table: a million entries all marked
// cost 125 kB, where a set of names would cost a copy of each.

func (m *Model) marked(i int) bool {
	w := i / 64
	return w < len(m.marks) && m.marks[w]&(1<<(i%64)) != 0
}

func (m *Model) setMark(i int, on bool) {
	if m.marked(i) == on {
		return
	}
	if m.marks == nil {
		m.marks = make([]uint64, (m.tab.len()+63)/64)
	}
	m.marks[i/64] ^= 1 << (i % 64)
	if on {
		m.nMarked++
		m.markedSize += m.tab.rows[i].size
		return
	}
	m.nMarked--
	m.markedSize -= m.tab.rows[i].size
}

// eachMarked calls f with every marked entry's index, in listing order.
func (m Model) eachMarked(f func(i int)) {
	for w, word := range m.marks {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			f(w*64 + b)
			word &= word - 1
		}
	}
}

// toggleMark marks the entry under the cursor and moves on; on the ".."
// row it only moves on, as in mc.
func (m *Model) toggleMark() {
	if m.cursor >= len(m.view) {
		return
	}
	if i := m.view[m.cursor]; i != upRow {
		m.setMark(i, !m.marked(i))
	}
	m.MoveCursor(1)
}

func (m *Model) invertMarks() {
	for _, i := range m.view {
		if i != upRow {
			m.setMark(i, !m.marked(i))
		}
	}
}

func (m *Model) markAll() {
	for _, i := range m.view {
		if i != upRow {
			m.setMark(i, true)
		}
	}
}

// MarkGlob marks (or unmarks) the shown entries whose names match a shell
// pattern; it returns how many changed.
func (m *Model) MarkGlob(pattern string, on bool) (int, error) {
	if _, err := path.Match(pattern, ""); err != nil {
		return 0, err
	}
	n := 0
	for _, i := range m.view {
		if i == upRow {
			continue
		}
		if ok, _ := path.Match(pattern, m.tab.name(i)); ok && m.marked(i) != on {
			m.setMark(i, on)
			n++
		}
	}
	return n, nil
}

// IsMarked reports whether a name is marked.
func (m Model) IsMarked(name string) bool {
	found := false
	m.eachMarked(func(i int) { found = found || m.tab.name(i) == name })
	return found
}

// clearMarks drops every mark. The bits are a new slice: an earlier copy
// of the model keeps its own.
func (m *Model) clearMarks() {
	m.marks, m.nMarked, m.markedSize = nil, 0, 0
}

// keepMarks marks again, after a reload, the names that were marked in
// the previous table.
func (m *Model) keepMarks(old *table, oldMarks []uint64) {
	prev := Model{tab: old, marks: oldMarks}
	names := map[string]bool{}
	prev.eachMarked(func(i int) { names[old.name(i)] = true })
	if len(names) == 0 {
		return
	}
	for i := range m.tab.rows {
		if names[m.tab.name(i)] {
			m.setMark(i, true)
		}
	}
}
