package sites

import (
	"fmt"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
	"github.com/ftpane/ftpane/session/netrc"
)

// Password finds a login's password: the keyring's (kr may be nil), else
// the one netrcPath ("" : none) gives the same host and user. note is the
// keyring's one-time message when it has no service.
func Password(cfg session.Config, kr *keyring.Store, netrcPath string) (pw string, ok bool, note string) {
	if kr != nil {
		if pw, ok, _ := kr.Get(AccountOf(cfg)); ok {
			return pw, true, ""
		}
		note = kr.Note()
	}
	if netrcPath == "" {
		return "", false, note
	}
	f, err := netrc.Load(netrcPath)
	if err != nil {
		return "", false, note
	}
	if m := f.Lookup(cfg.Host); m != nil && m.Login == cfg.User && m.HasPassword {
		return m.Password, true, note
	}
	return "", false, note
}

// Lookup resolves a site name from the file at path each time it is
// asked (open @name), with its password when Password finds one.
func Lookup(path string, kr *keyring.Store, netrcPath string) func(name string) (session.Config, error) {
	return func(name string) (session.Config, error) {
		b, err := Load(path)
		if err != nil {
			return session.Config{}, err
		}
		s, ok := b.Find(name)
		if !ok {
			return session.Config{}, fmt.Errorf("no site %q in %s", name, path)
		}
		cfg, err := s.Config()
		if err != nil {
			return cfg, fmt.Errorf("site %s: %w", s.Name, err)
		}
		if !Anonymous(cfg.User) {
			cfg.Password, _, _ = Password(cfg, kr, netrcPath)
		}
		return cfg, nil
	}
}
