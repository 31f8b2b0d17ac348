package main

import (
	"bufio"
	"io"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

const ioTimeout = 10 * time.Second

// ftpLogin connects to addr, logs in and returns the PASS reply code; the
// connection closes when the test ends.
func ftpLogin(t *testing.T, addr, user, pass string) int {
	t.Helper()
	tp := dialFTP(t, addr)
	if err := tp.PrintfLine("USER %s", user); err != nil {
		t.Fatal(err)
	}
	if _, _, err := tp.ReadResponse(331); err != nil {
		t.Fatalf("USER: %v", err)
	}
	if err := tp.PrintfLine("PASS %s", pass); err != nil {
		t.Fatal(err)
	}
	code, _, err := tp.ReadResponse(0)
	if err != nil {
		t.Fatalf("PASS: %v", err)
	}
	return code
}

// dialFTP connects to a server and reads its greeting; the connection
// closes when the test ends.
func dialFTP(t *testing.T, addr string) *textproto.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(ioTimeout))
	tp := textproto.NewConn(conn)
	if _, _, err := tp.ReadResponse(220); err != nil {
		t.Fatalf("greeting from %s: %v", addr, err)
	}
	return tp
}

// portClosed reports whether nothing accepts connections on addr.
func portClosed(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return true
	}
	conn.Close()
	return false
}

// lines collects what a command prints, line by line, for a test to wait
// on without sleeping.
type lines struct {
	ch  chan string
	all strings.Builder // read only after ch is closed
}

func readLines(r io.Reader) *lines {
	l := &lines{ch: make(chan string, 100)}
	go func() {
		defer close(l.ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			l.ch <- sc.Text()
		}
	}()
	return l
}

// waitFor returns the first line containing substr, and the lines before it.
func (l *lines) waitFor(t *testing.T, substr string) (string, []string) {
	t.Helper()
	var seen []string
	timeout := time.After(ioTimeout)
	for {
		select {
		case line, ok := <-l.ch:
			if !ok {
				t.Fatalf("output ended before %q; got:\n%s", substr, strings.Join(seen, "\n"))
			}
			seen = append(seen, line)
			if strings.Contains(line, substr) {
				return line, seen
			}
		case <-timeout:
			t.Fatalf("no %q within %v; got:\n%s", substr, ioTimeout, strings.Join(seen, "\n"))
		}
	}
}

// rest drains the remaining output once the writer is closed.
func (l *lines) rest() []string {
	var out []string
	for line := range l.ch {
		out = append(out, line)
	}
	return out
}
