package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/adrg/xdg"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/netrc"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui"
)

// siteArgs is "@name" on the command line: a site of sites.toml, with the
// connection flags given beside it winning over the site's settings.
type siteArgs struct {
	Name    string
	Passive bool // -p was given
	Site    *sites.Site
}

// withSite records "@name"; it is read by resolveSite once the config
// folder is known.
func (a clientArgs) withSite(args []string, passive bool) (clientArgs, error) {
	if len(args) > 1 {
		return a, fmt.Errorf("too many arguments after %s: %q", args[0], strings.Join(args[1:], " "))
	}
	a.SiteArg = siteArgs{Name: strings.TrimPrefix(args[0], "@"), Passive: passive}
	if a.SiteArg.Name == "" {
		return a, errors.New("@ needs a site name: ftpane @NAME")
	}
	return a, nil
}

// resolveSite turns "@name" into the connection: the site from
// sites.toml, then the command line's flags. Batch mode has no dialog to
// ask in, so it takes the password from the keyring, else ~/.netrc, here.
func (a *clientArgs) resolveSite(configHome string, getenv func(string) string, batch bool) error {
	if a.SiteArg.Name == "" {
		return nil
	}
	b, err := sites.Load(sites.Path(configHome))
	if err != nil {
		return err
	}
	s, ok := b.Find(a.SiteArg.Name)
	if !ok {
		return fmt.Errorf("no site %q in %s%s", a.SiteArg.Name, sites.Path(configHome), knownSites(b))
	}
	cfg, err := s.Config()
	if err != nil {
		return fmt.Errorf("site %s: %w", s.Name, err)
	}
	t := a.Template
	if t.TLS != session.TLSNone {
		cfg.TLS = t.TLS
	}
	cfg.Active = (cfg.Active || t.Active) && !a.SiteArg.Passive
	cfg.Insecure = t.Insecure
	if t.Encoding != "" {
		cfg.Encoding = t.Encoding
	}
	a.Remote, a.SiteArg.Site = &cfg, &s
	if batch && !sites.Anonymous(cfg.User) {
		var note string
		a.Remote.Password, _, note = sites.Password(cfg, a.Keyring, netrcPath(a.NoNetrc, getenv))
		if note != "" && a.Stderr != nil {
			fmt.Fprintln(a.Stderr, "ftpane:", note)
		}
	}
	return nil
}

func knownSites(b sites.Book) string {
	if len(b.Sites) == 0 {
		return " (no sites yet: press c in ftpane to add one)"
	}
	return " (sites: " + strings.Join(b.Names(), ", ") + ")"
}

// siteOptions wires the TUI's site manager: sites.toml, the recent list,
// the keyring, and the site named on the command line.
func siteOptions(a clientArgs) ui.SiteOptions {
	o := ui.SiteOptions{Path: sites.Path(xdg.ConfigHome), RecentPath: sites.RecentPath(xdg.StateHome),
		Keyring: a.Keyring, Start: a.SiteArg.Site, FileZillaPath: ui.DefaultFileZillaPath(xdg.ConfigHome),
		Template: a.Template}
	o.NetrcPath = netrcPath(a.NoNetrc, os.Getenv)
	return o
}

// netrcPath is $NETRC or ~/.netrc, "" with -n.
func netrcPath(noNetrc bool, getenv func(string) string) string {
	if noNetrc {
		return ""
	}
	if p := getenv("NETRC"); p != "" {
		return p
	}
	return netrc.DefaultPath()
}
