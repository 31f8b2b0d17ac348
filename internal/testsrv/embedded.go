package testsrv

import (
	"crypto/x509"
	"net"
	"strconv"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// Embedded starts ftpane's own server three times for the test, over one
// temporary folder: plain with explicit TLS offered, and implicit TLS.
// The servers stop when the test ends.
func Embedded(t testing.TB) []Target {
	t.Helper()
	dir := t.TempDir()
	conf, pem, err := ftpd.SelfSignedTLS("127.0.0.1", "localhost")
	if err != nil {
		t.Fatalf("self-signed certificate: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	var out []Target
	for _, implicit := range []bool{false, true} {
		srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: "127.0.0.1:0", User: "test",
			Pass: "s3cret-pw", TLS: conf, ImplicitTLS: implicit})
		if err != nil {
			t.Fatalf("embedded server: %v", err)
		}
		t.Cleanup(func() { srv.Close() })
		host, port, _ := net.SplitHostPort(srv.Addr())
		p, _ := strconv.Atoi(port)
		name := "embedded"
		if implicit {
			name = "embedded-implicit"
		}
		out = append(out, Target{Name: name, Host: host, Port: p, User: "test", Pass: "s3cret-pw",
			TLS: true, Implicit: implicit, RootCAs: pool, Root: dir})
	}
	return out
}
