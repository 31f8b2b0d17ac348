package ui

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/ui/find"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/viewer"
)

// Update routes messages: the window size to the layout, input to the
// dialog, pager or focused pane, results to the pane they name, and the
// transcript to the log.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	seq := m.status.seq
	mm, cmd := m.update(msg)
	mm, cmd = mm.(Model).followWatch(msg, cmd) // watch.go: the server pane closed
	if n := mm.(Model); n.status.seq != seq && n.status.text != "" {
		return n, tea.Batch(cmd, n.expireCmd())
	}
	return mm, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case statusExpiredMsg:
		if msg.seq == m.status.seq {
			m.status = status{seq: m.status.seq}
		}
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.ResumeMsg: // back from ctrl+z (fg): the terminal may hold the shell's lines
		m.setStatus("resumed", false)
		return m, tea.ClearScreen
	case tea.BackgroundColorMsg:
		m.look.dark = msg.IsDark()
		m.restyle()
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handlePaste(msg) // paste.go
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.handleMouse(msg.(tea.MouseMsg))
	case pane.ListedMsg:
		return m.handleListed(msg)
	case spinner.TickMsg:
		return m.broadcast(msg)
	case traceMsg:
		m.log.Add(logview.KindOf(msg.dir), msg.line)
		return m, m.sink.listen()
	case eventMsg:
		return m.handleEvent(msg)
	case jobEventMsg:
		mm, cmd := m.handleJobEvent(msg)
		return mm.(Model).notifyBatch(cmd) // notify.go
	case shellLineMsg, localDirMsg, historyMsg, completedMsg, shellDoneMsg:
		return m.handleShell(msg)
	case shellExecMsg:
		return m, tea.Batch(execShell(msg), m.sink.listen())
	case promptMsg:
		return m.openPrompt(msg)
	case find.StartedMsg, find.BatchMsg, find.JumpMsg, find.CopyMsg, findPlannedMsg:
		return m.handleFind(msg)
	}
	if mm, cmd, ok := m.handleSiteMsg(msg); ok {
		return mm, cmd
	}
	if mm, cmd, ok := m.handleWatchMsg(msg); ok { // watch.go
		return mm, cmd
	}
	if mm, cmd, ok := m.handleSyncMsg(msg); ok { // syncview.go
		return mm, cmd
	}
	return m.handleResult(msg)
}

func (m Model) broadcast(msg tea.Msg) (tea.Model, tea.Cmd) {
	var c0, c1 tea.Cmd
	m.panes[0], c0 = m.panes[0].Update(msg)
	m.panes[1], c1 = m.panes[1].Update(msg)
	return m, tea.Batch(c0, c1)
}

func (m Model) handleListed(msg pane.ListedMsg) (tea.Model, tea.Cmd) {
	i := int(msg.Pane)
	if i < 0 || i > 1 {
		return m, nil
	}
	before := m.panes[i].Loading()
	var cmd tea.Cmd
	zone := m.zoneListing(i, msg)
	m.panes[i], cmd = m.panes[i].Update(msg)
	if !before || m.panes[i].Loading() {
		return m, cmd // stale: dropped by the pane
	}
	switch {
	case msg.Err != nil && pane.IsNoop(msg.Err):
	case msg.Err != nil:
		m.setStatus(msg.Err.Error(), true)
	case len(msg.Listing.Warnings) > 0:
		m.setStatus(warningText(msg.Listing.Warnings), true)
	}
	if msg.Err == nil {
		cmd = tea.Batch(cmd, zone, m.syncBrowse(i))
	}
	m.compareListed() // compare.go
	return m, cmd
}

func warningText(w []string) string {
	if len(w) == 1 {
		return "listing: " + w[0]
	}
	return "listing: " + w[0] + " (and more: see the log)"
}

func (m Model) handleResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case opDoneMsg:
		return m.handleOpDone(msg)
	case pane.OpenFileMsg:
		p := m.panes[msg.Pane]
		if p.FS() == nil {
			return m, nil
		}
		m.setStatus("reading "+pane.Escape(msg.Path)+"…", false)
		return m, viewCmd(p.FS(), msg.Path)
	case viewMsg:
		return m.handleView(msg)
	case viewer.Msg:
		return m.handleViewer(msg)
	case connectedMsg:
		return m.handleConnected(msg)
	case disconnectedMsg:
		m.setStatus("disconnected from "+msg.label, false)
		return m, nil
	case editReadyMsg, editedMsg:
		return m.handleEdit(msg)
	case settingMsg:
		return m.handleSetting(msg)
	case jobsAddedMsg:
		return m.handleJobsAdded(msg)
	case targetMsg:
		return m.handleTarget(msg)
	case plannedMsg:
		return m.handlePlanned(msg)
	case clearedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
		}
	}
	return m, nil
}
