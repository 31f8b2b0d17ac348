package main

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writePieces writes n random bytes to p in pieces of size piece, each
// its own open, write and close (as a slow program or an editor writes),
// and returns the sha256 of what the file holds at the end, read back.
func writePieces(t *testing.T, p string, n, piece int) string {
	t.Helper()
	b := make([]byte, n)
	rand.Read(b)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += piece {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(b[i:min(n, i+piece)])
		f.Close()
	}
	return fileSha(t, p)
}

// TestTUIWatchUploadsChanges: W on the local pane watches its folder;
// a file written in many pieces, then rewritten, then a new subfolder
// with a file arrive in the server's folder with the local sha256; :watch
// off stops the watch.
func TestTUIWatchUploadsChanges(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(root, "on-server.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(local, "seed.txt"), []byte("there before"), 0o644)
	srv := startServer(t, root)
	u := startTUI(t, bin, local, 170, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "on-server.txt", "seed.txt")

	u.keys("Tab", "W") // the local pane
	what := local + " → e2e@" + srv.Addr() + ":/"
	u.waitFor("watching " + what + ": changed files are uploaded")
	u.waitLine(0, "watching "+what)

	t.Run("a file written in pieces", func(t *testing.T) {
		sum := writePieces(t, filepath.Join(local, "watched.bin"), 300<<10, 16<<10)
		waitSha(t, filepath.Join(root, "watched.bin"), sum)
	})
	t.Run("the same file changed", func(t *testing.T) {
		sum := writePieces(t, filepath.Join(local, "watched.bin"), 200<<10, 8<<10)
		waitSha(t, filepath.Join(root, "watched.bin"), sum)
	})
	t.Run("a new subfolder with a file", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(local, "sub", "deeper"), 0o755); err != nil {
			t.Fatal(err)
		}
		sum := writePieces(t, filepath.Join(local, "sub", "deeper", "inner.bin"), 64<<10, 4<<10)
		waitSha(t, filepath.Join(root, "sub", "deeper", "inner.bin"), sum)
		// The folder is watched now: a change inside it arrives too.
		sum = writePieces(t, filepath.Join(local, "sub", "deeper", "inner.bin"), 10<<10, 1<<10)
		waitSha(t, filepath.Join(root, "sub", "deeper", "inner.bin"), sum)
	})
	if _, err := os.Stat(filepath.Join(root, "seed.txt")); err == nil {
		t.Error("a file unchanged since the watch started was uploaded")
	}
	t.Run("watch off", func(t *testing.T) {
		u := u.with(t)
		u.keys(":", "text:watch off", "Enter")
		u.waitFor("Stopped watching "+what, "done: watch off")
		deadline := time.Now().Add(15 * time.Second)
		for strings.Contains(strings.Split(u.screen(), "\n")[0], "watching") {
			if time.Now().After(deadline) {
				t.Fatalf("the header still says watching:\n%s", u.screen())
			}
			time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
		}
	})
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
