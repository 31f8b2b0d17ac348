package testsrv

import (
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// HasIPv6Loopback reports whether this machine can listen on ::1.
func HasIPv6Loopback() bool {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// IPv6 returns the servers on ::1: the embedded server (plain with
// explicit TLS offered) and vsftpd on [::1]:2226 (servers.sh starts it as
// vsftpd6). Without ::1 the test is skipped, saying so; vsftpd missing is
// a skip outside CI and a failure in it.
func IPv6(t testing.TB) []Target {
	t.Helper()
	if !HasIPv6Loopback() {
		t.Skip("this machine has no IPv6 loopback (::1): the IPv6 tests cannot run")
	}
	conf, pool := selfSigned(t, "::1", "localhost")
	out := []Target{startEmbedded(t, "embedded-ipv6", "[::1]:0", t.TempDir(), conf, pool, false)}
	return append(out, vsftpd6(t)...)
}

func vsftpd6(t testing.TB) []Target {
	t.Helper()
	s := Target{Name: "vsftpd-ipv6", Host: "::1", Port: 2226, User: "ftptest", Pass: "ftptest", Root: "/srv/ftptest",
		NoMLSD: true, NoMFMT: true, ASCIIRaw: true}
	pool := x509.NewCertPool()
	if pem, err := os.ReadFile(filepath.Join(StateDir(), "tls", "cert.pem")); err == nil {
		s.TLS, s.RootCAs = pool.AppendCertsFromPEM(pem), pool
	}
	c, err := net.DialTimeout("tcp", s.Addr(), 2*time.Second)
	if err != nil {
		if InCI() {
			t.Fatalf("vsftpd is not running on %s (CI must start it: sudo internal/interop/servers.sh start): %v", s.Addr(), err)
		}
		t.Logf("vsftpd on %s not running (sudo internal/interop/servers.sh start): IPv6 tested on the embedded server only", s.Addr())
		return nil
	}
	c.Close()
	return []Target{s}
}
