package ui

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/dialog"
)

// The site form's fields, in order.
const (
	sfName = iota
	sfFolder
	sfHost
	sfUser
	sfPassword
	sfRemember
	sfTLS
	sfMode
	sfType
	sfRemoteDir
	sfLocalDir
	sfParallel
	sfEncoding
	sfZone
	sfSync
	sfNotes
)

var yesNo = []string{"yes", "no"}

// newSiteFrom starts a new site from what was typed in the filter: a
// host name or URL fills the host, anything else the name.
func newSiteFrom(filter string) sites.Site {
	filter = strings.TrimSpace(filter)
	if _, err := session.ParseURL(filter); err == nil && filter != "" {
		return sites.Site{URL: filter}
	}
	return sites.Site{Name: filter}
}

// openSiteForm edits s; old is its name in the book ("" : a new site).
func (m *Model) openSiteForm(old string, s sites.Site) {
	cfg, _ := s.Config()
	tls := s.TLS
	if tls == "" {
		tls = sites.TLSModes[cfg.TLS]
	}
	remember := "yes"
	if m.opts.Sites.Keyring == nil || !m.opts.Sites.Keyring.Available() {
		remember = "no"
	}
	title := "New site"
	if old != "" {
		title = "Edit site " + old
	}
	m.ask(title, nil, []dialog.Field{
		{Label: "Name", Value: s.Name},
		{Label: "Folder", Value: s.Folder},
		{Label: "Host", Value: s.URL},
		{Label: "User", Value: s.User},
		{Label: "Password", Masked: true},
		{Label: "Remember", Value: remember, Options: yesNo},
		{Label: "TLS", Value: tls, Options: sites.TLSModes},
		{Label: "Data conn.", Value: orFirst(s.Mode, sites.DataModes), Options: sites.DataModes},
		{Label: "Type", Value: orFirst(s.Type, sites.Types), Options: sites.Types},
		{Label: "Remote dir", Value: s.RemoteDir},
		{Label: "Local dir", Value: s.LocalDir},
		{Label: "Parallel", Value: intText(s.Parallel)},
		{Label: "Encoding", Value: s.Encoding},
		{Label: "Time zone", Value: orText(s.TimeZone, "auto")},
		{Label: "Sync browse", Value: onOff(s.SyncBrowsing), Options: []string{"off", "on"}},
		{Label: "Notes", Value: s.Notes}},
		func(m *Model, vals []string) tea.Cmd { return m.submitSiteForm(old, vals) }, nil)
	m.stayOpen() // a refused value shows in the form
	if s.Name != "" && s.URL == "" {
		m.form.Focus(sfHost)
	}
}

// siteFromForm reads the form back into a site.
func siteFromForm(v []string) (sites.Site, error) {
	s := sites.Site{Name: strings.TrimSpace(v[sfName]), Folder: strings.Trim(strings.TrimSpace(v[sfFolder]), "/"),
		URL: strings.TrimSpace(v[sfHost]), User: strings.TrimSpace(v[sfUser]),
		RemoteDir: strings.TrimSpace(v[sfRemoteDir]), LocalDir: strings.TrimSpace(v[sfLocalDir]),
		Encoding: strings.TrimSpace(v[sfEncoding]), SyncBrowsing: v[sfSync] == "on", Notes: v[sfNotes]}
	if s.Name == "" {
		s.Name = s.URL
	}
	if z := strings.TrimSpace(v[sfZone]); !strings.EqualFold(z, "auto") {
		s.TimeZone = z
	}
	if p := strings.TrimSpace(v[sfParallel]); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return s, errors.New("parallel: give a number of transfers (empty: the config's)")
		}
		s.Parallel = n
	}
	if v[sfMode] != sites.DataModes[0] {
		s.Mode = v[sfMode]
	}
	if v[sfType] != sites.Types[0] {
		s.Type = v[sfType]
	}
	if cfg, err := (sites.Site{URL: s.URL}).Config(); err != nil || sites.TLSModes[cfg.TLS] != v[sfTLS] {
		s.TLS = v[sfTLS] // only what the URL's scheme does not say already
	}
	return s, s.Check()
}

func (m *Model) submitSiteForm(old string, v []string) tea.Cmd {
	s, err := siteFromForm(v)
	if err != nil {
		m.form.SetError(err.Error())
		return nil
	}
	b := m.site.book
	b.Sites = append([]sites.Site(nil), b.Sites...)
	if err := b.Put(old, s); err != nil {
		m.form.SetError(err.Error())
		return nil
	}
	m.closeDialog()
	acct, pw, remember := s.Account(), v[sfPassword], v[sfRemember] == "yes"
	if pw != "" { // for this run, also when the keyring turns out to be missing
		m.rememberTyped(acct, pw)
	}
	save := m.opts.Sites.saveCmd(b, "saved site "+s.Name)
	kr := m.opts.Sites.Keyring
	return func() tea.Msg {
		msg := save().(sitesSavedMsg)
		if msg.err == nil {
			if err := keepPassword(kr, acct, pw, remember); err != nil {
				msg.text += " · password not saved: " + err.Error()
			}
		}
		return msg
	}
}

// keepPassword files a password that is to be remembered, and forgets a
// saved one that is not: with remember and no password typed, the saved
// one stays.
func keepPassword(kr *keyring.Store, acct, pw string, remember bool) error {
	switch {
	case kr == nil && remember && pw != "":
		return keyring.ErrUnavailable
	case kr == nil:
		return nil
	case !remember:
		return kr.Delete(acct)
	case pw != "":
		return kr.Set(acct, pw)
	}
	return nil
}

// rememberTyped keeps a password for this run only.
func (m *Model) rememberTyped(acct, pw string) {
	if m.site.typed == nil {
		m.site.typed = map[string]string{}
	}
	m.site.typed[acct] = pw
}

func orFirst(v string, opts []string) string { return orText(v, opts[0]) }

func orText(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
