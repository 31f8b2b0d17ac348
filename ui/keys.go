package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case msg.String() == "ctrl+c": // always a way out, whatever is open
		return m, m.interrupt()
	case key.Matches(msg, m.keys.Suspend): // wherever the focus is, as in a shell
		return m, tea.Suspend
	case m.form != nil:
		return m.handleFormKey(msg)
	case m.site.dlg != nil:
		return m.handleSitesKey(msg)
	case m.search.Visible():
		return m.handleFindKey(msg)
	case m.view != nil:
		v, cmd := m.view.Update(msg)
		m.view = &v
		if v.Closed() {
			m.view = nil
		}
		return m, cmd
	case m.showHelp:
		if key.Matches(msg, m.keys.Help, m.keys.Cancel, m.keys.Quit) {
			m.showHelp = false
		}
		return m, nil
	case m.cmp.menu != nil: // compare.go
		return m.handleCompareMenuKey(msg)
	case m.cmp.sync != nil: // syncview.go
		return m.handleSyncKey(msg)
	case m.cmd.open:
		return m.handleCmdKey(msg)
	case m.sub == SubQueue && m.queue.DetailOpen(): // its own keys; the others do nothing
		m.queue, _ = m.queue.Update(msg)
		return m, nil
	}
	if _, typing := m.active().Filter(); typing && m.sub == SubNone {
		return m.toPane(msg)
	}
	if cmd, ok := m.compareChord(msg); ok { // compare.go: mc's C-x d
		return m, cmd
	}
	if cmd, ok := m.dispatch(m.keyContext().Bindings, msg); ok || m.sub != SubNone {
		return m, cmd
	}
	return m.toPane(msg) // keys of the pane's own (esc clears the filter)
}

func (m Model) toPane(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	p := m.active()
	*p, cmd = p.Update(msg)
	return m, cmd
}

// toggleLog shows or hides the log pane; hidden, it gives the focus back
// to the panes.
func (m *Model) toggleLog() {
	m.showLog = !m.showLog
	if !m.showLog && m.sub == SubLog {
		m.focusSub(SubNone)
	}
	m.layout()
}
