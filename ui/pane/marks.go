package pane

import "path"

func (m *Model) setMark(i int, on bool) {
	e := m.entries[i]
	if m.marked[e.Name] == on {
		return
	}
	if on {
		m.marked[e.Name] = true
		m.markedSize += e.Size
		return
	}
	delete(m.marked, e.Name)
	m.markedSize -= e.Size
}

func (m *Model) toggleMark() {
	if m.cursor >= len(m.view) {
		return
	}
	i := m.view[m.cursor]
	m.setMark(i, !m.marked[m.entries[i].Name])
	m.MoveCursor(1)
}

func (m *Model) invertMarks() {
	for _, i := range m.view {
		m.setMark(i, !m.marked[m.entries[i].Name])
	}
}

func (m *Model) markAll() {
	for _, i := range m.view {
		m.setMark(i, true)
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
		name := m.entries[i].Name
		if ok, _ := path.Match(pattern, name); ok && m.marked[name] != on {
			m.setMark(i, on)
			n++
		}
	}
	return n, nil
}

// IsMarked reports whether a name is marked.
func (m Model) IsMarked(name string) bool { return m.marked[name] }

func (m *Model) clearMarks() {
	m.marked = map[string]bool{}
	m.markedSize = 0
}

// pruneMarks keeps the marks of names still present after a reload.
func (m *Model) pruneMarks() {
	old := m.marked
	m.clearMarks()
	for i, e := range m.entries {
		if old[e.Name] {
			m.setMark(i, true)
		}
	}
}
