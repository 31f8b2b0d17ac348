package ftpd

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRootStaysPut: the served folder's mode, name and existence are not
// the clients' to change, however they spell it: "/", "/./", "sub/..",
// or symlinks inside that lead back to it.
func TestRootStaysPut(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "sub", "keep.txt"), []byte("keep"))
	for link, target := range map[string]string{"self": ".", "sub/up": ".."} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir})
	for _, p := range []string{"/", "/./", ".", "sub/..", "/sub/../", "self", "/self/.", "sub/up", "sub/up/"} {
		for _, mode := range []string{"777", "000"} {
			if code, msg := c.send("SITE CHMOD %s %s", mode, p); code != 550 || !strings.Contains(msg, "served folder itself") {
				t.Errorf("SITE CHMOD %s %s: %d %q, want 550 naming the served folder", mode, p, code, msg)
			}
		}
	}
	for _, p := range []string{"/", "/./", "sub/.."} {
		c.must(550, "RMD %s", p)
		c.must(550, "SITE RMDIR %s", p)
		c.must(550, "DELE %s", p)
		c.must(350, "RNFR %s", p)
		c.must(550, "RNTO /moved")
		c.must(350, "RNFR sub")
		c.must(550, "RNTO %s", p)
	}
	after, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("served folder gone: %v", err)
	}
	if after.Mode().Perm() != 0o750 || !os.SameFile(before, after) {
		t.Errorf("served folder mode %o (want 750), same folder %v", after.Mode().Perm(), os.SameFile(before, after))
	}
	// A link to the root is an ordinary entry: removing it removes the link.
	c.must(250, "SITE RMDIR self")
	if got, err := os.ReadFile(filepath.Join(dir, "sub", "keep.txt")); err != nil || string(got) != "keep" {
		t.Errorf("removing the link self touched the tree: %q %v", got, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "self")); !os.IsNotExist(err) {
		t.Errorf("link self still there: %v", err)
	}
}

// TestLoginDelay: failed logins from one address delay its next attempts,
// doubling (lower bounds only are measured), while another address logs in
// at once; every failure is logged, never with the password.
func TestLoginDelay(t *testing.T) {
	const base = 100 * time.Millisecond
	var log syncBuffer
	s := startTest(t, Options{LoginDelay: base, Log: &log})
	attemptFrom := func(src, pass string) int {
		c := dialFrom(t, src, s.Addr())
		c.must(331, "USER %s", testUser)
		code, _ := c.send("PASS %s", pass)
		return code
	}
	start := time.Now()
	for i := range 4 {
		if code := attemptFrom("127.0.0.1", "guess-no-"+string(rune('a'+i))); code != 530 {
			t.Fatalf("wrong password %d: %d, want 530", i, code)
		}
	}
	if took, want := time.Since(start), base+2*base+4*base; took < want {
		t.Errorf("4 failed logins took %v, want at least %v", took, want)
	}
	// The next attempt from 127.0.0.1 waits 8·base, even with the right
	// password; meanwhile 127.0.0.2 is not slowed.
	slow := make(chan int, 1)
	go func() { slow <- attemptFrom("127.0.0.1", testPass) }()
	if code := attemptFrom("127.0.0.2", testPass); code != 230 {
		t.Errorf("login from another address: %d, want 230", code)
	}
	select {
	case code := <-slow:
		t.Errorf("the delayed attempt answered (%d) before the other address's login", code)
	default:
	}
	if code := <-slow; code != 230 {
		t.Errorf("right password after the delay: %d, want 230", code)
	}
	if took, want := time.Since(start), 15*base; took < want {
		t.Errorf("4 failures and a delayed login took %v, want at least %v", took, want)
	}
	out := log.String()
	if n := strings.Count(out, `msg="login failed"`); n != 4 || !hasLine(out, []string{`msg="login failed"`, "failures=4", "next_delay=800ms"}) {
		t.Errorf("want 4 failed-login lines, the last with failures=4 next_delay=800ms:\n%s", out)
	}
	if strings.Contains(out, "guess-no-") || strings.Contains(out, testPass) {
		t.Errorf("the log shows a password:\n%s", out)
	}
}

func TestLoginDelaySchedule(t *testing.T) {
	g := newLoginGate(DefaultLoginDelay)
	var got []time.Duration
	for n := 1; n <= 7; n++ {
		got = append(got, g.delay(n))
	}
	want := []time.Duration{500e6, 1e9, 2e9, 4e9, 8e9, 8e9, 8e9}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("delays after 1..7 failures: %v, want %v", got, want)
		}
	}
}

// dialFrom connects from the loopback address src; 127.0.0.2 stands for
// another client. It skips the test where src cannot be bound.
func dialFrom(t *testing.T, src, addr string) *rawClient {
	t.Helper()
	d := net.Dialer{Timeout: ioTimeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot connect from %s: %v", src, err)
	}
	return newRaw(t, conn, nil)
}

// refusedWith reads what the server says to a connection it refuses and
// checks that it then closes it.
func refusedWith(t *testing.T, conn net.Conn) string {
	t.Helper()
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(ioTimeout))
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("read the refusal: %v", err)
	}
	if _, err := r.ReadByte(); err == nil {
		t.Errorf("connection still open after %q", line)
	}
	return strings.TrimSpace(line)
}

func dialConn(t *testing.T, src, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{Timeout: ioTimeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot connect from %s: %v", src, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestConnectionLimits: one connection over the per-address limit, and one
// over the total, is told 421 with the reason and closed; a freed place is
// taken again.
func TestConnectionLimits(t *testing.T) {
	s := startTest(t, Options{MaxConnsPerIP: 3, MaxConns: 5})
	var first []*rawClient
	for range 3 {
		first = append(first, dialFrom(t, "127.0.0.1", s.Addr()))
	}
	if got := refusedWith(t, dialConn(t, "127.0.0.1", s.Addr())); got != "421 Too many connections from your address (limit 3); try again later" {
		t.Errorf("4th connection from one address: %q", got)
	}
	dialFrom(t, "127.0.0.2", s.Addr())
	dialFrom(t, "127.0.0.2", s.Addr()).login(testUser, testPass)
	if got := refusedWith(t, dialConn(t, "127.0.0.2", s.Addr())); got != "421 Too many connections to this server (limit 5); try again later" {
		t.Errorf("6th connection in all: %q", got)
	}
	if n := s.front.openConns(); n != 5 {
		t.Errorf("%d connections counted, want 5", n)
	}
	first[0].must(221, "QUIT")
	deadline := time.Now().Add(ioTimeout)
	for s.front.openConns() != 4 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // polling with a deadline
	}
	dialFrom(t, "127.0.0.1", s.Addr()).login(testUser, testPass)
}

// TestConnectionLimitImplicitTLS: the refusal is readable by an implicit
// TLS client, so it is sent over TLS.
func TestConnectionLimitImplicitTLS(t *testing.T) {
	srvTLS, pem, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	s := startTest(t, Options{TLS: srvTLS, ImplicitTLS: true, MaxConnsPerIP: 1})
	dialImplicitTLS(t, s.Addr(), clientTLS(t, pem))
	conn := dialConn(t, "127.0.0.1", s.Addr())
	tc := tls.Client(conn, clientTLS(t, pem))
	if got := refusedWith(t, tc); !strings.HasPrefix(got, "421 Too many connections from your address (limit 1)") {
		t.Errorf("over the limit with implicit TLS: %q", got)
	}
}

// TestLoginTimeout: a connection that does not log in in time is told so
// and closed, however busy it keeps itself; a logged-in one is not.
func TestLoginTimeout(t *testing.T) {
	const limit = 300 * time.Millisecond
	s := startTest(t, Options{LoginTimeout: limit})
	start := time.Now()
	c := dialRaw(t, s.Addr())
	c.must(200, "NOOP")
	code, msg, err := c.reply()
	if code != 421 || msg != "Login timeout (1 seconds): closing control connection" || err != nil {
		t.Errorf("idle before login: %d %q %v, want 421 Login timeout", code, msg, err)
	}
	if took := time.Since(start); took < limit {
		t.Errorf("cut after %v, before the %v limit", took, limit)
	}
	if _, _, err := c.reply(); err == nil {
		t.Error("connection open after the login timeout")
	}
	ok := dialRaw(t, s.Addr())
	ok.login(testUser, testPass)
	ok.conn.SetReadDeadline(time.Now().Add(3 * limit))
	if _, _, err := ok.tp.ReadResponse(0); !isTimeout(err) {
		t.Errorf("a logged-in client got %v after the login timeout, want nothing", err)
	}
	ok.must(200, "NOOP")
}

// TestSilentConnectionsAreCut: connections that never log in (here: that
// never even start the implicit TLS handshake) lose their place in the
// limits at the login timeout.
func TestSilentConnectionsAreCut(t *testing.T) {
	srvTLS, _, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	const limit = 200 * time.Millisecond
	for _, implicit := range []bool{false, true} {
		s := startTest(t, Options{TLS: srvTLS, ImplicitTLS: implicit, LoginTimeout: limit, MaxConnsPerIP: 2})
		start := time.Now()
		for range 2 {
			conn := dialConn(t, "127.0.0.1", s.Addr())
			conn.SetReadDeadline(time.Now().Add(ioTimeout))
			if _, err := io.Copy(io.Discard, conn); err != nil {
				t.Errorf("implicit TLS %v: silent connection ended with %v, want the server to close it", implicit, err)
			}
		}
		if took := time.Since(start); took < limit {
			t.Errorf("implicit TLS %v: cut after %v, before the %v limit", implicit, took, limit)
		}
		deadline := time.Now().Add(ioTimeout)
		for s.front.openConns() != 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond) // polling with a deadline
		}
		if n := s.front.openConns(); n != 0 {
			t.Errorf("implicit TLS %v: %d connections still counted", implicit, n)
		}
	}
}
