package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDemoOpensTheTUI is the README's first command as a new user runs
// it: `ftpane demo` in a terminal opens the client on the sample tree,
// and quitting removes the tree.
func TestDemoOpensTheTUI(t *testing.T) {
	bin := buildFtpane(t)
	tmp := t.TempDir()
	u := startTUIHome(t, bin, t.TempDir(), t.TempDir(), []string{"TMPDIR=" + tmp}, 100, 30, "demo")
	u.waitFor("demo@127.0.0.1", "文档", "My Documents", "big.bin")
	if m, _ := filepath.Glob(filepath.Join(tmp, "ftpane-demo-*")); len(m) != 1 {
		t.Fatalf("want one demo tree while it runs, got %v", m)
	}
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
	if m, _ := filepath.Glob(filepath.Join(tmp, "ftpane-demo-*")); len(m) != 0 {
		t.Fatalf("the demo tree is still there after quitting: %v", m)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Fatal(err)
	}
}
