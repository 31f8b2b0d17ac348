package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTUIFind searches the embedded server with f, jumps to a result,
// marks two results from different folders and copies them with F5:
// they arrive in the local folder under their paths, byte for byte.
func TestTUIFind(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	sums := map[string]string{
		"docs/report-1.csv":         writeRandom(t, filepath.Join(root, "docs", "report-1.csv"), 70<<10),
		"docs/deep/er/report-2.csv": writeRandom(t, filepath.Join(root, "docs", "deep", "er", "report-2.csv"), 300<<10),
	}
	writeRandom(t, filepath.Join(root, "docs", "deep", "readme.txt"), 10)
	writeRandom(t, filepath.Join(root, "other", "notes.txt"), 10)
	srv := startServer(t, root)
	// NO_COLOR: the cursor is reverse video, which the test can see.
	u := startTUIHome(t, bin, local, t.TempDir(), []string{"NO_COLOR=1"}, 120, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "docs/", "other/")
	u.waitLine(1, "│/ ") // the remote pane is listed: keys now act on it

	u.keys("f")
	u.waitFor("Find", "In folder", "Modified")
	u.keys("BSpace", "text:*.csv", "Enter")
	u.waitFor("Find *.csv in /", "2 found in 5 folders", " docs/report-1.csv ", " docs/deep/er/report-2.csv ")

	t.Run("enter jumps to the result", func(t *testing.T) {
		u := u.with(t)
		u.keys("Enter")
		u.waitLine(1, "│/docs ")
		u.waitFor("/docs/report-1.csv · f shows the results again")
		styled := u.run("capture-pane", "-p", "-e", "-t", "e2e")
		row := ""
		for _, l := range strings.Split(styled, "\n") {
			if strings.Contains(l, "report-1.csv") && !strings.Contains(l, "shows the results") {
				row = l
			}
		}
		if i := strings.Index(row, "\x1b[7m"); i < 0 || i > strings.Index(row, "report-1.csv") {
			t.Fatalf("the cursor is not on report-1.csv:\n%q", row)
		}
	})
	t.Run("mark two and copy", func(t *testing.T) {
		u := u.with(t)
		u.keys("f")
		u.waitFor("Find *.csv in /", "2 found in 5 folders")
		u.keys("Space", "Space")
		u.waitFor("2 marked, 379 kB")
		u.keys("F5")
		u.waitFor("Copy", "2 results (379 kB)", "To folder", "keep folders")
		u.keys("Enter")
		for name, sum := range sums {
			waitSha(t, filepath.Join(local, filepath.FromSlash(name)), sum)
		}
	})
	t.Run("alt+? opens the dialog too", func(t *testing.T) {
		u := u.with(t)
		u.keys("q")
		u.waitGone("Find *.csv in /")
		u.keys("M-?")
		u.waitFor("In folder", "Modified")
		u.keys("Escape")
		u.waitGone("In folder")
	})
}
