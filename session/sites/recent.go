package sites

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ftpane/ftpane/session"
)

// MaxRecent is how many connections the recent list keeps.
const MaxRecent = 20

// RecentFile is the recent list's name in ftpane's state folder.
const RecentFile = "recent.toml"

// RecentPath is $XDG_STATE_HOME/ftpane/recent.toml.
func RecentPath(stateHome string) string { return filepath.Join(stateHome, "ftpane", RecentFile) }

// Recent is one connection that worked: never its password.
type Recent struct {
	URL      string    `toml:"url"` // ftp://user@host:port/dir, ftps://, ftpes://
	Site     string    `toml:"site,omitempty"`
	Active   bool      `toml:"active,omitempty"`
	Encoding string    `toml:"encoding,omitempty"`
	When     time.Time `toml:"when"`
}

// RecentOf describes a connection for the recent list, without its
// password. site is the site it was opened from ("" for none).
func RecentOf(cfg session.Config, site string, when time.Time) Recent {
	return Recent{URL: URLOf(cfg), Site: site, Active: cfg.Active, Encoding: cfg.Encoding, When: when.UTC().Truncate(time.Second)}
}

// URLOf writes a connection as a URL without its password: the scheme
// says the TLS mode, the path the folder it opened in.
func URLOf(cfg session.Config) string {
	u := url.URL{Scheme: "ftp", Host: cfg.Addr(), Path: cfg.Dir}
	switch cfg.TLS {
	case session.TLSExplicit:
		u.Scheme = "ftpes"
	case session.TLSImplicit:
		u.Scheme = "ftps"
	}
	if cfg.User != "" {
		u.User = url.User(cfg.User)
	}
	return u.String()
}

// Config is how to connect again (without a password).
func (r Recent) Config() (session.Config, error) {
	cfg, err := session.ParseURL(r.URL)
	if err != nil {
		return cfg, err
	}
	cfg.Password = ""
	cfg.Active, cfg.Encoding = r.Active, r.Encoding
	return cfg, nil
}

// Label is what the site dialog shows: user@host:port and the folder.
func (r Recent) Label() string {
	cfg, err := r.Config()
	if err != nil {
		return r.URL
	}
	l := cfg.Label()
	if cfg.Dir != "" && cfg.Dir != "/" {
		l += " " + cfg.Dir
	}
	return l
}

// LoadRecent reads the recent list, newest first; a missing file is an
// empty list.
func LoadRecent(path string) ([]Recent, error) {
	var f struct {
		Recent []Recent `toml:"recent"`
	}
	_, err := toml.DecodeFile(path, &f)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recent connections: %s: %w", path, err)
	}
	return f.Recent, nil
}

// AddRecent puts r at the top of the recent list in path, dropping an
// older entry for the same URL and anything past MaxRecent. A URL that
// holds a password is refused.
func AddRecent(path string, r Recent) ([]Recent, error) {
	if u, err := url.Parse(r.URL); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			return nil, errors.New("recent connections: refusing to keep a password")
		}
	}
	list, err := LoadRecent(path)
	if err != nil {
		list = nil // a damaged list is replaced rather than blocking every connect
	}
	out := []Recent{r}
	for _, o := range list {
		if o.URL != r.URL && len(out) < MaxRecent {
			out = append(out, o)
		}
	}
	return out, saveRecent(path, out)
}

// RemoveRecent drops the entry for url from the recent list.
func RemoveRecent(path, url string) ([]Recent, error) {
	list, err := LoadRecent(path)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, o := range list {
		if o.URL != url {
			out = append(out, o)
		}
	}
	return out, saveRecent(path, out)
}

func saveRecent(path string, list []Recent) error {
	var buf bytes.Buffer
	buf.WriteString("# ftpane's last connections, newest first (no passwords).\n\n")
	if err := toml.NewEncoder(&buf).Encode(struct {
		Recent []Recent `toml:"recent"`
	}{list}); err != nil {
		return fmt.Errorf("recent connections: %w", err)
	}
	return writeFile(path, buf.Bytes())
}

// Match reports whether a site or recent entry contains every word of
// filter (case-insensitive) in one of its texts.
func Match(filter string, texts ...string) bool {
	all := strings.ToLower(strings.Join(texts, "\x00"))
	for _, w := range strings.Fields(strings.ToLower(filter)) {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}
