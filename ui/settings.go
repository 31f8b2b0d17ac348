package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/trust"
)

// connState is what the header shows of the connection. The UI keeps its
// own copy, changed only by results, so View never reads the session
// while a command may be changing it.
type connState struct {
	known       bool
	tls         session.TLSMode
	typ         session.TransferType
	passive     bool
	fingerprint string // the server certificate's SHA-256; empty without TLS
	cert        trust.Cert
}

func readConnState(fsys session.FS) connState {
	r, ok := fsys.(session.Settable)
	if !ok {
		return connState{}
	}
	st := connState{known: true, tls: r.TLS(), typ: r.Type(), passive: r.Passive()}
	if f, ok := fsys.(session.Fingerprinter); ok {
		st.fingerprint = f.Fingerprint()
	}
	st.cert.Fingerprint = st.fingerprint
	if c, ok := fsys.(session.CertificateHolder); ok {
		st.cert, _ = c.Certificate()
	}
	return st
}

// settingMsg ends a type or mode change (a result for the root).
type settingMsg struct {
	pane  int
	fs    session.FS
	state connState
	err   error
}

func (m Model) toggleType() tea.Cmd {
	i := m.linked()
	if i < 0 {
		return nil
	}
	fsys := m.links[i].fs
	r, ok := fsys.(session.Typer)
	if !ok {
		return nil
	}
	want := session.TypeASCII
	if m.links[i].state.typ == session.TypeASCII {
		want = session.TypeBinary
	}
	return func() tea.Msg {
		err := r.SetType(context.Background(), want)
		return settingMsg{pane: i, fs: fsys, state: readConnState(fsys), err: err}
	}
}

func (m Model) togglePassive() tea.Cmd {
	i := m.linked()
	if i < 0 {
		return nil
	}
	fsys := m.links[i].fs
	r, ok := fsys.(session.PassiveSetter)
	if !ok {
		return nil
	}
	want := !m.links[i].state.passive
	return func() tea.Msg {
		r.SetPassive(want)
		return settingMsg{pane: i, fs: fsys, state: readConnState(fsys)}
	}
}

func (m Model) handleSetting(msg settingMsg) (tea.Model, tea.Cmd) {
	if msg.fs != m.links[msg.pane].fs {
		return m, nil // for a connection since closed
	}
	m.links[msg.pane].state = msg.state
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	mode := "active"
	if msg.state.passive {
		mode = "passive"
	}
	m.setStatus("transfers: "+msg.state.typ.String()+", "+mode+" data connections", false)
	return m, nil
}
