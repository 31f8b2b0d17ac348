package testsrv

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"strconv"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// Embedded starts ftpane's own server twice for the test, over one
// temporary folder: plain with explicit TLS offered, and implicit TLS.
// The servers stop when the test ends.
func Embedded(t testing.TB) []Target {
	t.Helper()
	dir := t.TempDir()
	conf, pool := selfSigned(t, "127.0.0.1", "localhost")
	return []Target{
		startEmbedded(t, "embedded", "127.0.0.1:0", dir, conf, pool, false),
		startEmbedded(t, "embedded-implicit", "127.0.0.1:0", dir, conf, pool, true),
	}
}

// selfSigned makes a certificate for hosts and the pool that trusts it.
func selfSigned(t testing.TB, hosts ...string) (*tls.Config, *x509.CertPool) {
	t.Helper()
	conf, pem, err := ftpd.SelfSignedTLS(hosts...)
	if err != nil {
		t.Fatalf("self-signed certificate: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	return conf, pool
}

// startEmbedded starts one embedded server on addr over dir, stopped when
// the test ends.
func startEmbedded(t testing.TB, name, addr, dir string, conf *tls.Config, pool *x509.CertPool, implicit bool) Target {
	t.Helper()
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: addr, User: "test", Pass: "s3cret-pw", TLS: conf,
		ImplicitTLS: implicit})
	if err != nil {
		t.Fatalf("embedded server on %s: %v", addr, err)
	}
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(srv.Addr())
	p, _ := strconv.Atoi(port)
	return Target{Name: name, Host: host, Port: p, User: "test", Pass: "s3cret-pw",
		TLS: true, Implicit: implicit, RootCAs: pool, Root: dir}
}
