package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/trust"
	"github.com/ftpane/ftpane/ui/dialog"
)

// Trust choices in the dialog: this session only, or pinned in known_hosts.
const (
	trustOnce   = "once"
	trustAlways = "always"
)

// askTrustOrWarn answers a failed connection whose certificate no one
// vouches for: a dialog to trust it once or always (as ssh and FileZilla
// ask), or a loud warning when a pinned certificate changed. It reports
// whether err was such a failure.
func (m *Model) askTrustOrWarn(i int, err error) bool {
	var unknown *trust.UnknownError
	var changed *trust.ChangedError
	switch {
	case errors.As(err, &unknown):
		lines := []string{"No certificate authority vouches for the certificate", "of " + unknown.Addr + ":"}
		lines = append(lines, strings.Split(ansi.Wrap("  "+unknown.Reason.Error(), 60, " "), "\n")...)
		lines = append(append(append(lines, "Compare its fingerprint with the one its owner published:", ""),
			unknown.Cert.Lines()...), "", "Trust it once (this session) or always (saved in known_hosts)?",
			"←/→ chooses.")
		m.ask("Unknown server certificate", lines,
			[]dialog.Field{{Label: "Trust", Value: trustOnce, Options: []string{trustOnce, trustAlways}}},
			func(m *Model, vals []string) tea.Cmd { return m.submitTrust(i, unknown, vals) }, nil)
		return true
	case errors.As(err, &changed):
		lines := []string{"The certificate of " + changed.Addr + " is not the one", "you trusted before: refused.",
			"Someone may be intercepting the connection, or the", "server's owner replaced the certificate.", "",
			"Pinned SHA-256:", "  " + changed.Pinned[:48], "  " + changed.Pinned[48:], "Now shown:"}
		lines = append(append(lines, changed.Cert.Lines()[1:]...), "",
			"If the owner confirms the new certificate, delete the", "line for "+changed.Addr+" from")
		lines = append(append(lines, chunks(changed.File, 60)...), "and connect again to trust it.")
		m.tell("WARNING: SERVER CERTIFICATE CHANGED", lines)
		return true
	}
	return false
}

// submitTrust connects again with the certificate accepted: for this
// session (the config remembers it, so reconnections and transfers use
// it) or always (pinned in known_hosts first).
func (m *Model) submitTrust(i int, cert *trust.UnknownError, vals []string) tea.Cmd {
	fp := cert.Cert.Fingerprint
	cfg := *m.links[i].cfg
	m.links[i].connecting = true
	if vals[0] != trustAlways || cfg.Trust.KnownHosts == "" {
		cfg.Trust = cfg.Trust.WithFingerprint(fp)
		m.setStatus("trusting the certificate of "+cfg.Addr()+" for this session; connecting…", false)
		return m.connectCmd(i, cfg)
	}
	m.setStatus("trusting the certificate of "+cfg.Addr()+" always; connecting…", false)
	dial, store, addr := m.connectCmd(i, cfg), trust.Store{Path: cfg.Trust.KnownHosts}, cfg.Addr()
	return func() tea.Msg {
		if err := store.Pin(addr, fp); err != nil {
			return connectedMsg{Pane: i, Cfg: cfg, Err: fmt.Errorf("trust always: %w", err)}
		}
		return dial()
	}
}

// insecureNote is what the status line adds for a connection whose
// certificate --insecure accepted unchecked.
func insecureNote(c session.Config) string {
	if c.Insecure && c.TLS != session.TLSNone {
		return " · TLS certificate NOT verified (--insecure)"
	}
	return ""
}

// showCertificate shows the certificate of the connection the keys act
// on (key F): fingerprint, subject, issuer, validity and TLS version, for
// the user to compare with what the server's owner published.
func (m *Model) showCertificate() {
	i := m.linked()
	if i < 0 {
		m.setStatus("not connected", false)
		return
	}
	l := m.links[i]
	if l.state.cert.Fingerprint == "" {
		m.setStatus(l.fs.Label()+": no TLS, so no certificate", false)
		return
	}
	how := "verified (certificate authority or known_hosts)"
	switch {
	case l.cfg == nil:
	case l.cfg.Insecure:
		how = "NOT verified (--insecure)"
	case slices.Contains(l.cfg.Trust.Fingerprints, l.state.cert.Fingerprint):
		how = "trusted for this session"
	}
	lines := append([]string{l.fs.Label() + " (" + l.state.tls.String() + ")", "Trust:    " + how, ""},
		l.state.cert.Lines()...)
	m.tell("Server certificate", lines)
}

// chunks cuts a long path into lines of at most about n cells, after a
// slash where it can.
func chunks(s string, n int) []string {
	var out []string
	for ansi.StringWidth(s) > n {
		head := ansi.Truncate(s, n, "")
		if k := strings.LastIndex(head, "/"); k > 0 {
			head = head[:k+1]
		}
		out = append(out, "  "+head)
		s = s[len(head):]
	}
	return append(out, "  "+s)
}
