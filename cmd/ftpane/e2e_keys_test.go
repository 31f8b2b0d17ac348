package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTUICtrlCAsksWhileCopying: with a download stalled on its way,
// ctrl+c asks as q does; n keeps the transfer (the program runs on and the
// file is completed once the data flows again); ctrl+c in the question
// quits.
func TestTUICtrlCAsksWhileCopying(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	u, want, release := stalledCopy(t, root, func(url string) *tui { return startTUI(t, bin, local, 120, 40, url) })
	u.keys("C-c")
	u.waitFor("Quit", "1 transfer is not finished.", "Quit anyway?")
	u.keys("n")
	u.waitGone("Quit anyway?")
	release() // the data flows again: the job the user kept finishes
	waitSha(t, filepath.Join(local, "slow.bin"), want)
	if s := u.screen(); strings.Contains(s, "ftpane exited") {
		t.Fatalf("ftpane quit on n:\n%s", s)
	}

	u.keys("F7") // a dialog open, nothing running: ctrl+c quits at once
	u.waitFor("Create folder")
	u.keys("C-c")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}

// TestTUICtrlCInTheQuestionQuits: ctrl+c, then ctrl+c in the question,
// quits with the transfer unfinished.
func TestTUICtrlCInTheQuestionQuits(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	u, _, _ := stalledCopy(t, root, func(url string) *tui { return startTUI(t, bin, local, 120, 40, url) })
	u.keys("C-c")
	u.waitFor("Quit anyway?")
	u.keys("C-c")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
	if _, err := os.Stat(filepath.Join(local, "slow.bin")); err == nil {
		t.Fatal("slow.bin is complete: the transfer was not under way")
	}
}

// startShellTUI opens an interactive bash (job control on) in a private
// tmux server and runs `ftpane args...` in it, dir its working folder
// and home a fresh folder.
func startShellTUI(t *testing.T, bin, dir string, w, h int, args ...string) *tui {
	t.Helper()
	tm, bash := toolOrSkip(t, "tmux"), toolOrSkip(t, "bash")
	u := &tui{t: t, tmux: tm, socket: fmt.Sprintf("ftpane-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	home := t.TempDir()
	u.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"-c", dir, shellJoin([]string{"env", "HOME=" + home, "HISTFILE=", "PS1=e2e-shell$ ", "TERM=xterm-256color", bash,
			"--norc", "--noprofile", "-i"}))
	t.Cleanup(func() { exec.Command(tm, "-L", u.socket, "kill-server").Run() })
	u.waitFor("e2e-shell$")
	cmd := []string{"env", "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".state"), "XDG_DATA_HOME=" + filepath.Join(home, ".data"), bin}
	u.keys("text:"+shellJoin(append(cmd, args...)), "Enter")
	return u
}

// TestTUICtrlZSuspends: ctrl+z gives the terminal back to the shell,
// which shows its prompt and the stopped job; fg brings ftpane back, the
// whole screen drawn again, still connected and working.
func TestTUICtrlZSuspends(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	writeRandom(t, filepath.Join(root, "remote.bin"), 10<<10)
	os.WriteFile(filepath.Join(local, "local-file.txt"), []byte("here"), 0o644)
	srv := startServer(t, root)
	u := startShellTUI(t, bin, local, 100, 30, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@", "remote.bin", "local-file.txt", "? help")

	u.keys("C-z")
	s := u.waitFor("Stopped", "e2e-shell$")
	if strings.Contains(s, "remote.bin") {
		t.Fatalf("the TUI is still on the screen after ctrl+z:\n%s", s)
	}
	u.keys("text:fg", "Enter")
	s = u.waitFor("resumed", "remote.bin", "local-file.txt", "? help")
	if strings.Contains(s, "Stopped") || strings.Contains(s, "e2e-shell$") {
		t.Fatalf("the shell's lines are left on the redrawn screen:\n%s", s)
	}
	u.keys("F7") // it still takes keys and acts
	u.waitFor("Create folder")
	u.keys("text:made-after-fg", "Enter")
	u.waitFor("created /made-after-fg")
	if _, err := os.Stat(filepath.Join(root, "made-after-fg")); err != nil {
		t.Fatal(err)
	}
	u.keys("q")
	u.waitFor("e2e-shell$")
	u.keys("text:echo status=$?", "Enter")
	u.waitFor("status=0")
	u.keys("text:exit", "Enter") // the shell ends before its home is removed
	deadline := time.Now().Add(15 * time.Second)
	for exec.Command(u.tmux, "-L", u.socket, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the shell did not exit")
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
	}
}
