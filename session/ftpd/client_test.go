package ftpd

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ioTimeout bounds every read and write of the test client: a silent
// server is a failure, never a hang.
const ioTimeout = 10 * time.Second

// dataMode is how the raw client opens a data connection.
type dataMode int

const (
	modeEPSV dataMode = iota
	modePASV
	modeEPRT
	modePORT
)

func (m dataMode) String() string {
	return [...]string{"EPSV", "PASV", "EPRT", "PORT"}[m]
}

// rawClient is a minimal FTP client speaking the protocol by hand, so the
// tests check the server's bytes and codes, not a client library's view.
type rawClient struct {
	t    *testing.T
	conn net.Conn
	tp   *textproto.Conn
	tls  *tls.Config // non-nil once data connections must be TLS (PROT P)
	mode dataMode
	// activePeers are the server's source addresses of active-mode data
	// connections, to check it does not dial from port 20.
	activePeers []*net.TCPAddr
}

// dialRaw connects and reads the 220 greeting.
func dialRaw(t *testing.T, addr string) *rawClient {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	return newRaw(t, conn, nil)
}

// dialImplicitTLS connects with TLS from the first byte.
func dialImplicitTLS(t *testing.T, addr string, cfg *tls.Config) *rawClient {
	t.Helper()
	d := &net.Dialer{Timeout: ioTimeout}
	conn, err := tls.DialWithDialer(d, "tcp", addr, cfg)
	if err != nil {
		t.Fatalf("dial TLS %s: %v", addr, err)
	}
	return newRaw(t, conn, cfg)
}

func newRaw(t *testing.T, conn net.Conn, dataTLS *tls.Config) *rawClient {
	t.Helper()
	c := &rawClient{t: t, conn: conn, tp: textproto.NewConn(conn), tls: dataTLS}
	t.Cleanup(func() { c.conn.Close() })
	c.expect(220)
	return c
}

// reply reads one (possibly multi-line) reply.
func (c *rawClient) reply() (int, string, error) {
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	return c.tp.ReadResponse(0)
}

func (c *rawClient) expect(code int) string {
	c.t.Helper()
	got, msg, err := c.reply()
	if err != nil {
		c.t.Fatalf("read reply (want %d): %v", code, err)
	}
	if got != code {
		c.t.Fatalf("reply %d %q, want %d", got, msg, code)
	}
	return msg
}

// send writes one command and returns its reply.
func (c *rawClient) send(format string, args ...any) (int, string) {
	c.t.Helper()
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	if err := c.tp.PrintfLine(format, args...); err != nil {
		c.t.Fatalf("send %q: %v", strings.Fields(format)[0], err)
	}
	code, msg, err := c.reply()
	if err != nil {
		c.t.Fatalf("reply to %q: %v", strings.Fields(format)[0], err)
	}
	return code, msg
}

// must sends a command and fails the test unless the reply has code.
func (c *rawClient) must(code int, format string, args ...any) string {
	c.t.Helper()
	got, msg := c.send(format, args...)
	if got != code {
		c.t.Fatalf("%s: reply %d %q, want %d", strings.Fields(format)[0], got, msg, code)
	}
	return msg
}

func (c *rawClient) login(user, pass string) {
	c.t.Helper()
	c.must(331, "USER %s", user)
	c.must(230, "PASS %s", pass)
}

// authTLS upgrades the control connection (explicit TLS) and asks for
// private data connections.
func (c *rawClient) authTLS(cfg *tls.Config) {
	c.t.Helper()
	c.must(234, "AUTH TLS")
	tc := tls.Client(c.conn, cfg)
	tc.SetDeadline(time.Now().Add(ioTimeout))
	if err := tc.Handshake(); err != nil {
		c.t.Fatalf("TLS handshake on control connection: %v", err)
	}
	c.conn, c.tp, c.tls = tc, textproto.NewConn(tc), cfg
	c.must(200, "PBSZ 0")
	c.must(200, "PROT P")
}

// dataConn prepares a data connection in c.mode; open returns it once the
// transfer command was sent (active mode accepts then).
func (c *rawClient) dataConn() (open func() net.Conn) {
	c.t.Helper()
	switch c.mode {
	case modeEPSV, modePASV:
		conn := c.passive()
		return func() net.Conn { return c.wrapData(conn) }
	default:
		ln := c.active()
		return func() net.Conn {
			defer ln.Close()
			ln.(*net.TCPListener).SetDeadline(time.Now().Add(ioTimeout))
			conn, err := ln.Accept()
			if err != nil {
				c.t.Fatalf("accept active data connection: %v", err)
			}
			c.activePeers = append(c.activePeers, conn.RemoteAddr().(*net.TCPAddr))
			return c.wrapData(conn)
		}
	}
}

var pasvRe = regexp.MustCompile(`\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)`)
var epsvRe = regexp.MustCompile(`\(\|\|\|(\d+)\|\)`)

func (c *rawClient) passive() net.Conn {
	c.t.Helper()
	var addr string
	if c.mode == modePASV {
		m := pasvRe.FindStringSubmatch(c.must(227, "PASV"))
		if m == nil {
			c.t.Fatal("PASV reply without an address")
		}
		hi, _ := strconv.Atoi(m[5])
		lo, _ := strconv.Atoi(m[6])
		addr = net.JoinHostPort(strings.Join(m[1:5], "."), strconv.Itoa(hi*256+lo))
	} else {
		m := epsvRe.FindStringSubmatch(c.must(229, "EPSV"))
		if m == nil {
			c.t.Fatal("EPSV reply without a port")
		}
		host, _, _ := net.SplitHostPort(c.conn.RemoteAddr().String())
		addr = net.JoinHostPort(host, m[1])
	}
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		c.t.Fatalf("dial data connection %s: %v", addr, err)
	}
	return conn
}

// active listens on 127.0.0.1:0 and tells the server with EPRT or PORT.
func (c *rawClient) active() net.Listener {
	c.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.t.Fatalf("listen for active mode: %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if c.mode == modeEPRT {
		c.must(200, "EPRT |1|127.0.0.1|%d|", port)
	} else {
		c.must(200, "PORT 127,0,0,1,%d,%d", port/256, port%256)
	}
	return ln
}

func (c *rawClient) wrapData(conn net.Conn) net.Conn {
	c.t.Helper()
	conn.SetDeadline(time.Now().Add(ioTimeout))
	if c.tls == nil {
		return conn
	}
	tc := tls.Client(conn, c.tls)
	if err := tc.Handshake(); err != nil {
		c.t.Fatalf("TLS handshake on data connection: %v", err)
	}
	return tc
}

// download runs a command that sends data (RETR, LIST, MLSD, NLST) and
// returns the bytes; the transfer must end with 226.
func (c *rawClient) download(format string, args ...any) []byte {
	c.t.Helper()
	b, code, msg := c.tryDownload(format, args...)
	if code != 226 {
		c.t.Fatalf("%s: reply %d %q, want 226", fmt.Sprintf(format, args...), code, msg)
	}
	return b
}

// tryDownload is download that returns the refusal instead of failing.
func (c *rawClient) tryDownload(format string, args ...any) ([]byte, int, string) {
	c.t.Helper()
	open := c.dataConn()
	if code, msg := c.send(format, args...); code != 150 {
		return nil, code, msg
	}
	conn := open()
	b, err := io.ReadAll(conn)
	conn.Close()
	if err != nil {
		c.t.Fatalf("read data of %q: %v", fmt.Sprintf(format, args...), err)
	}
	code, msg, err := c.reply()
	if err != nil {
		c.t.Fatalf("reply after data: %v", err)
	}
	return b, code, msg
}

// upload runs STOR/APPE-like commands and returns the final reply.
func (c *rawClient) upload(data []byte, format string, args ...any) (int, string) {
	c.t.Helper()
	open := c.dataConn()
	if code, msg := c.send(format, args...); code != 150 {
		return code, msg
	}
	conn := open()
	if _, err := conn.Write(data); err != nil {
		c.t.Fatalf("write data of %q: %v", fmt.Sprintf(format, args...), err)
	}
	closeUpload(c.t, conn)
	code, msg, err := c.reply()
	if err != nil {
		c.t.Fatalf("reply after upload: %v", err)
	}
	return code, msg
}

// closeUpload ends an upload cleanly. Over TLS it sends close_notify, shuts
// the TCP write side and reads to EOF before closing: a TLS 1.3 server sends
// session tickets on the data connection, and closing with them unread makes
// the kernel reset the connection, which can lose the upload's tail.
func closeUpload(t *testing.T, conn net.Conn) {
	t.Helper()
	if tc, ok := conn.(*tls.Conn); ok {
		if err := tc.CloseWrite(); err != nil {
			t.Fatalf("close_notify on data connection: %v", err)
		}
		if tcp, ok := tc.NetConn().(*net.TCPConn); ok {
			tcp.CloseWrite()
		}
		io.Copy(io.Discard, tc)
	}
	if err := conn.Close(); err != nil {
		t.Fatalf("close data connection: %v", err)
	}
}
