package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/find"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
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

// statusExpiredMsg clears the status line if it still shows message seq
// (a result for the root).
type statusExpiredMsg struct{ seq int }

// Status messages clear themselves: information after statusInfoTTL,
// errors (also kept in the log) after statusErrTTL.
const (
	statusInfoTTL = 6 * time.Second
	statusErrTTL  = 12 * time.Second
)

// expireCmd waits for the status message to age. Tests (Still) send
// statusExpiredMsg themselves rather than wait.
func (m Model) expireCmd() tea.Cmd {
	if m.opts.Still {
		return nil
	}
	ttl, seq := statusInfoTTL, m.status.seq
	if m.status.err {
		ttl = statusErrTTL
	}
	return tea.Tick(ttl, func(time.Time) tea.Msg { return statusExpiredMsg{seq} })
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
	return m, cmd
}

func warningText(w []string) string {
	if len(w) == 1 {
		return "listing: " + w[0]
	}
	return "listing: " + w[0] + " (and more: see the log)"
}

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
	case m.cmd.open:
		return m.handleCmdKey(msg)
	case m.sub == SubQueue && m.queue.DetailOpen(): // its own keys; the others do nothing
		m.queue, _ = m.queue.Update(msg)
		return m, nil
	}
	if _, typing := m.active().Filter(); typing && m.sub == SubNone {
		return m.toPane(msg)
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

// quit logs out (QUIT) first, but waits for a silent server only briefly.
func (m Model) quit() tea.Cmd {
	fss := []session.FS{m.links[0].fs, m.links[1].fs}
	w := m.watch.w
	return tea.Sequence(func() tea.Msg {
		done := make(chan struct{})
		go func() {
			if w != nil {
				w.Stop() // no new uploads while the program ends
			}
			for _, fsys := range fss {
				if fsys != nil {
					fsys.Close()
				}
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(quitWait):
		}
		return nil
	}, tea.Quit)
}

// quitWait bounds the logout on quit.
const quitWait = 2 * time.Second

func (m Model) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.form != nil || m.showHelp || m.search.Visible() {
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
