package session

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// fakeConn is one scripted control connection on the server side.
type fakeConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func (c *fakeConn) send(lines ...string) {
	for _, l := range lines {
		fmt.Fprintf(c.conn, "%s\r\n", l)
	}
}

// expect reads one command and checks its start.
func (c *fakeConn) expect(prefix string) string {
	c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := c.r.ReadString('\n')
	if err != nil {
		c.t.Errorf("fake server: waiting for %q: %v", prefix, err)
		return ""
	}
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, prefix) {
		c.t.Errorf("fake server: got %q, want %q", line, prefix)
	}
	return line
}

// login answers the client's login sequence up to PWD.
func (c *fakeConn) login() { c.loginWith(" MDTM") }

// loginWith answers the login sequence with the given FEAT lines.
func (c *fakeConn) loginWith(feats ...string) {
	c.send("220 fake")
	c.expect("USER")
	c.send("331 pass")
	c.expect("PASS")
	c.send("230 ok")
	c.expect("FEAT")
	c.send(append(append([]string{"211-Features:"}, feats...), "211 End")...)
	c.expect("TYPE I")
	c.send("200 binary")
	c.expect("PWD")
	c.send(`257 "/" is cwd`)
}

// fakeData is a passive data port for scripted listings.
type fakeData struct {
	t    *testing.T
	ln   net.Listener
	port int
}

func newFakeData(t *testing.T) *fakeData {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return &fakeData{t: t, ln: ln, port: ln.Addr().(*net.TCPAddr).Port}
}

func (d *fakeData) epsv() string {
	return fmt.Sprintf("229 Extended Passive Mode (|||%d|)", d.port)
}

// pasv names host (dotted with commas) and the data port.
func (d *fakeData) pasv(host string) string {
	return fmt.Sprintf("227 Entering Passive Mode (%s,%d,%d)", host, d.port>>8, d.port&255)
}

// serve answers a listing command: 150, the lines on the data
// connection, 226.
func (d *fakeData) serve(c *fakeConn, lines string) {
	c.send("150 here")
	dc, err := d.ln.Accept()
	if err != nil {
		d.t.Error(err)
		return
	}
	fmt.Fprintf(dc, "%s\r\n", lines)
	dc.Close()
	c.send("226 done")
}

// startFake serves one connection with script on 127.0.0.1.
func startFake(t *testing.T, script func(c *fakeConn)) Config {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		script(&fakeConn{t: t, conn: conn, r: bufio.NewReader(conn)})
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	a := ln.Addr().(*net.TCPAddr)
	return Config{Host: "127.0.0.1", Port: a.Port, User: "u", Password: "secret-pw", Timeout: 2 * time.Second}
}

func selfSigned(t *testing.T) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// dialFake connects to a fake server, closing the session when the test
// ends (before the fake's own cleanup waits for QUIT).
func dialFake(t *testing.T, cfg Config) *Remote {
	t.Helper()
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
