// Package testsrv finds the FTP servers ftpane's integration tests run
// against: the embedded server (always) and vsftpd, pure-ftpd, proftpd,
// pyftpdlib and GNU inetutils ftpd started on loopback by
// internal/interop/servers.sh. Outside CI the real servers are skipped,
// with a message naming the script, when they are not running; with
// CI=true they must be there.
//
// To run a test against every server: for _, s := range testsrv.All(t).
package testsrv

import (
	"crypto/x509"
	"net"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Target is one server to test against.
type Target struct {
	Name       string
	Host       string
	Port       int
	User, Pass string
	// TLS says whether explicit TLS (AUTH TLS) is offered; Implicit, that
	// the port speaks TLS from the first byte.
	TLS      bool
	Implicit bool
	RootCAs  *x509.CertPool
	// Root is the local folder that is the user's "/" on the server, so a
	// test can check the bytes that landed on disk.
	Root string
	// Base is the server's name for the folder tests may write in: "/"
	// where the user is chrooted to its home, the home itself where not
	// (inetutils). Path joins a name to it.
	Base string
	// Quirks a test has to know about (shared/ftp-servers/README.md).
	NoMLSD     bool // vsftpd
	NoMFMT     bool // vsftpd sets times with MDTM instead
	ASCIIRaw   bool // vsftpd sends ASCII files unconverted
	NoSizeASCI bool // proftpd refuses SIZE in ASCII mode
	NoSetTime  bool // inetutils: no MFMT, no MDTM with a time, no SITE UTIME
	// UTF8Names: the server sends names as UTF-8 whatever the bytes on
	// disk ("?" for what is not), so it cannot play a GBK server.
	UTF8Names bool
	// ListsThroughLs: the server hands LIST's argument to /bin/ls, split at
	// spaces (inetutils); the session lists such folders from inside.
	ListsThroughLs bool
	// Replies maps a command to the code this server answers where it
	// differs from the usual.
	Replies map[string]int
}

// Want is the reply code the server gives to cmd: its own where it is
// known to differ, else def.
func (t Target) Want(cmd string, def int) int {
	if c, ok := t.Replies[cmd]; ok {
		return c
	}
	return def
}

// Path is p (slash-separated, from "/") inside the folder tests may use.
func (t Target) Path(p string) string {
	if t.Base == "" {
		return p
	}
	return path.Join(t.Base, p)
}

// Addr is host:port.
func (t Target) Addr() string { return net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) }

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// StateDir is where servers.sh keeps configs, logs and the certificate.
func StateDir() string {
	if d := os.Getenv("FTPSRV_STATE"); d != "" {
		return d
	}
	return "/tmp/ftpane-interop"
}

// servers is every real server internal/interop/servers.sh starts, with
// what a test must know about each (INTEROP.md says the same for users).
var servers = []Target{
	{Name: "vsftpd", Port: 2221, TLS: true, NoMLSD: true, NoMFMT: true, ASCIIRaw: true},
	{Name: "pure-ftpd", Port: 2222, TLS: true},
	{Name: "proftpd", Port: 2223, TLS: true, NoSizeASCI: true},
	{Name: "pyftpdlib", Port: 2224, TLS: true, UTF8Names: true},
	{Name: "inetutils", Port: 2225, NoMLSD: true, NoMFMT: true, NoSetTime: true, ListsThroughLs: true,
		Root: "/", Base: "/srv/ftptest", Replies: map[string]int{"STOU": 500}}, // STOU needs a name
}

// Real returns vsftpd, pure-ftpd and proftpd, skipping the test (or
// failing it in CI) when they are not running.
func Real(t testing.TB) []Target {
	t.Helper()
	return up(t, "vsftpd", "pure-ftpd", "proftpd")
}

// RealAll returns every real server: vsftpd, pure-ftpd, proftpd,
// pyftpdlib and inetutils ftpd.
func RealAll(t testing.TB) []Target {
	t.Helper()
	var names []string
	for _, s := range servers {
		names = append(names, s.Name)
	}
	return up(t, names...)
}

// All returns the embedded server (plain with explicit TLS, and implicit
// TLS) and every real server: the one line a test needs to run against
// each server ftpane is tested with.
func All(t testing.TB) []Target {
	t.Helper()
	return append(Embedded(t), RealAll(t)...)
}

// Named returns one real server by name.
func Named(t testing.TB, name string) Target {
	t.Helper()
	return up(t, name)[0]
}

// up returns the named servers, skipping the test (or failing it in CI)
// when they are not running.
func up(t testing.TB, names ...string) []Target {
	t.Helper()
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(filepath.Join(StateDir(), "tls", "cert.pem"))
	if err == nil {
		pool.AppendCertsFromPEM(pem)
	}
	var out []Target
	for _, s := range servers {
		if !slices.Contains(names, s.Name) {
			continue
		}
		s.Host, s.User, s.Pass, s.RootCAs = "127.0.0.1", "ftptest", "ftptest", pool
		s.TLS = s.TLS && err == nil
		if s.Root == "" {
			s.Root = "/srv/ftptest"
		}
		c, derr := net.DialTimeout("tcp", s.Addr(), 2*time.Second)
		if derr != nil {
			if InCI() {
				t.Fatalf("%s is not running on %s (CI must start it: sudo internal/interop/servers.sh start): %v", s.Name, s.Addr(), derr)
			}
			continue
		}
		c.Close()
		out = append(out, s)
	}
	if len(out) == 0 {
		t.Skipf("real FTP servers (%s) not running; start them with: sudo internal/interop/servers.sh start", strings.Join(names, ", "))
	}
	return out
}
