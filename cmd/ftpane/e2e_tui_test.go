package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session/ftpd"
)

// tui drives the built binary in a private tmux server.
type tui struct {
	t      *testing.T
	tmux   string
	socket string
}

// startTUI runs `ftpane args...` in a w×h tmux window whose working
// folder is dir (the left pane), with a private config folder.
func startTUI(t *testing.T, bin, dir string, w, h int, args ...string) *tui {
	t.Helper()
	return startTUIHome(t, bin, dir, t.TempDir(), nil, w, h, args...)
}

// startTUIHome is startTUI with a given home folder (its .config holds
// ftpane/keys.toml).
func startTUIHome(t *testing.T, bin, dir, home string, env []string, w, h int, args ...string) *tui {
	t.Helper()
	tm := toolOrSkip(t, "tmux")
	u := &tui{t: t, tmux: tm, socket: fmt.Sprintf("ftpane-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	u.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"-c", dir, tuiCommand(home, env, bin, args))
	t.Cleanup(func() { exec.Command(tm, "-L", u.socket, "kill-server").Run() })
	u.run("set-option", "-t", "e2e", "remain-on-exit", "on")
	return u
}

// tuiCommand is the shell command that runs ftpane with home as its home
// and XDG folders, then says how it exited.
func tuiCommand(home string, env []string, bin string, args []string) string {
	editor := filepath.Join(home, "editor.sh") // an "editor" that appends a line
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'edited by e2e\\n' >> \"$1\"\n"), 0o755)
	cmd := []string{"env", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".state"), "XDG_DATA_HOME=" + filepath.Join(home, ".data"),
		"TERM=xterm-256color", "VISUAL=", "EDITOR=" + editor}
	cmd = append(append(cmd, env...), bin)
	return shellJoin(append(cmd, args...)) + `; echo "ftpane exited $?"`
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func (u *tui) run(args ...string) string {
	u.t.Helper()
	out, err := exec.Command(u.tmux, append([]string{"-L", u.socket}, args...)...).CombinedOutput()
	if err != nil {
		u.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, F7, C-u, BSpace) or literal text
// with a "text:" prefix.
func (u *tui) keys(keys ...string) {
	u.t.Helper()
	for _, k := range keys {
		if text, ok := strings.CutPrefix(k, "text:"); ok {
			u.run("send-keys", "-t", "e2e", "-l", text)
			continue
		}
		u.run("send-keys", "-t", "e2e", k)
	}
}

func (u *tui) screen() string { return u.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until every want shows, or fails at the deadline.
func (u *tui) waitFor(want ...string) string {
	u.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := u.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(s, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			u.t.Fatalf("screen never showed %q:\n%s", missing, s)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
	}
}

// waitLine waits until screen line i (0 is the header, 1 the panes'
// titles) contains want.
func (u *tui) waitLine(i int, want string) {
	u.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		lines := strings.Split(u.screen(), "\n")
		if i < len(lines) && strings.Contains(lines[i], want) {
			return
		}
		if time.Now().After(deadline) {
			u.t.Fatalf("line %d never showed %q:\n%s", i, want, u.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (u *tui) waitForAny(alts ...string) {
	u.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := u.screen()
		for _, a := range alts {
			if strings.Contains(s, a) {
				return
			}
		}
		if time.Now().After(deadline) {
			u.t.Fatalf("screen never showed any of %q:\n%s", alts, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// with is the same session reporting to a subtest.
func (u *tui) with(t *testing.T) *tui {
	c := *u
	c.t = t
	return &c
}

func (u *tui) waitGone(bad string) {
	u.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for strings.Contains(u.screen(), bad) {
		if time.Now().After(deadline) {
			u.t.Fatalf("screen still shows %q:\n%s", bad, u.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitPath(t *testing.T, p string, exists bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := os.Stat(p)
		if (err == nil) == exists {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: exists=%v never became %v", p, err == nil, exists)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestTUIEmbeddedServer(t *testing.T) {
	bin := buildFtpane(t)
	root := t.TempDir()
	if err := ftpd.PrepareDemo(root, 1<<20); err != nil {
		t.Fatal(err)
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "e2e", Pass: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	local := t.TempDir()
	os.WriteFile(filepath.Join(local, "local-file.txt"), []byte("here"), 0o644)
	u := startTUI(t, bin, local, 100, 30, "ftp://e2e:s3cret@"+srv.Addr()+"/")

	u.waitFor("connected to e2e@"+srv.Addr(), "docs/", "README.md", "local-file.txt", "? help")
	if strings.Contains(u.screen(), "s3cret") {
		t.Fatal("password on screen")
	}
	t.Run("folder and back", func(t *testing.T) {
		u := u.with(t)
		u.keys("/", "text:docs", "Enter", "Enter")
		u.waitLine(1, "│/docs ")
		u.waitFor("guide.md", "api/")
		u.keys("BSpace")
		u.waitLine(1, "│/ ")
		u.waitFor("README.md", "My Documents/")
	})
	t.Run("mkdir rename delete", func(t *testing.T) { e2eFileOps(t, u.with(t), root) })
	t.Run("view a file", func(t *testing.T) { e2eView(t, u.with(t), root) })
	t.Run("edit a remote file", func(t *testing.T) { e2eEditRemote(t, u.with(t), root) })
	t.Run("edit a local file", func(t *testing.T) { e2eEditLocal(t, u.with(t), local) })
	t.Run("resize", func(t *testing.T) { e2eResize(t, u.with(t)) })
	t.Run("quit", func(t *testing.T) {
		u := u.with(t)
		u.keys("q")
		// tmux says "Pane is dead (status 0, ...)"; some versions keep the
		// echo's line instead.
		u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
	})
}

func e2eFileOps(t *testing.T, u *tui, root string) {
	u.keys("F7")
	u.waitFor("Create folder")
	u.keys("text:e2e 新 dir", "Enter")
	u.waitFor("created /e2e 新 dir", "e2e 新 dir/") // the row: the listing is back
	waitPath(t, filepath.Join(root, "e2e 新 dir"), true)
	u.keys("S-F6")
	u.waitFor("Rename or move")
	u.keys("C-u", "text:e2e-renamed", "Enter")
	u.waitFor("renamed e2e 新 dir to e2e-renamed", "e2e-renamed/")
	waitPath(t, filepath.Join(root, "e2e-renamed"), true)
	waitPath(t, filepath.Join(root, "e2e 新 dir"), false)
	u.keys("F8")
	u.waitFor("Delete 1 entry", "e2e-renamed/")
	u.keys("y")
	u.waitFor("deleted 1 entry")
	waitPath(t, filepath.Join(root, "e2e-renamed"), false)
}

func e2eView(t *testing.T, u *tui, root string) {
	want, _ := os.ReadFile(filepath.Join(root, "README.md"))
	first := strings.SplitN(string(want), "\n", 2)[0]
	u.keys("/", "text:readme", "Enter", "F3")
	u.waitFor("/README.md", first)
	u.keys("q")
	u.waitFor("/readme")
	u.keys("Escape")
	u.waitFor("docs/")
}

// e2eEditRemote edits the server's LICENSE.txt with the test "editor",
// which appends a line; the change must be uploaded.
func e2eEditRemote(t *testing.T, u *tui, root string) {
	u.keys("/", "text:license", "Enter", "F4")
	u.waitFor("uploaded /LICENSE.txt")
	data, _ := os.ReadFile(filepath.Join(root, "LICENSE.txt"))
	if !strings.HasSuffix(string(data), "edited by e2e\n") {
		t.Fatalf("server copy: %q", data)
	}
	u.keys("Escape")
	u.waitFor("docs/")
}

func e2eEditLocal(t *testing.T, u *tui, local string) {
	u.keys("Tab", "Down", "F4") // under ".."
	u.waitFor("edited " + filepath.Join(local, "local-file.txt"))
	if data, _ := os.ReadFile(filepath.Join(local, "local-file.txt")); string(data) != "hereedited by e2e\n" {
		t.Fatalf("local file: %q", data)
	}
	u.keys("Tab")
}

func e2eResize(t *testing.T, u *tui) {
	u.run("resize-window", "-t", "e2e", "-x", "60", "-y", "20")
	deadline := time.Now().Add(15 * time.Second)
	for !narrow(u.waitFor("? help", "README.md"), 60) {
		if time.Now().After(deadline) {
			t.Fatalf("no reflow to 60 columns:\n%s", u.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	u.run("resize-window", "-t", "e2e", "-x", "120", "-y", "30")
	u.waitFor("? help", "README.md")
}

// narrow reports whether the screen fits w columns and the time column
// has gone from the remote README's row.
func narrow(s string, w int) bool {
	clock := regexp.MustCompile(`\d\d:\d\d|\d{4}\s*$`)
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if len([]rune(l)) > w || strings.Contains(l, "README.md") && clock.MatchString(l) {
			return false
		}
	}
	return true
}

func TestTUIConnectDialog(t *testing.T) {
	bin := buildFtpane(t)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "served.txt"), []byte("x"), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "e2e", Pass: "right"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	host, port, _ := strings.Cut(srv.Addr(), ":")
	u := startTUI(t, bin, t.TempDir(), 100, 30)
	u.waitFor("Connect to an FTP server", "Host", "Password")
	u.keys("text:"+host, "Tab", "text:"+port, "Tab", "text:e2e", "Tab", "text:wrong", "Enter")
	u.waitFor("530")
	u.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "text:right", "Enter")
	u.waitFor("connected to e2e@"+srv.Addr(), "served.txt")
	u.keys("D")
	u.waitFor("disconnected from e2e@"+srv.Addr(), "not connected")
	u.keys("c") // the site manager: the connection is now a recent one, its password kept for this run
	u.waitFor("Sites and recent connections", "e2e@"+srv.Addr())
	u.keys("Enter")
	u.waitFor("connected to e2e@"+srv.Addr(), "served.txt")
}

func TestTUIKeysFile(t *testing.T) {
	bin := buildFtpane(t)
	home := t.TempDir()
	keys := filepath.Join(home, ".config", "ftpane", "keys.toml")
	os.MkdirAll(filepath.Dir(keys), 0o755)
	os.WriteFile(keys, []byte("[main]\nquit = \"Q\"\nmkdir = [\"f7\", \"n\"]\n"), 0o644)
	local := t.TempDir()
	u := startTUIHome(t, bin, local, home, nil, 100, 30)
	u.waitFor("Connect to an FTP server")
	u.keys("Escape")
	u.waitGone("Connect to an FTP server")
	u.waitFor("Q quit")
	u.keys("n") // in the left pane: n is now mkdir
	u.waitFor("Create folder")
	u.keys("text:made-by-n", "Enter")
	waitPath(t, filepath.Join(local, "made-by-n"), true)
	u.keys("q") // no longer quit
	u.keys("Q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")

	os.WriteFile(keys, []byte("[main]\nquit = \"Q\"\nfly = \"x\"\n"), 0o644)
	u2 := startTUIHome(t, bin, local, home, nil, 100, 30)
	u2.waitFor("Connect to an FTP server")
	u2.keys("Escape")
	u2.waitGone("Connect to an FTP server")
	u2.waitFor("keys.toml:3: unknown action \"fly\"")
}

func TestTUINoColor(t *testing.T) {
	bin := buildFtpane(t)
	local := t.TempDir()
	os.Mkdir(filepath.Join(local, "a-folder"), 0o755)
	colour := regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`) // SGR foreground/background colour
	for _, c := range []struct {
		env  []string
		want bool
	}{{nil, true}, {[]string{"NO_COLOR=1"}, false}} {
		u := startTUIHome(t, bin, local, t.TempDir(), c.env, 100, 30)
		u.waitFor("Connect to an FTP server")
		u.keys("Escape")
		u.waitGone("Connect to an FTP server")
		u.waitFor("a-folder/")
		styled := u.run("capture-pane", "-p", "-e", "-t", "e2e")
		if got := colour.MatchString(styled); got != c.want {
			t.Fatalf("env %v: colour on screen = %v, want %v:\n%q", c.env, got, c.want, styled)
		}
		if !strings.Contains(styled, "\x1b[7m") && !c.want {
			t.Fatalf("NO_COLOR: the cursor is not in reverse video:\n%q", styled)
		}
	}
}

// TestTUIRealServers browses vsftpd, pure-ftpd and proftpd (when
// running): connect, mkdir, into the folder and back, delete.
func TestTUIRealServers(t *testing.T) {
	targets := testsrv.Real(t)
	bin := buildFtpane(t)
	for _, s := range targets {
		t.Run(s.Name, func(t *testing.T) { e2eRealServer(t, bin, s) })
	}
}

func e2eRealServer(t *testing.T, bin string, s testsrv.Target) {
	local := t.TempDir()
	os.WriteFile(filepath.Join(local, "here.txt"), nil, 0o644)
	u := startTUI(t, bin, local, 100, 30, fmt.Sprintf("ftp://%s:%s@%s/", s.User, s.Pass, s.Addr()))
	u.waitFor("connected to "+s.User+"@"+s.Addr(), "? help")
	u.waitLine(1, "│/ ") // listed: the keys act on a folder only once it is there
	name := fmt.Sprintf("e2e%d", time.Now().UnixNano()%1000000)
	t.Cleanup(func() { os.RemoveAll(filepath.Join(s.Root, name)) }) // when the test fails half way
	u.keys("F7")
	u.waitFor("Create folder")
	u.keys("text:"+name, "Enter")
	u.waitFor("created ", name+"/")
	waitPath(t, filepath.Join(s.Root, name), true)
	u.keys("Enter")
	u.waitLine(1, "│/"+name+" ")
	u.waitFor("empty folder")
	u.keys("BSpace")
	u.waitLine(1, "│/ ")
	u.keys("F8")
	u.waitFor("Delete 1 entry", name+"/")
	u.keys("y")
	u.waitFor("deleted 1 entry")
	waitPath(t, filepath.Join(s.Root, name), false)
}
