package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/shell"
)

// The ":" line is an interpreter over the workspace (shared/DESIGN.md):
// it runs on the remote pane's connection and folder and the local
// pane's folder, and after each line the panes and the header follow
// where it left them.

// runLine runs one line in a command (the shell blocks until it is done)
// on the workspace: the remote pane's connection and folder, the local
// pane's folder.
func (m Model) runLine(line string) (tea.Model, tea.Cmd) {
	m.cmd.open = false
	if line == "" {
		return m, nil
	}
	if m.cmd.busy != "" {
		m.setStatus("still running: "+m.cmd.busy, true)
		return m, nil
	}
	shown := shell.Redact(line) // history, log and screen never hold a password
	m.cmd.busy = shown
	m.cmd.history = append(m.cmd.history, shown)
	if !m.showLog {
		m.showLog = true
		m.layout()
	}
	m.log.Add(logview.Sent, "ftp> "+shown)
	sh, q := m.sh, m.q
	i := m.remotePane()
	m.cmd.pane = i
	r, _ := m.links[i].fs.(*session.Remote)
	sh.Attach(r, m.panes[i].Dir())
	other, _ := m.links[1-i].fs.(*session.Remote)
	sh.AttachProxy(other, m.panes[1-i].Dir())
	if m.panes[0].FS() == m.opts.Local {
		sh.SetLocalDir(m.panes[0].Dir())
	}
	return m, tea.Batch(saveHistoryCmd(m.opts.HistoryPath, shown), func() tea.Msg {
		err := sh.Run(context.Background(), line)
		done := shellDoneMsg{line: line, err: err, remote: sh.Remote(), proxy: sh.Proxy(), rate: q.Rate()}
		if done.remote != nil {
			done.dir = done.remote.Getwd()
		}
		return done
	})
}

// remotePane is the pane the ":" line acts on: the focused one when it
// shows a server, else the other one that does, else the right pane
// (where open puts a new connection).
func (m Model) remotePane() int {
	if i := m.linked(); i >= 0 {
		return i
	}
	return int(FocusRight)
}

func (m Model) handleShellDone(msg shellDoneMsg) (tea.Model, tea.Cmd) {
	m.cmd.busy = ""
	m.queue.SetLimit(msg.rate) // rate may have changed it
	switch {
	case errors.Is(msg.err, shell.ErrQuit):
		cmd := m.askQuit()
		return m, cmd
	case msg.err != nil && !shell.Shown(msg.err):
		m.setStatus(msg.err.Error(), true)
	case msg.err == nil:
		m.setStatus("done: "+shell.Redact(msg.line), false)
		m.followHash(msg.line)
	}
	return m, m.follow(msg)
}

// follow moves the panes and the header to where the line left the
// workspace: a new or closed connection, another remote folder. A pane
// is reloaded only when the line may have changed its folder.
func (m *Model) follow(msg shellDoneMsg) tea.Cmd {
	i := m.cmd.pane
	l := &m.links[i]
	var cmds []tea.Cmd
	remote, local := shell.Changes(msg.line)
	switch {
	case msg.remote == nil && l.fs != nil && isShellRemote(l.fs):
		cmds = append(cmds, m.dropPane(i))
	case msg.remote != nil && l.fs != msg.remote:
		cmds = append(cmds, m.takeRemote(i, msg.remote))
	case msg.remote != nil && msg.dir != "" && msg.dir != m.panes[i].Dir():
		cmds = append(cmds, m.panes[i].Load(msg.dir, ""))
	case remote && l.fs != nil:
		cmds = append(cmds, m.panes[i].Reload())
	}
	if l.fs != nil {
		l.state = readConnState(l.fs)
	}
	if local && i != 0 && m.panes[0].FS() == m.opts.Local && m.panes[0].Dir() != "" {
		cmds = append(cmds, m.panes[0].Reload())
	}
	return tea.Batch(append(cmds, m.followProxy(1-i, msg))...)
}

// followProxy moves the other pane when it showed a server and the line
// used it as the proxy connection: closed, replaced, or changed.
func (m *Model) followProxy(o int, msg shellDoneMsg) tea.Cmd {
	l := &m.links[o]
	r, ok := l.fs.(*session.Remote)
	switch {
	case !ok:
		return nil
	case msg.proxy == nil:
		return m.dropPane(o)
	case msg.proxy != r:
		return m.takeRemote(o, msg.proxy)
	case strings.HasPrefix(shell.CommandName(msg.line), "proxy"):
		l.state = readConnState(r)
		return m.panes[o].Load(r.Getwd(), "")
	}
	return nil
}

func isShellRemote(fsys session.FS) bool {
	_, ok := fsys.(*session.Remote)
	return ok
}

// takeRemote shows a connection the line opened (open, user) in pane i,
// with its header; the one the pane had was closed by the shell.
func (m *Model) takeRemote(i int, r *session.Remote) tea.Cmd {
	l := &m.links[i]
	cfg := r.Config()
	l.fs, l.cfg, l.state = r, &cfg, readConnState(r)
	m.q.SetPassword(cfg)
	m.startZone(i, r, nil)
	m.panes[i].SetFS(r)
	m.setStatus("connected to "+r.Label(), false)
	return m.panes[i].Load(startDir(r), "")
}

// dropPane empties pane i after close: the shell closed its connection.
func (m *Model) dropPane(i int) tea.Cmd {
	label := m.links[i].fs.Label()
	m.links[i].fs, m.links[i].state = nil, connState{}
	m.setStatus("disconnected from "+label, false)
	if i == 0 {
		m.panes[0].SetFS(m.opts.Local)
		return m.panes[0].LoadHome()
	}
	m.panes[1].SetFS(nil)
	return nil
}
