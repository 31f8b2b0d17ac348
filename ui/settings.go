package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
)

// connState is what the header shows of the connection. The UI keeps its
// own copy, changed only by results, so View never reads the session
// while a command may be changing it.
type connState struct {
	known   bool
	tls     session.TLSMode
	typ     session.TransferType
	passive bool
}

// settable is the part of *session.Remote the toggles use.
type settable interface {
	TLS() session.TLSMode
	Type() session.TransferType
	Passive() bool
	SetType(ctx context.Context, t session.TransferType) error
	SetPassive(passive bool)
}

func readConnState(fsys session.FS) connState {
	r, ok := fsys.(interface {
		TLS() session.TLSMode
		Type() session.TransferType
		Passive() bool
	})
	if !ok {
		return connState{}
	}
	return connState{known: true, tls: r.TLS(), typ: r.Type(), passive: r.Passive()}
}

// settingMsg ends a type or mode change (a result for the root).
type settingMsg struct {
	fs    session.FS
	state connState
	err   error
}

func (m Model) toggleType() tea.Cmd {
	r, ok := m.remote.(settable)
	if !ok {
		return nil
	}
	want := session.TypeASCII
	if m.conn.typ == session.TypeASCII {
		want = session.TypeBinary
	}
	fsys := m.remote
	return func() tea.Msg {
		err := r.SetType(context.Background(), want)
		return settingMsg{fs: fsys, state: readConnState(fsys), err: err}
	}
}

func (m Model) togglePassive() tea.Cmd {
	r, ok := m.remote.(settable)
	if !ok {
		return nil
	}
	want, fsys := !m.conn.passive, m.remote
	return func() tea.Msg {
		r.SetPassive(want)
		return settingMsg{fs: fsys, state: readConnState(fsys)}
	}
}

func (m Model) handleSetting(msg settingMsg) (tea.Model, tea.Cmd) {
	if msg.fs != m.remote {
		return m, nil // for a connection since closed
	}
	m.conn = msg.state
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	mode := "active"
	if m.conn.passive {
		mode = "passive"
	}
	m.setStatus("transfers: "+m.conn.typ.String()+", "+mode+" data connections", false)
	return m, nil
}
