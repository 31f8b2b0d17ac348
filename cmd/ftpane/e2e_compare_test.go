package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stamp writes content at p (making its folder) with modification time
// when, and returns its sha256.
func stamp(t *testing.T, p, content string, when time.Time) string {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	return sha([]byte(content))
}

// randomAt is writeRandom with a modification time.
func randomAt(t *testing.T, p string, n int, when time.Time) string {
	t.Helper()
	sum := writeRandom(t, p, n)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	return sum
}

// compareTimes are two recent whole minutes (a LIST line shows them with
// the time of day), days apart.
func compareTimes() (old, recent time.Time) {
	recent = time.Now().Add(-48 * time.Hour).Truncate(time.Minute)
	return recent.Add(-72 * time.Hour), recent
}

// TestTUICompareMarkers compares a prepared local folder with the
// embedded server's and checks, with NO_COLOR, each result's sign in
// both panes, the marks (mc's: newer and only here) and the summary.
func TestTUICompareMarkers(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	old, recent := compareTimes()
	for _, f := range []struct {
		name, local, remote string
		lt, rt              time.Time
	}{
		{"same.txt", "same", "same", old, old},
		{"newer.txt", "NEW!", "old!", recent, old},
		{"older.txt", "old.", "NEW.", old, recent},
		{"grown.txt", "grown up", "small", recent, old},
	} {
		stamp(t, filepath.Join(local, f.name), f.local, f.lt)
		stamp(t, filepath.Join(root, f.name), f.remote, f.rt)
	}
	stamp(t, filepath.Join(local, "mine.txt"), "mine", old)
	stamp(t, filepath.Join(root, "theirs.txt"), "theirs", old)
	os.Mkdir(filepath.Join(local, "docs"), 0o755)
	os.Mkdir(filepath.Join(root, "docs"), 0o755)

	srv := startServer(t, root)
	u := startTUIHome(t, bin, local, t.TempDir(), []string{"NO_COLOR=1"}, 120, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "theirs.txt", "mine.txt")
	u.keys("=")
	s := u.waitFor("compare: 1 newer, 1 older, 1 only here, 1 only there, 1 differs, 2 same")
	for _, want := range []string{
		"*>newer.txt", " <older.txt", "*!grown.txt", "*+mine.txt", " =same.txt", " =docs/", // left
		" <newer.txt", "*>older.txt", " !grown.txt", "*+theirs.txt", // right
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("after =:\n%s", s)
	}
	u.keys("=")
	u.waitFor("Compare: mark by result", "end the comparison")
	u.keys("Up", "Enter")
	u.waitFor("comparison ended; the marks stay")
	u.waitGone(" <older.txt")
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}

// TestTUISyncPreviewBothWays makes the server like the local folder with
// the sync preview, then the local folder like the server, and checks
// every copied file by sha256 on both sides, and the dry run's mirror
// command line.
func TestTUISyncPreviewBothWays(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	old, recent := compareTimes()
	up := map[string]string{
		"mine.bin":     randomAt(t, filepath.Join(local, "mine.bin"), 200<<10, old),
		"newer.bin":    randomAt(t, filepath.Join(local, "newer.bin"), 64<<10, recent),
		"up/a.bin":     randomAt(t, filepath.Join(local, "up", "a.bin"), 300<<10, old),
		"up/deep/b.md": stamp(t, filepath.Join(local, "up", "deep", "b.md"), "# b\n", old),
	}
	randomAt(t, filepath.Join(root, "newer.bin"), 64<<10, old)
	down := map[string]string{
		"theirs.bin":   randomAt(t, filepath.Join(root, "theirs.bin"), 150<<10, old),
		"older.bin":    randomAt(t, filepath.Join(root, "older.bin"), 10<<10, recent),
		"rtree/c.bin":  randomAt(t, filepath.Join(root, "rtree", "c.bin"), 1<<20, old),
		"rtree/d/e.md": stamp(t, filepath.Join(root, "rtree", "d", "e.md"), "e\n", old),
	}
	randomAt(t, filepath.Join(local, "older.bin"), 10<<10, old)

	srv := startServer(t, root)
	u := startTUI(t, bin, local, 120, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "theirs.bin", "mine.bin")

	t.Run("upload", func(t *testing.T) {
		u := u.with(t)
		u.keys("Tab", "Y") // the local pane
		s := u.waitFor("Sync preview: left → right", "[x] → upload   mine.bin", "[x] → upload   newer.bin  (66 kB, newer)",
			"[x] → mkdir    up/", "[x] → upload   up/a.bin", "[x] → mkdir    up/deep/", "[x] → upload   up/deep/b.md",
			"6 of 6 selected")
		if strings.Contains(s, "older.bin  (") || strings.Contains(s, "theirs.bin  (") {
			t.Fatalf("the upload would touch what is newer or only on the server:\n%s", s)
		}
		u.keys("d")
		u.waitFor("mirror -R --dry-run " + local + " /")
		u.keys("Enter")
		u.waitForAny("sync: queued 4 uploads; 2 folders made", "transfers finished: 4 of 4 files")
		for rel, sum := range up {
			waitSha(t, filepath.Join(root, filepath.FromSlash(rel)), sum)
		}
		u.waitFor("↑ upload   b.md", "files 4/4")
	})
	t.Run("download", func(t *testing.T) {
		u := u.with(t)
		u.waitGone("Sync preview") // Enter closed it
		u.keys("Tab")              // the remote pane
		u.waitFor("up/    ")       // the upload's folder is listed on the server
		u.keys("Y")
		s := u.waitFor("Sync preview: left ← right", "[x] ← download theirs.bin", "[x] ← download older.bin  (10 kB, newer)",
			"[x] ← mkdir    rtree/", "[x] ← download rtree/c.bin", "[x] ← mkdir    rtree/d/", "[x] ← download rtree/d/e.md",
			"6 of 6 selected")
		if strings.Contains(s, "newer.bin  (") || strings.Contains(s, "mine.bin  (") {
			t.Fatalf("the files just uploaded are not alike on both sides:\n%s", s)
		}
		u.keys("d")
		u.waitFor("mirror --dry-run / " + local)
		u.keys("Enter")
		u.waitForAny("sync: queued 4 downloads; 2 folders made", "transfers finished: 8 of 8 files")
		for rel, sum := range down {
			waitSha(t, filepath.Join(local, filepath.FromSlash(rel)), sum)
		}
		for rel, sum := range up { // and the uploads are still there, untouched
			waitSha(t, filepath.Join(root, filepath.FromSlash(rel)), sum)
			waitSha(t, filepath.Join(local, filepath.FromSlash(rel)), sum)
		}
		u.waitFor("↓ download e.md", "files 8/8")
	})
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
