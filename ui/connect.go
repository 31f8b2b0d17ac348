package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/dialog"
)

// connectedMsg ends a connection attempt (a result for the root).
type connectedMsg struct {
	FS  session.FS
	Cfg session.Config
	Err error
}

type disconnectedMsg struct{ label string }

// keepalive is how long the browse connection may idle before a NOOP.
const keepalive = time.Minute

// tlsOptions are the connect dialog's TLS choices, in session.TLSMode order.
func tlsOptions() []string { return []string{"none", "explicit", "implicit"} }

func modeOptions() []string { return []string{"passive", "active"} }

// startConnect is the first connection: straight away when the config
// says how to log in, else through the dialog (a user without a password
// is asked for it).
func (m *Model) startConnect() tea.Cmd {
	cfg := m.remoteCfg
	switch {
	case cfg == nil:
		m.openConnect("")
		return nil
	case needsPassword(*cfg):
		m.openConnect("")
		m.form.Focus(3)
		return nil
	}
	m.setStatus("connecting to "+cfg.Label()+"…", false)
	m.connecting = true
	return m.connectCmd(*cfg)
}

func needsPassword(c session.Config) bool {
	return c.User != "" && c.Password == "" && c.User != "anonymous" && c.User != "ftp"
}

func (m *Model) openConnect(errText string) {
	cfg := session.Config{}
	if m.remoteCfg != nil {
		cfg = *m.remoteCfg
	}
	port := ""
	if cfg.Port != 0 {
		port = strconv.Itoa(cfg.Port)
	}
	mode := "passive"
	if cfg.Active {
		mode = "active"
	}
	m.ask(purposeConnect, "Connect to an FTP server", nil,
		dialog.Field{Label: "Host", Value: cfg.Host},
		dialog.Field{Label: "Port", Value: port},
		dialog.Field{Label: "User", Value: cfg.User},
		dialog.Field{Label: "Password", Value: cfg.Password, Masked: true},
		dialog.Field{Label: "TLS", Value: tlsOptions()[cfg.TLS], Options: tlsOptions()},
		dialog.Field{Label: "Data conn.", Value: mode, Options: modeOptions()})
	if errText != "" {
		m.form.SetError(errText)
	}
}

// configFrom reads the connect dialog; settings the dialog does not show
// (certificates, timeouts) are kept from the last config.
func (m Model) configFrom(v []string) (session.Config, error) {
	var cfg session.Config
	if m.remoteCfg != nil {
		cfg = *m.remoteCfg
	}
	cfg.Host, cfg.User, cfg.Password = strings.TrimSpace(v[0]), strings.TrimSpace(v[2]), v[3]
	if cfg.Host == "" {
		return cfg, errors.New("give a host name")
	}
	cfg.Port = 0
	if p := strings.TrimSpace(v[1]); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return cfg, errors.New("port must be 1-65535")
		}
		cfg.Port = n
	}
	for i, o := range tlsOptions() {
		if o == v[4] {
			cfg.TLS = session.TLSMode(i)
		}
	}
	cfg.Active = v[5] == "active"
	return cfg, nil
}

func (m Model) submitConnect(vals []string) (tea.Model, tea.Cmd) {
	cfg, err := m.configFrom(vals)
	if err != nil {
		m.form.SetError(err.Error())
		return m, nil
	}
	m.form.SetBusy("connecting to " + cfg.Label() + "…")
	m.connecting = true
	return m, m.connectCmd(cfg)
}

// connectCmd dials off the UI goroutine, the transcript and connection
// events wired into the log and status line.
func (m Model) connectCmd(cfg session.Config) tea.Cmd {
	cfg.Trace, cfg.OnEvent = m.sink.trace, m.sink.event
	if cfg.Keepalive == 0 {
		cfg.Keepalive = keepalive
	}
	dial := m.opts.Dial
	return func() tea.Msg {
		fsys, err := dial(context.Background(), cfg)
		cfg.Trace, cfg.OnEvent = nil, nil
		return connectedMsg{FS: fsys, Cfg: cfg, Err: err}
	}
}

func (m Model) handleConnected(msg connectedMsg) (tea.Model, tea.Cmd) {
	m.connecting = false
	if msg.Err != nil {
		m.setStatus(msg.Err.Error(), true)
		if m.form != nil && m.pending.purpose == purposeConnect {
			m.form.SetError(msg.Err.Error())
			return m, nil
		}
		c := msg.Cfg
		m.remoteCfg = &c
		m.openConnect(msg.Err.Error())
		return m, nil
	}
	old := m.remote
	c := msg.Cfg
	m.remoteCfg, m.remote, m.form = &c, msg.FS, nil
	m.conn = readConnState(msg.FS)
	m.setStatus("connected to "+msg.FS.Label(), false)
	p := &m.panes[1]
	p.SetFS(msg.FS)
	m.setFocus(FocusRight)
	return m, tea.Batch(closeCmd(old), p.Load(startDir(msg.FS), ""))
}

// startDir is where a new connection's pane opens: the folder the session
// is in (the URL's path), else its home.
func startDir(fsys session.FS) string {
	if w, ok := fsys.(interface{ Getwd() string }); ok && w.Getwd() != "" {
		return w.Getwd()
	}
	home, _ := fsys.Home(context.Background())
	return home
}

func closeCmd(fsys session.FS) tea.Cmd {
	if fsys == nil {
		return nil
	}
	return func() tea.Msg { fsys.Close(); return nil }
}

func (m *Model) disconnect() tea.Cmd {
	fsys := m.remote
	if fsys == nil {
		m.setStatus("not connected", false)
		return nil
	}
	m.remote = nil
	m.conn = connState{}
	m.panes[1].SetFS(nil)
	label := fsys.Label()
	return func() tea.Msg {
		fsys.Close()
		return disconnectedMsg{label: label}
	}
}

func (m Model) handleEvent(msg eventMsg) (tea.Model, tea.Cmd) {
	ev := msg.ev
	text := ev.Label + ": " + ev.Kind.String()
	if ev.Err != nil {
		text += ": " + ev.Err.Error()
	}
	m.setStatus(text, ev.Kind == session.EventDisconnected || ev.Err != nil)
	return m, m.sink.listen()
}
