package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// TestStartDemo: the demo serves a fresh tree the printed account can log
// in to, and cleanup removes both the server and the tree.
func TestStartDemo(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the demo makes its folder
	srv, user, pass, cleanup, err := startDemoSized(1<<20, 0)
	if err != nil {
		t.Fatalf("startDemo: %v", err)
	}
	cleaned := false
	t.Cleanup(func() {
		if !cleaned {
			cleanup()
		}
	})
	if user != demoUser || len(pass) < 16 {
		t.Errorf("account %q / %d-character password, want demo and a long random one", user, len(pass))
	}
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") {
		t.Errorf("demo listens on %s, want loopback", srv.Addr())
	}
	if code := ftpLogin(t, srv.Addr(), user, pass); code != 230 {
		t.Errorf("login to the demo: %d", code)
	}
	if code := ftpLogin(t, srv.Addr(), user, "guess"); code != 530 {
		t.Errorf("wrong demo password: %d, want 530", code)
	}
	bigs, _ := filepath.Glob(filepath.Join(tmp, "ftpane-demo-*", ftpd.DemoBigFile))
	if len(bigs) != 1 {
		t.Fatalf("demo folders with %s in TMPDIR: %q, want one", ftpd.DemoBigFile, bigs)
	}
	if info, err := os.Stat(bigs[0]); err != nil || info.Size() != 1<<20 {
		t.Errorf("%s: %v, want 1 MiB", bigs[0], err)
	}
	mine := filepath.Dir(bigs[0])
	cleanup()
	cleaned = true
	if !portClosed(srv.Addr()) {
		t.Errorf("demo port %s open after cleanup", srv.Addr())
	}
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("demo folder %s left after cleanup: %v", mine, err)
	}
}

func TestRunDemoBadArgs(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := runDemo([]string{"--bogus"}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "ftpane demo: ") {
		t.Errorf("stderr %q, want one line", msg)
	}
}

// TestStartDemoFullSize: the real demo's big file is 50 MiB.
func TestStartDemoFullSize(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MiB")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	_, _, _, cleanup, err := startDemo()
	if err != nil {
		t.Fatalf("startDemo: %v", err)
	}
	defer cleanup()
	bigs, _ := filepath.Glob(filepath.Join(tmp, "ftpane-demo-*", ftpd.DemoBigFile))
	if len(bigs) != 1 {
		t.Fatalf("demo big file: %q", bigs)
	}
	if info, err := os.Stat(bigs[0]); err != nil || info.Size() != 50<<20 {
		t.Errorf("%s: %v, want exactly 50 MiB", bigs[0], err)
	}
}
