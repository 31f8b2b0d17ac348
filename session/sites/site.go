// Package sites is ftpane's site manager: the servers a user keeps by
// name in sites.toml (XDG config folder), the last connections in the
// state folder, and imports from FileZilla's sitemanager.xml and from
// ~/.netrc. Passwords never live here: they go to the OS keyring
// (session/keyring), and a password in sites.toml is an error.
package sites

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/ftpane/ftpane/session"
)

// Site is one saved server. The zero values mean the defaults: no TLS
// unless the URL's scheme says so, passive data connections, automatic
// transfer type, the login folder, the current local folder, the
// configured number of parallel transfers, UTF-8 names, a server time
// zone detected on connect, and no synchronized browsing.
type Site struct {
	Name   string `toml:"name"`
	Folder string `toml:"folder,omitempty"` // "Work/Clients": groups sites in the list
	// URL is ftp://host[:port][/folder], ftps:// (implicit TLS) or
	// ftpes:// (explicit TLS), or a bare host name.
	URL       string `toml:"url"`
	User      string `toml:"user,omitempty"`
	TLS       string `toml:"tls,omitempty"`  // none, explicit, implicit
	Mode      string `toml:"mode,omitempty"` // passive, active
	Type      string `toml:"type,omitempty"` // auto, binary, ascii
	RemoteDir string `toml:"remote_dir,omitempty"`
	LocalDir  string `toml:"local_dir,omitempty"`
	Parallel  int    `toml:"parallel,omitempty"` // 0: the config's workers
	Encoding  string `toml:"encoding,omitempty"`
	// TimeZone is the zone the server's LIST times are in: "auto" (or
	// empty) detects it on connect, "+02:00", "-05:30" or "UTC" set it.
	TimeZone     string `toml:"timezone,omitempty"`
	SyncBrowsing bool   `toml:"sync_browsing,omitempty"`
	Notes        string `toml:"notes,omitempty"`
}

// MaxParallel bounds a site's parallel transfers, as the config bounds
// transfer.workers.
const MaxParallel = 16

// The choices of the text fields, first the default.
var (
	TLSModes  = []string{"none", "explicit", "implicit"}
	DataModes = []string{"passive", "active"}
	Types     = []string{"auto", "binary", "ascii"}
)

// FieldError is a site's value that cannot be used: which key and why.
// File.Load adds the line.
type FieldError struct {
	Key string
	Msg string
}

func (e *FieldError) Error() string { return e.Key + ": " + e.Msg }

func fieldErr(key, format string, args ...any) error {
	return &FieldError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Check reports the first value that cannot be used, as a *FieldError.
func (s Site) Check() error {
	if strings.TrimSpace(s.Name) == "" {
		return fieldErr("name", "a site needs a name")
	}
	if strings.ContainsAny(s.Name, "\x00\r\n\t") {
		return fieldErr("name", "control characters in %q", s.Name)
	}
	if _, err := s.Config(); err != nil {
		return err
	}
	if s.Parallel < 0 || s.Parallel > MaxParallel {
		return fieldErr("parallel", "%d: must be 0 (the config's workers) to %d", s.Parallel, MaxParallel)
	}
	if _, _, err := ParseZone(s.TimeZone); err != nil {
		return fieldErr("timezone", "%v", err)
	}
	return nil
}

// Config is how to connect to the site; the password is not in it (the
// caller asks the keyring, or the user).
func (s Site) Config() (session.Config, error) {
	if strings.TrimSpace(s.URL) == "" {
		return session.Config{}, fieldErr("url", "a site needs a host name or URL")
	}
	cfg, err := session.ParseURL(strings.TrimSpace(s.URL))
	if err != nil {
		return cfg, fieldErr("url", "%v", errors.Unwrap(err))
	}
	if cfg.Password != "" {
		return session.Config{}, fieldErr("url", "no password in sites.toml: it goes to the keyring (remember password in the site dialog)")
	}
	if s.User != "" {
		cfg.User = s.User
	}
	if s.TLS != "" {
		i := indexOf(TLSModes, s.TLS)
		if i < 0 {
			return cfg, fieldErr("tls", "%q: must be none, explicit or implicit", s.TLS)
		}
		cfg.TLS = session.TLSMode(i)
	}
	switch s.Mode {
	case "", "passive":
	case "active":
		cfg.Active = true
	default:
		return cfg, fieldErr("mode", "%q: must be passive or active", s.Mode)
	}
	if s.Type != "" && indexOf(Types, s.Type) < 0 {
		return cfg, fieldErr("type", "%q: must be auto, binary or ascii", s.Type)
	}
	if s.Encoding != "" && !strings.EqualFold(s.Encoding, "utf-8") {
		if _, err := htmlindex.Get(s.Encoding); err != nil {
			return cfg, fieldErr("encoding", "unknown name encoding %q (try gbk, big5, shift_jis, euc-kr, latin1)", s.Encoding)
		}
		cfg.Encoding = s.Encoding
	}
	if s.RemoteDir != "" {
		cfg.Dir = s.RemoteDir
	}
	return cfg, nil
}

// Account is the keyring account of the site's login: user@host:port.
func (s Site) Account() string {
	cfg, err := s.Config()
	if err != nil {
		return ""
	}
	return AccountOf(cfg)
}

// AccountOf is the keyring account of a connection: user@host:port, with
// "anonymous" for no user, as the header shows it.
func AccountOf(cfg session.Config) string { return cfg.Label() }

// Anonymous reports whether a login needs no password of its own.
func Anonymous(user string) bool {
	return user == "" || strings.EqualFold(user, "anonymous") || strings.EqualFold(user, "ftp")
}

// ParseZone reads a time-zone setting: "" or "auto" (detect: auto true),
// "UTC", or an offset "+02:00", "-0530", "+2".
func ParseZone(s string) (offset time.Duration, auto bool, err error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "auto":
		return 0, true, nil
	case "utc", "z", "0":
		return 0, false, nil
	}
	if s[0] != '+' && s[0] != '-' {
		return 0, false, fmt.Errorf("%q: want auto, UTC or an offset such as +02:00", s)
	}
	body := s[1:]
	var hh, mm string
	switch {
	case strings.Contains(body, ":"):
		hh, mm, _ = strings.Cut(body, ":")
	case len(body) > 2:
		hh, mm = body[:len(body)-2], body[len(body)-2:]
	default:
		hh = body
	}
	h, err1 := strconv.Atoi(hh)
	m := 0
	var err2 error
	if mm != "" {
		m, err2 = strconv.Atoi(mm)
	}
	if err1 != nil || err2 != nil || h > 14 || m > 59 || h < 0 || m < 0 {
		return 0, false, fmt.Errorf("%q: want auto, UTC or an offset such as +02:00 (at most ±14:00)", s)
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if s[0] == '-' {
		d = -d
	}
	return d, false, nil
}

// FormatZone writes an offset as ParseZone reads it: "+02:00", "UTC".
func FormatZone(d time.Duration) string {
	if d == 0 {
		return "UTC"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("%s%02d:%02d", sign, int(d/time.Hour), int(d%time.Hour/time.Minute))
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
