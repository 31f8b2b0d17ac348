package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/netrc"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/logview"
)

// connectSite connects pane i to a saved site.
func (m *Model) connectSite(i int, s sites.Site) tea.Cmd {
	cfg, err := s.Config()
	if err != nil {
		m.setStatus("site "+s.Name+": "+err.Error(), true)
		return nil
	}
	return m.connectConfig(i, cfg, &s)
}

// connectConfig connects pane i to cfg (from a site or the recent list):
// with a password typed earlier in this run, else the keyring's, else
// ~/.netrc's, else the connect dialog asks for it.
func (m *Model) connectConfig(i int, cfg session.Config, s *sites.Site) tea.Cmd {
	t := m.opts.Sites.Template
	cfg.Insecure, cfg.RootCAs, cfg.Timeout, cfg.Keepalive = t.Insecure, t.RootCAs, t.Timeout, t.Keepalive
	l := &m.links[i]
	l.site, l.remember = s, false
	if pw, ok := m.site.typed[sites.AccountOf(cfg)]; ok && cfg.Password == "" {
		cfg.Password = pw
	}
	l.cfg = &cfg
	m.setStatus("connecting to "+cfg.Label()+"…", false)
	l.connecting = true
	if cfg.Password != "" || sites.Anonymous(cfg.User) {
		return m.connectCmd(i, cfg)
	}
	kr, netrcPath := m.opts.Sites.Keyring, m.opts.Sites.NetrcPath
	return func() tea.Msg {
		msg := sitePasswordMsg{pane: i, site: s, cfg: cfg}
		msg.cfg.Password, msg.found, msg.note = sites.Password(cfg, kr, netrcPath)
		return msg
	}
}

func (m Model) handleSitePassword(msg sitePasswordMsg) (Model, tea.Cmd) {
	i := msg.pane
	if msg.note != "" {
		m.setStatus(msg.note, false)
	}
	if msg.found {
		return m, m.connectCmd(i, msg.cfg)
	}
	m.links[i].connecting = false
	cfg := msg.cfg
	m.links[i].cfg = &cfg
	m.openConnect(i, "")
	m.form.Focus(3) // the password
	return m, nil
}

// afterConnect is what a connection that worked brings along: the recent
// list, the password to remember, and the site's local folder, transfer
// type, time zone and synchronized browsing.
func (m *Model) afterConnect(i int, cfg session.Config, fsys session.FS) tea.Cmd {
	l := &m.links[i]
	if l.site != nil && sites.AccountOf(cfg) != l.site.Account() {
		l.site = nil // the dialog changed the login: it is no longer the site's
	}
	name := ""
	if l.site != nil {
		name = l.site.Name
	}
	cmds := []tea.Cmd{m.addRecentCmd(cfg, name)}
	if cfg.Password != "" && !sites.Anonymous(cfg.User) {
		m.rememberTyped(sites.AccountOf(cfg), cfg.Password)
		if l.remember {
			cmds = append(cmds, m.rememberCmd(sites.AccountOf(cfg), cfg.Password))
		}
	}
	m.startZone(i, fsys, l.site)
	m.site.sync = syncState{}
	if s := l.site; s != nil {
		cmds = append(cmds, m.applySite(i, *s, fsys))
	}
	return tea.Batch(cmds...)
}

// rememberCmd files a password the user asked to remember.
func (m Model) rememberCmd(acct, pw string) tea.Cmd {
	kr := m.opts.Sites.Keyring
	return func() tea.Msg {
		if err := keepPassword(kr, acct, pw, true); err != nil {
			return siteNoteMsg{text: "password not saved: " + err.Error(), err: true}
		}
		return siteNoteMsg{text: "password for " + acct + " saved in the keyring"}
	}
}

// applySite moves the local pane to the site's folder, sets the transfer
// type and starts synchronized browsing.
func (m *Model) applySite(i int, s sites.Site, fsys session.FS) tea.Cmd {
	var cmds []tea.Cmd
	o := 1 - i
	local := m.panes[o].FS() == m.opts.Local
	if s.LocalDir != "" && local {
		cmds = append(cmds, m.panes[o].Load(expandHome(s.LocalDir), ""))
	}
	if s.SyncBrowsing && local {
		m.site.sync = syncState{on: true}
		if s.LocalDir == "" {
			m.site.sync.base[o] = m.panes[o].Dir()
		}
	}
	if s.Parallel > 0 && m.links[i].cfg != nil {
		m.q.SetLimit(*m.links[i].cfg, s.Parallel)
	}
	if r, ok := fsys.(session.Typer); ok && s.Type != "" && s.Type != "auto" {
		typ := session.TypeBinary
		if s.Type == "ascii" {
			typ = session.TypeASCII
		}
		cmds = append(cmds, func() tea.Msg {
			err := r.SetType(context.Background(), typ)
			return settingMsg{pane: i, fs: fsys, state: readConnState(fsys), err: err}
		})
	}
	return tea.Batch(cmds...)
}

// expandHome reads a leading ~ as the home folder.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~"); ok && (rest == "" || os.IsPathSeparator(rest[0])) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// siteImportedMsg ends an import into sites.toml.
type siteImportedMsg struct {
	book     sites.Book
	n        int
	warnings []string
	err      error
}

// importCmd reads FileZilla's sitemanager.xml or a netrc file (told apart
// by content), adds its sites and files its passwords in the keyring.
func (m Model) importCmd(path string) tea.Cmd {
	o, book := m.opts.Sites, m.site.book
	book.Sites = append([]sites.Site(nil), book.Sites...)
	return func() tea.Msg {
		imp, err := readImport(expandHome(path))
		if err != nil {
			return siteImportedMsg{err: err}
		}
		n, warnings := book.Add(imp, func(acct, pw string) error { return keepPassword(o.Keyring, acct, pw, true) })
		if n > 0 {
			if err := book.Save(o.Path); err != nil {
				return siteImportedMsg{err: err}
			}
		}
		return siteImportedMsg{book: book, n: n, warnings: warnings}
	}
}

// readImport reads a FileZilla or netrc file.
func readImport(path string) (sites.Import, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sites.Import{}, errors.New("import: no file " + path)
	}
	if err != nil {
		return sites.Import{}, err
	}
	if strings.HasPrefix(strings.TrimSpace(string(data)), "<") {
		return sites.ImportFileZilla(strings.NewReader(string(data)))
	}
	f, err := netrc.Load(path)
	if err != nil {
		return sites.Import{}, err
	}
	return sites.ImportNetrc(f), nil
}

func (m Model) handleImported(msg siteImportedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		if m.site.dlg != nil {
			m.site.dlg.err = msg.err.Error()
		}
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	m.site.book = msg.book
	m.refreshSites()
	text := "imported " + plural(msg.n, "1 site", strconv.Itoa(msg.n)+" sites")
	for _, w := range msg.warnings {
		m.log.Add(logview.Info, "import: "+w)
	}
	if len(msg.warnings) > 0 {
		text += " (" + msg.warnings[0] + plural(len(msg.warnings), "", "; more in the log") + ")"
	}
	m.setStatus(text, len(msg.warnings) > 0)
	return m, nil
}

// rememberField offers to keep the password in the keyring, in pane i's
// connect dialog, when there is a keyring to keep it in: "yes" at first
// for a site, "no" for a server typed in.
func (m Model) rememberField(i int) []dialog.Field {
	kr := m.opts.Sites.Keyring
	if kr == nil || !kr.Available() {
		return nil
	}
	def := "no"
	if m.links[i].site != nil {
		def = "yes"
	}
	return []dialog.Field{{Label: "Remember", Value: def, Options: []string{"no", "yes"}}}
}
