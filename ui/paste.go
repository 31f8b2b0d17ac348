package ui

import (
	tea "charm.land/bubbletea/v2"
)

// handlePaste puts pasted text (the terminal's bracketed paste) into the
// text field that has the focus, in the order handleKey gives keys: a
// dialog, the site manager's filter, the find dialog, the viewer's search
// prompt, the command line, a pane's filter. Anywhere else a paste is
// dropped: pasted letters are never taken as keys. Each field drops
// control characters and turns line ends into spaces, so a pasted line
// end never reaches the control connection.
func (m Model) handlePaste(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.form != nil:
		f, c := m.form.Update(msg)
		m.form, cmd = &f, c
	case m.site.dlg != nil:
		if d := m.site.dlg; d.typeKey(msg) {
			d.err, d.cursor = "", 0
			m.refreshSites()
		}
	case m.search.Visible():
		f, c := m.search.Update(msg)
		m.search, cmd = &f, c
	case m.view != nil:
		v, c := m.view.Update(msg)
		m.view, cmd = &v, c
	case m.showHelp:
	case m.cmd.open:
		m.cmd.input, cmd = m.cmd.input.Update(msg)
	case m.sub == SubNone:
		m.active().Paste(msg.Content)
	}
	return m, cmd
}
