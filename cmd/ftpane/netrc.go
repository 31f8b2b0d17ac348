package main

import (
	"errors"
	"io/fs"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/netrc"
)

// applyNetrc fills in the login from ~/.netrc when the command line gave
// no user, as classic ftp does. It returns a note for the user when the
// file exists but could not be used.
func applyNetrc(cfg *session.Config, getenv func(string) string) string {
	if cfg.User != "" {
		return ""
	}
	path := getenv("NETRC")
	if path == "" {
		path = netrc.DefaultPath()
	}
	f, err := netrc.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		return err.Error()
	}
	m := f.Lookup(cfg.Host)
	if m == nil {
		return ""
	}
	cfg.User, cfg.Password, cfg.Account = m.Login, m.Password, m.Account
	if m.Port != 0 && cfg.Port == 0 {
		cfg.Port = m.Port
	}
	return ""
}
