package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/dialog"
)

// connectedMsg ends a connection attempt (a result addressed to the
// pane that asked).
type connectedMsg struct {
	Pane int
	FS   session.FS
	Cfg  session.Config
	Err  error
}

type disconnectedMsg struct{ label string }

// link is one pane's connection to a server: either pane may show one,
// so that two servers can sit side by side.
type link struct {
	cfg        *session.Config // the last config tried (the dialog's values)
	fs         session.FS      // nil: not connected
	state      connState
	connecting bool
	site       *sites.Site // the site this connection came from, if any
	remember   bool        // keep the password in the keyring once logged in
	dialog     int         // the ID of the connect dialog opened for this pane
}

// keepalive is how long the browse connection may idle before a NOOP.
const keepalive = time.Minute

// tlsOptions are the connect dialog's TLS choices, in session.TLSMode order.
func tlsOptions() []string { return []string{"none", "explicit", "implicit"} }

func modeOptions() []string { return []string{"passive", "active"} }

// startConnect is the first connection: straight away when the config
// says how to log in, else through the dialog (a user without a password
// is asked for it).
func (m *Model) startConnect() tea.Cmd {
	cfg := m.links[1].cfg
	switch {
	case cfg != nil && m.opts.Sites.Start != nil:
		return m.connectConfig(1, *cfg, m.opts.Sites.Start)
	case cfg == nil && m.opts.Sites.Path != "":
		return m.opts.Sites.loadCmd(1, true)
	case cfg == nil:
		m.openConnect(1, "")
		return nil
	case needsPassword(*cfg):
		m.openConnect(1, "")
		m.form.Focus(3)
		return nil
	}
	m.setStatus("connecting to "+cfg.Label()+"…", false)
	m.links[1].connecting = true
	return m.connectCmd(1, *cfg)
}

func needsPassword(c session.Config) bool {
	return c.User != "" && c.Password == "" && c.User != "anonymous" && c.User != "ftp"
}

// openConnect asks how pane i should connect.
func (m *Model) openConnect(i int, errText string) {
	cfg := session.Config{}
	if m.links[i].cfg != nil {
		cfg = *m.links[i].cfg
	}
	port := ""
	if cfg.Port != 0 {
		port = strconv.Itoa(cfg.Port)
	}
	mode := "passive"
	if cfg.Active {
		mode = "active"
	}
	title := "Connect to an FTP server"
	if i == 0 {
		title += " (left pane)"
	}
	m.links[i].dialog = m.ask(title, nil, append([]dialog.Field{
		{Label: "Host", Value: cfg.Host},
		{Label: "Port", Value: port},
		{Label: "User", Value: cfg.User},
		{Label: "Password", Value: cfg.Password, Masked: true},
		{Label: "TLS", Value: tlsOptions()[cfg.TLS], Options: tlsOptions()},
		{Label: "Data conn.", Value: mode, Options: modeOptions()}}, m.rememberField(i)...),
		func(m *Model, vals []string) tea.Cmd { return m.submitConnect(i, vals) },
		func(m *Model) tea.Cmd {
			if !m.status.err {
				m.setStatus("not connected: "+m.keys.Connect.Help().Key+" opens the site manager ("+
					m.keys.SiteQuick.Help().Key+" there: any server)", false)
			}
			return nil
		})
	m.stayOpen() // errors show in it; handleConnected closes it
	if errText != "" {
		m.form.SetError(errText)
	}
}

// configFrom reads the connect dialog; settings the dialog does not show
// (certificates, timeouts) are kept from the last config.
func (m Model) configFrom(i int, v []string) (session.Config, error) {
	var cfg session.Config
	if m.links[i].cfg != nil {
		cfg = *m.links[i].cfg
	}
	cfg.Host, cfg.User, cfg.Password = strings.TrimSpace(v[0]), strings.TrimSpace(v[2]), v[3]
	if cfg.Host == "" {
		return cfg, errors.New("give a host name")
	}
	cfg.Port = 0
	for i, o := range tlsOptions() {
		if o == v[4] {
			cfg.TLS = session.TLSMode(i)
		}
	}
	cfg.Active = v[5] == "active"
	if strings.Contains(cfg.Host, "://") {
		return hostURL(cfg, v[1])
	}
	if p := strings.TrimSpace(v[1]); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return cfg, errors.New("port must be 1-65535")
		}
		cfg.Port = n
	}
	return cfg, nil
}

// hostURL reads a URL typed as the host, as FileZilla's quick connect
// does: its user, password, port, TLS scheme and folder win over the
// other fields, which fill in what it leaves out. Its errors quote it
// with the password masked.
func hostURL(cfg session.Config, port string) (session.Config, error) {
	u, err := session.ParseURL(cfg.Host)
	if err != nil {
		return cfg, err
	}
	cfg.Host, cfg.Dir = u.Host, u.Dir
	if u.User != "" {
		cfg.User, cfg.Password = u.User, u.Password
	}
	if u.TLS != session.TLSNone {
		cfg.TLS = u.TLS
	}
	cfg.Port = u.Port
	if p, err := strconv.Atoi(strings.TrimSpace(port)); u.Port == 0 && err == nil && p >= 1 && p <= 65535 {
		cfg.Port = p
	}
	return cfg, nil
}

func (m *Model) submitConnect(i int, vals []string) tea.Cmd {
	cfg, err := m.configFrom(i, vals)
	if err != nil {
		m.form.SetError(err.Error())
		return nil
	}
	if strings.Contains(vals[0], "://") { // the URL's parts go to their fields, its password masked
		m.links[i].cfg = &cfg
		m.openConnect(i, "")
	}
	m.form.SetBusy("connecting to " + cfg.Label() + "…")
	m.links[i].connecting = true
	m.links[i].remember = len(vals) > 6 && vals[6] == "yes"
	return m.connectCmd(i, cfg)
}

// connectCmd dials off the UI goroutine, the transcript and connection
// events wired into the log and status line.
func (m Model) connectCmd(i int, cfg session.Config) tea.Cmd {
	if cfg.Keepalive == 0 {
		cfg.Keepalive = keepalive
	}
	dial, trace, events := m.opts.Dial, session.WithTrace(m.sink.trace), session.WithEvents(m.sink.event)
	return func() tea.Msg {
		fsys, err := dial(context.Background(), cfg, trace, events)
		return connectedMsg{Pane: i, FS: fsys, Cfg: cfg, Err: err}
	}
}

func (m Model) handleConnected(msg connectedMsg) (tea.Model, tea.Cmd) {
	i := msg.Pane
	l := &m.links[i]
	l.connecting = false
	c := msg.Cfg
	l.cfg = &c
	if msg.Err != nil {
		m.setStatus(msg.Err.Error(), true)
		switch {
		case m.form != nil && m.dialogID() != l.dialog:
			// Another question is open (a command may wait on its
			// answer): it stays; the status line and the log tell.
		case m.askTrustOrWarn(i, msg.Err):
		case m.form != nil:
			m.form.SetError(msg.Err.Error())
		default:
			m.openConnect(i, msg.Err.Error())
		}
		return m, nil
	}
	old := l.fs
	l.fs, l.state = msg.FS, readConnState(msg.FS)
	if m.dialogID() == l.dialog {
		m.closeDialog()
	}
	m.q.SetPassword(c) // jobs from the journal for this login can resume now
	m.setStatus("connected to "+msg.FS.Label()+insecureNote(c), insecureNote(c) != "")
	if note := restoredNote(m.queue.Jobs()); m.resumeHint && note != "" {
		m.setStatus("connected to "+msg.FS.Label()+" · "+note, false)
	}
	p := &m.panes[i]
	p.SetFS(msg.FS)
	m.focusSub(SubNone)
	m.setFocus(Focus(i))
	after := m.afterConnect(i, c, msg.FS) // before the first listing: it may shape its times
	return m, tea.Batch(closeCmd(old), p.Load(startDir(msg.FS), ""), after)
}

// startDir is where a new connection's pane opens: the folder the session
// is in (the URL's path), else its home.
func startDir(fsys session.FS) string {
	if w, ok := fsys.(session.Getwder); ok && w.Getwd() != "" {
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

// disconnect logs the focused pane out (else the other one); the left
// pane goes back to the local disk.
func (m *Model) disconnect() tea.Cmd {
	i := m.linked()
	if i < 0 {
		m.setStatus("not connected", false)
		return nil
	}
	fsys := m.links[i].fs
	m.links[i].fs, m.links[i].state = nil, connState{}
	var load tea.Cmd
	if i == 0 {
		m.panes[0].SetFS(m.opts.Local)
		load = m.panes[0].LoadHome()
	} else {
		m.panes[1].SetFS(nil)
	}
	label := fsys.Label()
	return tea.Batch(load, func() tea.Msg {
		fsys.Close()
		return disconnectedMsg{label: label}
	})
}

// connectTarget is the pane the connect key acts on: the focused one,
// except that the right pane connects first while neither is connected
// (the left pane then keeps the local disk).
func (m Model) connectTarget() int {
	if m.focus == FocusLeft && m.links[0].fs == nil && m.links[1].fs == nil {
		return 1
	}
	return int(m.focus)
}

// linked is the pane whose connection the connection keys act on: the
// focused one when it is connected, else the other; -1 when neither is.
func (m Model) linked() int {
	f := int(m.focus)
	switch {
	case m.links[f].fs != nil:
		return f
	case m.links[1-f].fs != nil:
		return 1 - f
	}
	return -1
}

func (m Model) handleEvent(msg eventMsg) (tea.Model, tea.Cmd) {
	ev := msg.ev
	text := ev.String()
	m.setStatus(text, ev.Kind == session.EventDisconnected || ev.Err != nil)
	m.noteCharset(ev)
	return m, m.sink.listen()
}
