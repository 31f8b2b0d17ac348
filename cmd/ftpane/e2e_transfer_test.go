package main

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/faultproxy"
	"github.com/ftpane/ftpane/session/ftpd"
)

// writeRandom writes n random bytes at p (making its folder) and returns
// their sha256.
func writeRandom(t *testing.T, p string, n int) string {
	t.Helper()
	b := make([]byte, n)
	rand.Read(b)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return sha(b)
}

// waitSha polls until the file at p holds the bytes whose sha256 is want.
func waitSha(t *testing.T, p, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if b, err := os.ReadFile(p); err == nil && sha(b) == want {
			return
		}
		if time.Now().After(deadline) {
			b, err := os.ReadFile(p)
			t.Fatalf("%s never got the right bytes (%d bytes, %v)", p, len(b), err)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
	}
}

// startServer serves root on 127.0.0.1 as e2e/s3cret.
func startServer(t *testing.T, root string) *ftpd.Server {
	t.Helper()
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "e2e", Pass: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// copyFixtures writes random files and trees on both sides and returns
// their sha256 by relative name.
func copyFixtures(t *testing.T, root, local string) map[string]string {
	t.Helper()
	return map[string]string{
		"remote.bin":          writeRandom(t, filepath.Join(root, "remote.bin"), 300<<10),
		"rtree/a.bin":         writeRandom(t, filepath.Join(root, "rtree", "a.bin"), 70<<10),
		"rtree/sub/b.bin":     writeRandom(t, filepath.Join(root, "rtree", "sub", "b.bin"), 1<<20),
		"local.bin":           writeRandom(t, filepath.Join(local, "local.bin"), 500<<10),
		"ltree/x.bin":         writeRandom(t, filepath.Join(local, "ltree", "x.bin"), 10),
		"ltree/deep/er/y.bin": writeRandom(t, filepath.Join(local, "ltree", "deep", "er", "y.bin"), 2<<20),
		"moveme.bin":          writeRandom(t, filepath.Join(local, "moveme.bin"), 40<<10),
	}
}

// TestTUICopyBothWays copies a file and a folder tree with F5 from the
// server and to it, moves a file with F6, and compares the bytes.
func TestTUICopyBothWays(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	sums := copyFixtures(t, root, local)
	srv := startServer(t, root)
	u := startTUI(t, bin, local, 120, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "rtree/", "local.bin")

	last := ""
	copyNamed := func(name, key string) {
		if last != "" { // clear the last filter first
			u.keys("Escape")
			u.waitGone("/" + last)
		}
		last = name
		u.keys("/", "text:"+name, "Enter", key)
		u.waitFor("To folder", "If it exists")
		u.keys("Enter")
	}
	t.Run("download a file", func(t *testing.T) {
		copyNamed("remote.bin", "F5")
		waitSha(t, filepath.Join(local, "remote.bin"), sums["remote.bin"])
		u.waitFor("transfers (1)", "[####################] 100%", "done")
	})
	t.Run("download a tree", func(t *testing.T) {
		copyNamed("rtree", "F5")
		for _, n := range []string{"rtree/a.bin", "rtree/sub/b.bin"} {
			waitSha(t, filepath.Join(local, n), sums[n])
		}
		u.waitFor("rtree/ ") // the local pane was reloaded
	})
	u.keys("Tab", "Tab") // the queue pane, the local pane
	last = ""
	t.Run("upload a file", func(t *testing.T) {
		copyNamed("local.bin", "F5")
		waitSha(t, filepath.Join(root, "local.bin"), sums["local.bin"])
	})
	t.Run("upload a tree", func(t *testing.T) {
		copyNamed("ltree", "F5")
		for _, n := range []string{"ltree/x.bin", "ltree/deep/er/y.bin"} {
			waitSha(t, filepath.Join(root, n), sums[n])
		}
	})
	t.Run("move a file", func(t *testing.T) {
		copyNamed("moveme", "F6")
		waitSha(t, filepath.Join(root, "moveme.bin"), sums["moveme.bin"])
		waitPath(t, filepath.Join(local, "moveme.bin"), false)
	})
	t.Run("command line", func(t *testing.T) {
		u.keys(":", "text:pwd", "Enter")
		u.waitFor("ftp> pwd", "Remote directory: /", "done: pwd")
	})
	t.Run("quit", func(t *testing.T) {
		u.keys("q")
		u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
	})
}

// stalledCopy serves root (with slow.bin, 2 MiB, written here) through a
// fault proxy, starts the TUI with start given the server's URL, copies
// slow.bin with F5 to the local pane's folder, and returns once the copy
// is under way and its data stalled after 256 KiB; release lets the data
// flow again.
func stalledCopy(t *testing.T, root string, start func(url string) *tui) (u *tui, want string, release func()) {
	t.Helper()
	want = writeRandom(t, filepath.Join(root, "slow.bin"), 2<<20)
	srv := startServer(t, root)
	px, err := faultproxy.Start(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { px.Close() })
	hit, release := px.StallDataAfter(256 << 10)
	t.Cleanup(release)
	u = start("ftp://e2e:s3cret@" + px.Addr() + "/")
	u.waitFor("connected to e2e@", "slow.bin")
	u.keys("/", "text:slow", "Enter", "F5")
	u.waitFor("To folder")
	u.keys("Enter")
	select {
	case <-hit:
	case <-time.After(20 * time.Second):
		t.Fatalf("the download never reached the stall:\n%s", u.screen())
	}
	u.waitFor("slow.bin", "active")
	return u, want, release
}

// TestTUIQuitAsksWhileCopying stalls a download on its way and checks
// that quitting asks first, and that the job comes back paused on the
// next start.
func TestTUIQuitAsksWhileCopying(t *testing.T) {
	bin := buildFtpane(t)
	root, local, home := t.TempDir(), t.TempDir(), t.TempDir()
	var url string
	u, want, release := stalledCopy(t, root, func(u string) *tui {
		url = u
		return startTUIHome(t, bin, local, home, nil, 120, 40, u)
	})
	u.keys("q")
	u.waitFor("Quit", "1 transfer is not finished.")
	u.keys("Escape")
	u.waitGone("Quit anyway?")
	u.keys("q")
	u.waitFor("Quit anyway?")
	u.keys("Enter")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
	release()

	again := startTUIHome(t, bin, local, home, nil, 120, 40, url)
	again.waitFor("1 unfinished transfer from last time, paused: A resumes them all", "paused")
	again.keys("A")
	waitSha(t, filepath.Join(local, "slow.bin"), want)
	again.keys("q")
	again.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
