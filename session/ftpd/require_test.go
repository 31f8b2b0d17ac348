package ftpd

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// TestRequireTLS: before AUTH TLS, USER and PASS get 530 with the reason
// and the connection stays usable; after it, or with implicit TLS, the
// login works.
func TestRequireTLS(t *testing.T) {
	srvTLS, pem, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	s := startTest(t, Options{TLS: srvTLS, RequireTLS: true})
	c := dialRaw(t, s.Addr())
	for _, cmd := range []string{"USER " + testUser, "PASS " + testPass} {
		if code, msg := c.send("%s", cmd); code != 530 || msg != "TLS required: send AUTH TLS first" {
			t.Errorf("%s in clear: %d %q, want 530 TLS required", strings.Fields(cmd)[0], code, msg)
		}
	}
	c.must(530, "SIZE x") // still not logged in
	c.authTLS(clientTLS(t, pem))
	c.login(testUser, testPass)
	c.download("LIST")
	c.must(503, "AUTH TLS") // once is enough

	implicit := startTest(t, Options{TLS: srvTLS, ImplicitTLS: true, RequireTLS: true})
	dialImplicitTLS(t, implicit.Addr(), clientTLS(t, pem)).login(testUser, testPass)

	if _, err := Start(Options{Dir: t.TempDir(), Addr: "127.0.0.1:0", User: "u", Pass: "p", RequireTLS: true}); err == nil ||
		!strings.Contains(err.Error(), "requiring TLS needs a TLS configuration") {
		t.Errorf("RequireTLS without TLS: %v", err)
	}
}

// TestAuthTLSRefusesPipelinedPlaintext: commands sent in clear right
// behind AUTH TLS are not run as if they had come over TLS (the STARTTLS
// command injection of CVE-2011-0411); the connection is closed.
func TestAuthTLSRefusesPipelinedPlaintext(t *testing.T) {
	srvTLS, _, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	s := startTest(t, Options{TLS: srvTLS})
	c := dialRaw(t, s.Addr())
	if _, err := c.conn.Write([]byte("AUTH TLS\r\nDELE victim\r\n")); err != nil {
		t.Fatal(err)
	}
	code, msg, err := c.reply()
	if code != 421 || !strings.Contains(msg, "after AUTH TLS") || err != nil {
		t.Errorf("AUTH TLS with a command behind it: %d %q %v, want 421", code, msg, err)
	}
	if _, _, err := c.reply(); err == nil {
		t.Error("connection still open")
	}
	c2 := dialRaw(t, s.Addr())
	if code, msg := c2.send("AUTH KERBEROS"); code != 504 || !strings.Contains(msg, "use AUTH TLS") {
		t.Errorf("AUTH KERBEROS: %d %q, want 504", code, msg)
	}
}

// TestPassivePorts: passive data connections use only the configured
// range, also for EPSV, and transfers work through them.
func TestPassivePorts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	_, c := loggedIn(t, Options{PassivePorts: PortRange{First: port, Last: port}})
	want := "|" + strconv.Itoa(port) + "|"
	for range 3 {
		if msg := c.must(229, "EPSV"); !strings.Contains(msg, want) {
			t.Fatalf("EPSV = %q, want port %d", msg, port)
		}
		c.must(226, "ABOR")
	}
	c.mode = modePASV
	m := pasvRe.FindStringSubmatch(c.must(227, "PASV"))
	if m == nil {
		t.Fatal("PASV without an address")
	}
	if hi, _ := strconv.Atoi(m[5]); hi != port/256 {
		t.Errorf("PASV port not %d: %v", port, m)
	}
	c.must(226, "ABOR")
	for _, mode := range []dataMode{modeEPSV, modePASV} {
		c.mode = mode
		c.download("LIST")
	}
	for _, r := range []PortRange{{5, 3}, {0, 10}, {60000, 70000}} {
		_, err := Start(Options{Dir: t.TempDir(), Addr: "127.0.0.1:0", User: "u", Pass: "p", PassivePorts: r})
		if err == nil || !strings.Contains(err.Error(), "passive port range "+r.String()) {
			t.Errorf("passive ports %s: %v", r, err)
		}
	}
}
