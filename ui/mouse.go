package ui

import (
	tea "charm.land/bubbletea/v2"
)

func (m Model) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.form != nil || m.showHelp || m.search.Visible() || m.cmp.modal() {
		return m, nil
	}
	if m.view != nil {
		v, cmd := m.view.Update(msg)
		m.view = &v
		return m, cmd
	}
	ms := msg.Mouse()
	y := ms.Y - 1 // header
	if y >= m.paneHeight() {
		m.handleSubMouse(msg, y-m.paneHeight())
		return m, nil
	}
	if y < 0 {
		return m, nil
	}
	i := 0
	if ms.X > m.leftWidth() {
		i = 1
	}
	switch msg.(type) {
	case tea.MouseClickMsg:
		m.setFocus(Focus(i))
		if ms.Button == tea.MouseLeft { // a double click opens
			return m, m.panes[i].Click(y)
		}
	case tea.MouseWheelMsg:
		delta := 3
		if ms.Button == tea.MouseWheelUp {
			delta = -3
		}
		m.panes[i].Scroll(delta)
	}
	return m, nil
}

// handleSubMouse is a click or the wheel on the queue or the log, y rows
// under the file panes: a click focuses, the wheel scrolls.
func (m *Model) handleSubMouse(msg tea.MouseMsg, y int) {
	sub := SubNone
	switch {
	case y < m.queueHeight():
		sub = SubQueue
	case y < m.queueHeight()+m.logHeight():
		sub = SubLog
	default:
		return
	}
	if _, click := msg.(tea.MouseClickMsg); click {
		m.focusSub(sub)
		return
	}
	delta := 3
	if msg.Mouse().Button == tea.MouseWheelUp {
		delta = -3
	}
	if sub == SubLog {
		m.log.Scroll(delta)
	} else {
		m.queue.MoveCursor(delta)
	}
}
