package ftpd

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Defaults of the protections that are on unless an embedder says
// otherwise. The connection limits have no default here: `ftpane serve`
// sets them (DefaultMaxConnsPerIP, DefaultMaxConns), while tests and the
// demo, which open many connections from 127.0.0.1, run without.
const (
	// DefaultLoginTimeout is how long a connection may stay without a
	// successful login before it is told 421 and closed.
	DefaultLoginTimeout = time.Minute
	// DefaultLoginDelay is the wait after the first failed login from an
	// address; it doubles with each further failure up to 16 times itself.
	DefaultLoginDelay = 500 * time.Millisecond
	// DefaultMaxConnsPerIP and DefaultMaxConns are what `ftpane serve` uses.
	DefaultMaxConnsPerIP = 10
	DefaultMaxConns      = 50
)

// PortRange is an inclusive range of TCP ports; the zero value means any.
type PortRange struct{ First, Last int }

// IsZero reports whether no range is set.
func (r PortRange) IsZero() bool { return r == PortRange{} }

func (r PortRange) String() string { return fmt.Sprintf("%d-%d", r.First, r.Last) }

// Options configure one embedded server.
type Options struct {
	// Dir is the folder served. Clients see it as "/" and cannot reach
	// anything outside it, not even through symlinks.
	Dir string
	// Addr is the control address; DefaultAddr when empty. Port 0 picks a
	// free port: read it back with Server.Addr.
	Addr string
	// User and Pass are the one account. Leave User empty with Anonymous
	// set for an anonymous-only server.
	User, Pass string
	// Anonymous accepts the users "anonymous" and "ftp" with any password.
	Anonymous bool
	// ReadOnly refuses every write (STOR, STOU, APPE, DELE, MKD, RMD,
	// RNTO, SITE CHMOD, MFMT) with a 550 reply saying the server is
	// read-only.
	ReadOnly bool
	// TLS enables TLS: AUTH TLS is offered (explicit TLS), or with
	// ImplicitTLS the control connection is TLS from the first byte.
	TLS         *tls.Config
	ImplicitTLS bool
	// RequireTLS refuses USER and PASS with 530 until the control
	// connection is encrypted (AUTH TLS, or implicit TLS), so a password
	// never crosses the network in clear. It needs TLS.
	RequireTLS bool
	// Log receives one line per connection, login, failed login, refused
	// connection and finished transfer. Passwords never appear in it. Nil
	// discards.
	Log io.Writer
	// IdleTimeout disconnects a client silent for that long; rounded up to
	// whole seconds. Zero means the library's default, 15 minutes. A
	// client may lower its own limit with SITE IDLE, never raise it.
	IdleTimeout time.Duration
	// LoginTimeout closes a connection that has not logged in that long
	// after connecting; DefaultLoginTimeout when zero.
	LoginTimeout time.Duration
	// LoginDelay is the base of the delay imposed on an address after a
	// failed login: the next attempt from that address waits LoginDelay,
	// then twice that after the next failure, up to 16 times LoginDelay.
	// DefaultLoginDelay when zero; negative turns the delay off.
	LoginDelay time.Duration
	// MaxConnsPerIP and MaxConns limit the control connections from one
	// address and in all; a connection over a limit is told 421 and
	// closed. Zero means no limit.
	MaxConnsPerIP, MaxConns int
	// PassivePorts keeps passive data connections in that range; any free
	// port when zero.
	PassivePorts PortRange
	// Throttle sends the files named (paths as clients see them, such as
	// "/slow/watch-me.bin") at most that many bytes a second, all their
	// downloads together: the demo's slow file (DemoThrottle). `ftpane
	// serve` sets none.
	Throttle map[string]int64
}

func (o Options) validate() error {
	switch {
	case o.Dir == "":
		return errors.New("no folder to serve")
	case o.User == "" && !o.Anonymous:
		return errors.New("no account: set a user or allow anonymous")
	case o.User != "" && o.Pass == "":
		return fmt.Errorf("user %s has an empty password", o.User)
	case o.ImplicitTLS && o.TLS == nil:
		return errors.New("implicit TLS needs a TLS configuration")
	case o.RequireTLS && o.TLS == nil:
		return errors.New("requiring TLS needs a TLS configuration")
	case o.MaxConnsPerIP < 0 || o.MaxConns < 0:
		return errors.New("connection limits cannot be negative")
	}
	if err := o.PassivePorts.validate(); err != nil {
		return err
	}
	info, err := os.Stat(o.Dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return errors.New("not a folder")
	}
	return nil
}

func (r PortRange) validate() error {
	if r.IsZero() {
		return nil
	}
	if r.First < 1 || r.Last > 65535 || r.First > r.Last {
		return fmt.Errorf("passive port range %s: want FIRST-LAST with 1 <= FIRST <= LAST <= 65535", r)
	}
	return nil
}

// withDefaults fills in the zero values that stand for a default.
func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.LoginTimeout <= 0 {
		o.LoginTimeout = DefaultLoginTimeout
	}
	if o.LoginDelay == 0 {
		o.LoginDelay = DefaultLoginDelay
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = defaultIdle
	}
	return o
}

// ParsePortRange reads a port range written FIRST-LAST ("50000-50100").
func ParsePortRange(s string) (PortRange, error) {
	first, last, ok := strings.Cut(s, "-")
	a, errA := strconv.Atoi(strings.TrimSpace(first))
	b, errB := strconv.Atoi(strings.TrimSpace(last))
	if !ok || errA != nil || errB != nil {
		return PortRange{}, fmt.Errorf("port range %q: want FIRST-LAST, e.g. 50000-50100", s)
	}
	r := PortRange{First: a, Last: b}
	return r, r.validate()
}
