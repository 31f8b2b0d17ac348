package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
)

// handleSitesKey drives the site manager while it is open: keys act on
// the selected row, everything else is typed into the filter.
func (m Model) handleSitesKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	d, k := m.site.dlg, m.keys
	row, has := d.selected()
	switch {
	case key.Matches(msg, k.SiteClose):
		return m.closeSites()
	case key.Matches(msg, k.SiteUp):
		d.move(-1)
	case key.Matches(msg, k.SiteDown):
		d.move(1)
	case key.Matches(msg, k.SiteConnect):
		return m.connectRow(row, has)
	case key.Matches(msg, k.SiteNew):
		m.openSiteForm("", newSiteFrom(d.filter.Value()))
	case key.Matches(msg, k.SiteEdit) && has:
		m.editRow(row)
	case key.Matches(msg, k.SiteDuplicate) && has && row.site >= 0:
		b := m.site.book
		b.Sites = append([]sites.Site(nil), b.Sites...)
		c, err := b.Duplicate(b.Sites[row.site].Name)
		if err != nil {
			d.err = err.Error()
			return m, nil
		}
		return m, m.opts.Sites.saveCmd(b, "added "+c.Name)
	case key.Matches(msg, k.SiteDelete) && has:
		m.askDeleteRow(row)
	case key.Matches(msg, k.SiteImport):
		m.ask("Import sites", []string{"FileZilla's sitemanager.xml or a .netrc file;",
			"passwords go to the keyring, never to sites.toml."},
			[]dialog.Field{{Label: "File", Value: m.opts.Sites.FileZillaPath}},
			func(m *Model, vals []string) tea.Cmd { return m.importCmd(strings.TrimSpace(vals[0])) }, nil)
	case key.Matches(msg, k.SiteQuick):
		pane := d.pane
		m.site.dlg = nil
		m.openConnect(pane, "")
	default:
		if d.typeKey(msg) {
			d.err = ""
			d.cursor = 0
			m.refreshSites()
		}
	}
	return m, nil
}

// closeSites is esc: it clears the filter first, then closes.
func (m Model) closeSites() (tea.Model, tea.Cmd) {
	if d := m.site.dlg; d.filter.Value() != "" {
		d.filter.SetValue("")
		m.refreshSites()
		return m, nil
	}
	m.site.dlg = nil
	if m.linked() < 0 && !m.links[1].connecting {
		m.setStatus("not connected: c opens the site manager", false)
	}
	return m, nil
}

// connectRow is enter: a site or recent connection connects; with no row
// the filter is taken as a host for the connect dialog.
func (m Model) connectRow(row siteRow, has bool) (tea.Model, tea.Cmd) {
	d := m.site.dlg
	i := d.pane
	switch {
	case has && row.site >= 0:
		s := m.site.book.Sites[row.site]
		m.site.dlg = nil
		return m, m.connectSite(i, s)
	case has:
		cfg, err := m.site.recent[row.recent].Config()
		if err != nil {
			d.err = err.Error()
			return m, nil
		}
		m.site.dlg = nil
		return m, m.connectConfig(i, cfg, nil)
	}
	host := strings.TrimSpace(d.filter.Value())
	m.site.dlg = nil
	if host != "" {
		cfg, err := session.ParseURL(host)
		if err == nil {
			m.links[i].cfg = &cfg
		}
	}
	m.openConnect(i, "")
	return m, nil
}

// editRow opens the form on a site, or on a recent connection to save it
// as a new site.
func (m *Model) editRow(row siteRow) {
	if row.site >= 0 {
		s := m.site.book.Sites[row.site]
		m.openSiteForm(s.Name, s)
		return
	}
	r := m.site.recent[row.recent]
	cfg, _ := r.Config()
	s := sites.Site{Name: m.site.book.FreeName(cfg.Host), URL: cfg.Host, User: cfg.User, RemoteDir: cfg.Dir,
		TLS: sites.TLSModes[cfg.TLS], Encoding: cfg.Encoding}
	if cfg.Port != 0 {
		s.URL = cfg.Addr()
	}
	if cfg.Active {
		s.Mode = "active"
	}
	m.openSiteForm("", s)
}

func (m *Model) askDeleteRow(row siteRow) {
	if row.site >= 0 {
		s := m.site.book.Sites[row.site]
		m.ask("Delete site", []string{"Delete the site " + pane.Escape(s.Name) + "?",
			"Its saved password is removed from the keyring too."}, nil,
			func(m *Model, _ []string) tea.Cmd { return m.deleteSite(s.Name) }, nil)
		return
	}
	r := m.site.recent[row.recent]
	m.ask("Forget connection", []string{"Remove " + pane.Escape(r.Label()) + " from the recent list?"}, nil,
		func(m *Model, _ []string) tea.Cmd { return m.forgetRecent(r.URL) }, nil)
}

// forgetRecent removes a connection from the recent list.
func (m Model) forgetRecent(url string) tea.Cmd {
	path := m.opts.Sites.RecentPath
	return func() tea.Msg {
		list, err := sites.RemoveRecent(path, url)
		if err != nil {
			return siteNoteMsg{text: err.Error(), err: true}
		}
		return recentMsg{list}
	}
}

// deleteSite removes a site, and its password unless another site logs
// in with it.
func (m Model) deleteSite(name string) tea.Cmd {
	b := m.site.book
	b.Sites = append([]sites.Site(nil), b.Sites...)
	s, _ := b.Find(name)
	b.Delete(name)
	kr, acct := m.opts.Sites.Keyring, s.Account()
	save := m.opts.Sites.saveCmd(b, "deleted "+name)
	return func() tea.Msg {
		if kr != nil && acct != "" && !sharedAccount(b, acct) {
			kr.Delete(acct)
		}
		return save()
	}
}

// sharedAccount reports whether another site still logs in as acct (its
// password must stay).
func sharedAccount(b sites.Book, acct string) bool {
	for _, s := range b.Sites {
		if s.Account() == acct {
			return true
		}
	}
	return false
}
