package shell

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// env is a shell logged in to a fresh embedded server: root is the
// served folder on disk, local the shell's local folder.
type env struct {
	t     *testing.T
	sh    *Shell
	out   *lockedBuffer
	root  string
	local string
	addr  string
}

// lockedBuffer collects output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// take returns the output so far and clears it.
func (l *lockedBuffer) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	l.b.Reset()
	return s
}

// startServer serves a new temporary folder on 127.0.0.1.
func startServer(t *testing.T) (addr, root string) {
	t.Helper()
	root = t.TempDir()
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-secret"})
	if err != nil {
		t.Fatalf("embedded server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.Addr(), root
}

func newEnv(t *testing.T, tweak ...func(*Options)) *env {
	t.Helper()
	addr, root := startServer(t)
	e := &env{t: t, out: &lockedBuffer{}, root: root, local: t.TempDir(), addr: addr}
	opts := Options{Out: e.out, LocalDir: e.local, NoNetrc: true, Batch: true}
	for _, f := range tweak {
		f(&opts)
	}
	e.sh = New(opts)
	t.Cleanup(func() { e.sh.Close() })
	host, port, _ := net.SplitHostPort(addr)
	e.run("open " + host + " " + port)
	e.run("user u pw-secret")
	e.out.take()
	return e
}

// run runs a line that must succeed and returns its output.
func (e *env) run(line string) string {
	e.t.Helper()
	if err := e.sh.Run(context.Background(), line); err != nil {
		e.t.Fatalf("%s: %v\noutput:\n%s", line, err, e.out.take())
	}
	return e.out.take()
}

// fail runs a line that must fail and returns the error's text.
func (e *env) fail(line string) string {
	e.t.Helper()
	err := e.sh.Run(context.Background(), line)
	if err == nil {
		e.t.Fatalf("%s: succeeded, want an error\noutput:\n%s", line, e.out.take())
	}
	e.out.take()
	return err.Error()
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sum(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func sumOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: output %q lacks %q", what, got, w)
		}
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// bigContent is a few KiB of bytes that are not text.
func bigContent(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return string(b)
}
