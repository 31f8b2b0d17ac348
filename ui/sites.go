package ui

import (
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
	"github.com/ftpane/ftpane/session/sites"
)

// SiteOptions connect the TUI to the site manager.
type SiteOptions struct {
	// Path is sites.toml; "" turns the site manager off (c then opens
	// the connect dialog straight away).
	Path string
	// RecentPath keeps the last connections ("" : none kept).
	RecentPath string
	// Keyring keeps passwords; nil: they are asked for every time.
	Keyring *keyring.Store
	// Start is the site named on the command line (ftpane @name).
	Start *sites.Site
	// FileZillaPath is the site manager file the import dialog proposes.
	FileZillaPath string
	// NetrcPath is read for a site's password the keyring does not have
	// ("" : none, as with -n).
	NetrcPath string
	// Template gives connections from sites what a site does not say:
	// certificate roots, --insecure, timeouts.
	Template session.Config
}

// siteState is the root's part of the site manager: the list as last
// read, the open dialog, and what a connection from a site brings along.
type siteState struct {
	dlg    *siteDialog
	book   sites.Book
	recent []sites.Recent
	// typed are passwords given with "remember: no", by keyring account,
	// kept for this run only.
	typed map[string]string
	sync  syncState
	tz    [2]zoneState
}

// Messages of the site manager, all results for the root.
type (
	// sitesLoadedMsg brings sites.toml and the recent list; open shows the
	// dialog for pane, start decides the first screen.
	sitesLoadedMsg struct {
		book   sites.Book
		recent []sites.Recent
		err    error
		pane   int
		start  bool
	}
	// sitesSavedMsg ends a change of sites.toml.
	sitesSavedMsg struct {
		book sites.Book
		text string
		err  error
	}
	// sitePasswordMsg ends the keyring lookup before a site's connection.
	sitePasswordMsg struct {
		pane  int
		site  *sites.Site
		cfg   session.Config
		found bool
		note  string // the keyring's one-time message
	}
	// siteNoteMsg is a line for the status bar from a site command.
	siteNoteMsg struct {
		text string
		err  bool
	}
	recentMsg struct{ list []sites.Recent }
)

// loadSitesCmd reads sites.toml and the recent list off the UI goroutine.
func (o SiteOptions) loadCmd(pane int, start bool) tea.Cmd {
	return func() tea.Msg {
		b, err := sites.Load(o.Path)
		var recent []sites.Recent
		if o.RecentPath != "" {
			var rerr error
			if recent, rerr = sites.LoadRecent(o.RecentPath); err == nil {
				err = rerr
			}
		}
		return sitesLoadedMsg{book: b, recent: recent, err: err, pane: pane, start: start}
	}
}

// saveCmd writes book to sites.toml and reports text when done.
func (o SiteOptions) saveCmd(b sites.Book, text string) tea.Cmd {
	path := o.Path
	b.Sites = append([]sites.Site(nil), b.Sites...)
	return func() tea.Msg {
		return sitesSavedMsg{book: b, text: text, err: b.Save(path)}
	}
}

// openSites shows the site manager for pane i, or the connect dialog
// when the site manager is off.
func (m *Model) openSites(i int) tea.Cmd {
	if m.opts.Sites.Path == "" {
		m.openConnect(i, "")
		return nil
	}
	return m.opts.Sites.loadCmd(i, false)
}

// handleSiteMsg handles the site manager's results; ok is false for
// other messages.
func (m Model) handleSiteMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case sitesLoadedMsg:
		mm, cmd := m.handleSitesLoaded(msg)
		return mm, cmd, true
	case sitesSavedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return m, nil, true
		}
		m.site.book = msg.book
		m.refreshSites()
		if msg.text != "" {
			m.setStatus(msg.text, false)
		}
		return m, nil, true
	case sitePasswordMsg:
		mm, cmd := m.handleSitePassword(msg)
		return mm, cmd, true
	case siteNoteMsg:
		m.setStatus(msg.text, msg.err)
		return m, nil, true
	case recentMsg:
		m.site.recent = msg.list
		m.refreshSites()
		return m, nil, true
	case themeMsg:
		mm, cmd := m.handleTheme(msg)
		return mm, cmd, true
	case zoneMsg:
		mm, cmd := m.handleZone(msg)
		return mm, cmd, true
	case siteImportedMsg:
		mm, cmd := m.handleImported(msg)
		return mm, cmd, true
	}
	return m, nil, false
}

func (m Model) handleSitesLoaded(msg sitesLoadedMsg) (Model, tea.Cmd) {
	m.site.book, m.site.recent = msg.book, msg.recent
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
	}
	if msg.start && len(msg.book.Sites) == 0 && len(msg.recent) == 0 {
		m.openConnect(msg.pane, "")
		return m, nil
	}
	d := newSiteDialog(msg.pane, m.keys, m.styles)
	m.site.dlg = &d
	m.layoutSites()
	m.refreshSites()
	if msg.err != nil {
		m.site.dlg.err = msg.err.Error()
	}
	return m, nil
}

// refreshSites rebuilds the open dialog's rows from the current lists.
func (m *Model) refreshSites() {
	if m.site.dlg != nil {
		m.site.dlg.refresh(m.site.book, m.site.recent)
	}
}

func (m *Model) layoutSites() {
	if m.site.dlg != nil {
		m.site.dlg.setSize(m.width, m.height)
	}
}

// addRecentCmd puts a connection that worked at the top of the recent
// list (never with its password).
func (m Model) addRecentCmd(cfg session.Config, site string) tea.Cmd {
	path := m.opts.Sites.RecentPath
	if path == "" {
		return nil
	}
	r := sites.RecentOf(cfg, site, time.Now())
	return func() tea.Msg {
		list, err := sites.AddRecent(path, r)
		if err != nil {
			return siteNoteMsg{text: err.Error(), err: true}
		}
		return recentMsg{list}
	}
}

// DefaultFileZillaPath is where FileZilla keeps its site manager on this
// system, when it is there.
func DefaultFileZillaPath(configHome string) string {
	p := filepath.Join(configHome, "filezilla", "sitemanager.xml")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		if p2 := filepath.Join(home, ".filezilla", "sitemanager.xml"); fileExists(p2) {
			return p2
		}
	}
	return p
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// initSites gives the ":" line's interpreter the site list for open
// @name, and the screen for the theme command.
func (m *Model) initSites() {
	if o := m.opts.Sites; o.Path != "" {
		m.sh.SetSites(sites.Lookup(o.Path, o.Keyring, o.NetrcPath))
	}
	m.sh.SetThemer(&themer{sink: m.sink, user: m.opts.Themes, current: m.look.name})
}
