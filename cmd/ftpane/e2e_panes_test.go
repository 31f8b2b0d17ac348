package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cursorText is the focused pane's cursor row as the terminal shows it:
// under NO_COLOR the one run of reverse video on the screen.
var cursorText = regexp.MustCompile(`\x1b\[7m([^\x1b]*)`)

// waitCursor polls until the cursor row, trimmed, starts with want.
func (u *tui) waitCursor(want string) {
	u.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		styled := u.run("capture-pane", "-p", "-e", "-t", "e2e")
		got := ""
		if m := cursorText.FindStringSubmatch(styled); m != nil {
			got = strings.TrimSpace(m[1])
		}
		if strings.HasPrefix(got, want) {
			return
		}
		if time.Now().After(deadline) {
			u.t.Fatalf("the cursor never came to %q (it is on %q):\n%s", want, got, u.screen())
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
	}
}

// rowWith polls until a screen line holds every part, in order.
func (u *tui) rowWith(parts ...string) {
	u.t.Helper()
	re := regexp.MustCompile(regexpJoin(parts))
	deadline := time.Now().Add(15 * time.Second)
	for !re.MatchString(u.screen()) {
		if time.Now().After(deadline) {
			u.t.Fatalf("no line holds %q:\n%s", parts, u.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func regexpJoin(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(q, `[^\n]*`)
}

// TestTUIPanes: against the embedded server, a folder entered shows its
// ".." first with the cursor on it, whatever row the cursor had; going up
// (the parent key, or Enter on "..") lands on the folder left; and after
// chmod the remote pane shows the new permissions.
func TestTUIPanes(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	for _, d := range []string{"alpha", "beta/inner", "gamma"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "beta", "inner", "deep.txt"), []byte("deep\n"), 0o644)
	script := filepath.Join(root, "script.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho hi\n"), 0o644)
	os.Chmod(script, 0o644)
	srv := startServer(t, root)
	u := startTUIHome(t, bin, local, t.TempDir(), []string{"NO_COLOR=1"}, 140, 30, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "alpha/", "gamma/", "script.sh")
	u.waitLine(1, "│/ ")
	u.waitCursor("alpha/") // at / there is no ".."

	u.keys("Down", "Down") // gamma: the third row
	u.waitCursor("gamma/")
	u.keys("Up", "Enter") // into beta
	u.waitLine(1, "│/beta ")
	u.waitFor("inner/")
	u.waitCursor("..")
	u.rowWith("│ ..", "UP--DIR")

	u.keys("Down", "Enter") // into inner, then up by the parent key
	u.waitLine(1, "│/beta/inner ")
	u.waitFor("deep.txt")
	u.waitCursor("..")
	u.keys("BSpace")
	u.waitLine(1, "│/beta ")
	u.waitCursor("inner/")

	u.keys("Home", "Enter") // up by ".."
	u.waitLine(1, "│/ ")
	u.waitCursor("beta/")

	t.Run("chmod shows", func(t *testing.T) {
		u := u.with(t)
		u.rowWith("script.sh", "-rw-r--r--")
		u.keys("/", "text:script", "Enter")
		u.waitCursor("script.sh")
		u.keys("m")
		u.waitFor("Permissions", "script.sh: octal (644)")
		u.keys("C-u", "text:755", "Enter")
		u.waitFor("mode 0755 set on 1 entry")
		u.rowWith("script.sh", "-rwxr-xr-x")
		if fi, err := os.Stat(script); err != nil || fi.Mode().Perm() != 0o755 {
			t.Fatalf("on disk: %v %v", fi.Mode(), err)
		}
	})
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
