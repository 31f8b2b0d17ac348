package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// SiteLookup finds a saved site for `open @name`: how to connect, with
// the password when the front end has one (keyring, ~/.netrc), else
// without (then it is asked for).
type SiteLookup func(name string) (session.Config, error)

// Themer is the screen's colour themes, for the theme command: nil in
// batch mode, which has no screen.
type Themer interface {
	// Themes lists the theme names; Current is the one in use.
	Themes() []string
	Current() string
	// SetTheme switches the screen to a theme, or says why not.
	SetTheme(name string) error
}

// SetSites gives open its site list (the TUI sets it after New).
func (s *Shell) SetSites(l SiteLookup) { s.opts.Sites = l }

// SetThemer gives the theme command its screen.
func (s *Shell) SetThemer(t Themer) { s.opts.Themer = t }

// openSite is open @name: connect to a site of sites.toml.
func (s *Shell) openSite(ctx context.Context, args []string) error {
	if len(args) > 1 {
		return fmt.Errorf("open %s: a site has its own port (edit it with c in the TUI)", args[0])
	}
	name := strings.TrimPrefix(args[0], "@")
	if s.opts.Sites == nil {
		return fmt.Errorf("open %s: no site list (sites.toml) was given", args[0])
	}
	cfg, err := s.opts.Sites(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", args[0], err)
	}
	t := s.opts.Template
	cfg.RootCAs, cfg.Timeout, cfg.Keepalive = t.RootCAs, t.Timeout, t.Keepalive
	cfg.Insecure = cfg.Insecure || t.Insecure
	return s.Connect(ctx, cfg)
}

// cmdTheme lists the colour themes, or switches to one.
func (s *Shell) cmdTheme(_ context.Context, args []string) error {
	t := s.opts.Themer
	if len(args) == 0 {
		if t == nil {
			return errors.New("theme: batch mode has no screen to colour (themes: in the TUI, or theme in config.toml)")
		}
		for _, n := range t.Themes() {
			mark := " "
			if n == t.Current() {
				mark = "*"
			}
			s.printf("%s %s\n", mark, n)
		}
		return nil
	}
	if t == nil {
		return fmt.Errorf("theme %s: batch mode has no screen to colour", args[0])
	}
	if err := t.SetTheme(args[0]); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	s.printf("Theme %s.\n", args[0])
	return nil
}
