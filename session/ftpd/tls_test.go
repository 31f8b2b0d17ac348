package ftpd

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clientTLS trusts only the given certificate PEM, as a user who was handed
// it would.
func clientTLS(t *testing.T, certPEM []byte) *tls.Config {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(certPEM) {
		t.Fatal("certificate PEM not accepted")
	}
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", ClientSessionCache: tls.NewLRUClientSessionCache(4)}
}

func TestExplicitTLS(t *testing.T) {
	srvTLS, certPEM, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data := randomBytes(300<<10, 7)
	writeFile(t, filepath.Join(dir, "tls.bin"), data)
	s := startTest(t, Options{Dir: dir, TLS: srvTLS})
	for _, mode := range []dataMode{modeEPSV, modePASV, modeEPRT} {
		t.Run(mode.String(), func(t *testing.T) {
			c := dialRaw(t, s.Addr())
			c.authTLS(clientTLS(t, certPEM))
			c.login(testUser, testPass)
			c.mode = mode
			if list := string(c.download("LIST")); !strings.Contains(list, "tls.bin") {
				t.Errorf("LIST over TLS lacks tls.bin:\n%s", list)
			}
			if got := c.download("RETR tls.bin"); sum(got) != sum(data) {
				t.Errorf("RETR over TLS: sha256 %s, want %s", sum(got), sum(data))
			}
			name := "up-" + mode.String() + ".bin"
			if code, msg := c.upload(data, "STOR %s", name); code != 226 {
				t.Fatalf("STOR over TLS: %d %s", code, msg)
			}
			if got := fileSum(t, filepath.Join(dir, name)); got != sum(data) {
				t.Errorf("STOR over TLS: sha256 on disk %s, want %s", got, sum(data))
			}
		})
	}
}

func TestExplicitTLSUntrustedCertificate(t *testing.T) {
	srvTLS, _, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	_, otherPEM, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	s := startTest(t, Options{TLS: srvTLS})
	c := dialRaw(t, s.Addr())
	c.must(234, "AUTH TLS")
	tc := tls.Client(c.conn, clientTLS(t, otherPEM))
	if err := tc.Handshake(); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("handshake with a certificate the client does not trust: %v, want a certificate error", err)
	}
}

func TestAuthTLSWithoutTLSConfigured(t *testing.T) {
	_, c := loggedIn(t, Options{})
	if code, msg := c.send("AUTH TLS"); code != 550 {
		t.Errorf("AUTH TLS on a plain server: %d %q, want 550", code, msg)
	}
}

func TestImplicitTLS(t *testing.T) {
	srvTLS, certPEM, err := SelfSignedTLS("ftp.example.test")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "implicit.txt"), []byte("over TLS\n"))
	s := startTest(t, Options{Dir: dir, TLS: srvTLS, ImplicitTLS: true})
	c := dialImplicitTLS(t, s.Addr(), clientTLS(t, certPEM))
	c.login(testUser, testPass)
	if list := string(c.download("LIST")); !strings.Contains(list, "implicit.txt") {
		t.Errorf("LIST over implicit TLS lacks implicit.txt:\n%s", list)
	}
	if got := string(c.download("RETR implicit.txt")); got != "over TLS\n" {
		t.Errorf("RETR over implicit TLS = %q", got)
	}

	// A plain-text client gets no FTP reply from an implicit TLS port.
	conn, err := net.DialTimeout("tcp", s.Addr(), ioTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(ioTimeout))
	fmt.Fprintf(conn, "USER %s\r\n", testUser)
	if line, err := bufio.NewReader(conn).ReadString('\n'); strings.HasPrefix(line, "2") || strings.HasPrefix(line, "3") {
		t.Errorf("implicit TLS server answered plain text: %q %v", line, err)
	}
}

func TestSelfSignedCertificateNames(t *testing.T) {
	_, certPEM, err := SelfSignedTLS("files.example.test", "192.0.2.7", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	block, _ := pem.Decode(certPEM)
	if block == nil {
		t.Fatal("no PEM block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"127.0.0.1", "::1", "localhost", "files.example.test", "192.0.2.7"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: host, Roots: pool}); err != nil {
			t.Errorf("certificate does not verify for %s: %v", host, err)
		}
	}
	if len(cert.DNSNames) != 2 {
		t.Errorf("DNS names %v: localhost must appear once", cert.DNSNames)
	}
}
