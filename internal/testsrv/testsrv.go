// Package testsrv finds the FTP servers ftpane's integration tests run
// against: the embedded server (always) and vsftpd, pure-ftpd and proftpd
// started on loopback by internal/interop/servers.sh. Outside CI the real
// servers are skipped, with a message naming the script, when they are not
// running; with CI=true they must be there.
package testsrv

import (
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"strconv"
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
	// Quirks a test has to know about (shared/ftp-servers/README.md).
	NoMLSD     bool // vsftpd
	NoMFMT     bool // vsftpd sets times with MDTM instead
	ASCIIRaw   bool // vsftpd sends ASCII files unconverted
	NoSizeASCI bool // proftpd refuses SIZE in ASCII mode
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

// Real returns vsftpd, pure-ftpd and proftpd, skipping the test (or
// failing it in CI) when they are not running.
func Real(t testing.TB) []Target {
	t.Helper()
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(filepath.Join(StateDir(), "tls", "cert.pem"))
	if err == nil {
		pool.AppendCertsFromPEM(pem)
	}
	all := []Target{
		{Name: "vsftpd", Port: 2221, NoMLSD: true, NoMFMT: true, ASCIIRaw: true},
		{Name: "pure-ftpd", Port: 2222},
		{Name: "proftpd", Port: 2223, NoSizeASCI: true},
	}
	var up []Target
	for _, s := range all {
		s.Host, s.User, s.Pass, s.TLS, s.RootCAs, s.Root = "127.0.0.1", "ftptest", "ftptest", err == nil, pool, "/srv/ftptest"
		c, derr := net.DialTimeout("tcp", s.Addr(), 2*time.Second)
		if derr != nil {
			if InCI() {
				t.Fatalf("%s is not running on %s (CI must start it: sudo internal/interop/servers.sh start): %v", s.Name, s.Addr(), derr)
			}
			continue
		}
		c.Close()
		up = append(up, s)
	}
	if len(up) == 0 {
		t.Skip("real FTP servers not running; start them with: sudo internal/interop/servers.sh start")
	}
	return up
}
