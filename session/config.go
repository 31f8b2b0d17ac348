package session

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session/trust"
)

// TLSMode is how a connection uses TLS.
type TLSMode int

// TLS modes: none, explicit (AUTH TLS on the usual port) and implicit (TLS
// from the first byte, port 990 by default).
const (
	TLSNone TLSMode = iota
	TLSExplicit
	TLSImplicit
)

func (m TLSMode) String() string {
	switch m {
	case TLSExplicit:
		return "explicit TLS"
	case TLSImplicit:
		return "implicit TLS"
	default:
		return "no TLS"
	}
}

// DefaultTimeout bounds every network operation unless configured.
const DefaultTimeout = 30 * time.Second

// Config says how to reach and log in to one server.
type Config struct {
	Host     string
	Port     int // 0: 21, or 990 with implicit TLS
	User     string
	Password string
	Account  string
	Dir      string // folder to enter after login, from a URL path

	TLS      TLSMode
	Insecure bool           // accept any certificate (opt-in only; warned of on every connection)
	RootCAs  *x509.CertPool // nil: the system roots
	Active   bool           // EPRT/PORT instead of EPSV/PASV
	// Encoding is the charset of a server whose names are not UTF-8
	// ("gbk", "big5", "shift_jis", "latin1" ...); empty means UTF-8.
	Encoding string
	// Trust accepts certificates no authority vouches for: the pins of
	// known_hosts and fingerprints accepted for this run.
	Trust trust.Policy

	Timeout   time.Duration // per operation; 0: DefaultTimeout
	Keepalive time.Duration // NOOP after this much idle time; 0: off
}

// Addr is host:port with the default port filled in.
func (c Config) Addr() string {
	port := c.Port
	if port == 0 {
		port = 21
		if c.TLS == TLSImplicit {
			port = 990
		}
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(port))
}

// Label is "user@host:port" for headers and logs (never the password).
func (c Config) Label() string {
	user := c.User
	if user == "" {
		user = "anonymous"
	}
	return user + "@" + c.Addr()
}

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// ErrBadURL is wrapped by every URL parse error.
var ErrBadURL = errors.New("bad URL")

// ParseURL reads ftp://[user[:password]@]host[:port][/path], ftps://
// (implicit TLS, as curl and lftp read it) and ftpes:// (explicit TLS, as
// FileZilla writes it), or a bare host name.
func ParseURL(s string) (Config, error) {
	var c Config
	shown := RedactURLs(s) // errors quote the URL, never its password
	if !strings.Contains(s, "://") {
		if s == "" || strings.ContainsAny(s, "/@ ") {
			return c, fmt.Errorf("%w %q: expected a host name or ftp://user@host:port/path", ErrBadURL, shown)
		}
		if ip := net.ParseIP(s); ip != nil && strings.Contains(s, ":") {
			s = "[" + s + "]" // a bare IPv6 address, as classic ftp takes it
		}
		s = "ftp://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return c, fmt.Errorf("%w %q: %s", ErrBadURL, shown, RedactURLs(errors.Unwrap(err).Error()))
	}
	switch strings.ToLower(u.Scheme) {
	case "ftp":
	case "ftps":
		c.TLS = TLSImplicit
	case "ftpes":
		c.TLS = TLSExplicit
	default:
		return c, fmt.Errorf("%w %q: scheme must be ftp, ftps or ftpes", ErrBadURL, shown)
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return c, fmt.Errorf("%w %q: no host", ErrBadURL, shown)
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return c, fmt.Errorf("%w %q: port must be 1-65535", ErrBadURL, shown)
		}
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	c.Dir = u.Path
	if err := checkArg(c.User, c.Dir); err != nil {
		return c, fmt.Errorf("%w %q: %v", ErrBadURL, shown, err)
	}
	if err := checkSecret(c.Password); err != nil {
		return c, fmt.Errorf("%w %q: %v", ErrBadURL, shown, err)
	}
	return c, nil
}
