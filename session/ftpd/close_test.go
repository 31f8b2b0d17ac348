package ftpd

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// closeWithin closes s and fails the test if that takes longer than d.
func closeWithin(t *testing.T, s *Server, d time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(d):
		t.Fatalf("Close still running after %v", d)
	}
}

// TestCloseEndsSessions: Close ends logged-in and anonymous sessions, cuts
// a download in progress, drops pending passive ports, and the control port
// refuses connections afterwards.
func TestCloseEndsSessions(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.bin"))
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(256 << 20) // sparse: large enough to still be sending at Close
	f.Close()
	s := startTest(t, Options{Dir: dir})

	idle := dialRaw(t, s.Addr()) // connected, never logged in
	busy := dialRaw(t, s.Addr())
	busy.login(testUser, testPass)
	data := busy.passive()
	busy.must(150, "RETR huge.bin")
	if _, err := io.ReadFull(data, make([]byte, 4096)); err != nil {
		t.Fatalf("start of the download: %v", err)
	}
	pending := dialRaw(t, s.Addr())
	pending.login(testUser, testPass)
	port := epsvRe.FindStringSubmatch(pending.must(229, "EPSV"))[1]

	closeWithin(t, s, closeWait+time.Second)

	for name, c := range map[string]*rawClient{"idle": idle, "busy": busy, "pending": pending} {
		if code, msg, err := c.reply(); err == nil {
			t.Errorf("%s session still answers after Close: %d %q", name, code, msg)
		}
	}
	data.SetDeadline(time.Now().Add(ioTimeout))
	if n, err := io.Copy(io.Discard, data); n >= 256<<20 || isTimeout(err) {
		t.Errorf("download after Close: %d bytes, %v; want it cut", n, err)
	}
	if conn, err := net.DialTimeout("tcp", s.Addr(), ioTimeout); err == nil {
		conn.Close()
		t.Errorf("control port %s still accepts connections after Close", s.Addr())
	}
	if conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, ioTimeout); err == nil {
		conn.Close()
		t.Errorf("passive port %s still open after Close", port)
	}
}

// TestCloseTwice: the second Close returns the first's result at once.
func TestCloseTwice(t *testing.T) {
	s := startTest(t, Options{})
	closeWithin(t, s, closeWait)
	closeWithin(t, s, time.Second)
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestLogLines: one line per connection, login and transfer, with the
// facts an operator wants, and never a password.
func TestLogLines(t *testing.T) {
	var log syncBuffer
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "down.txt"), []byte("0123456789"))
	s := startTest(t, Options{Dir: dir, Log: &log})
	c := dialRaw(t, s.Addr())
	c.login(testUser, testPass)
	if code, msg := c.upload([]byte("hello"), "STOR up.txt"); code != 226 {
		t.Fatalf("STOR: %d %s", code, msg)
	}
	c.download("RETR down.txt")
	c.must(221, "QUIT")
	bad := dialRaw(t, s.Addr())
	bad.must(331, "USER mallory")
	bad.must(530, "PASS wrong-guess-123")
	closeWithin(t, s, closeWait)

	out := log.String()
	for _, want := range [][]string{
		{"msg=connect", "id=1", "remote=127.0.0.1:"},
		{"msg=login", "id=1", "user=alice"},
		{"msg=transfer", "op=STOR", "path=/up.txt", "bytes=5", "duration=", "status=ok"},
		{"msg=transfer", "op=RETR", "path=/down.txt", "bytes=10", "status=ok"},
		{"msg=disconnect", "id=1", "user=alice"},
		{`msg="login failed"`, "id=2", "user=mallory"},
		{"msg=disconnect", "id=2"},
	} {
		if !hasLine(out, want) {
			t.Errorf("no log line with %q in:\n%s", want, out)
		}
	}
	for _, secret := range []string{testPass, "wrong-guess-123"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log shows a password:\n%s", out)
		}
	}
}

func hasLine(out string, parts []string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}
