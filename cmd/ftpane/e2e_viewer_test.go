package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTUIViewerSearch: F3 on a file of the embedded server, / a word: the
// line with it comes to the top with the word in reverse video and the
// status line says which match and line; n goes to the next; x shows the
// bytes as hex and x again the text.
func TestTUIViewerSearch(t *testing.T) {
	bin := buildFtpane(t)
	root := t.TempDir()
	var b strings.Builder
	for i := 1; i <= 300; i++ {
		if i == 120 || i == 240 {
			fmt.Fprintf(&b, "row %03d holds a needle\n", i)
			continue
		}
		fmt.Fprintf(&b, "row %03d of the haystack\n", i)
	}
	if err := os.WriteFile(filepath.Join(root, "notes.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, root)
	u := startTUI(t, bin, t.TempDir(), 100, 30, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "notes.txt")

	u.keys("/", "text:notes", "Enter", "F3")
	u.waitFor("/notes.txt", "row 001 of the haystack", "28/300", "/ search")
	u.keys("/", "text:needle")
	u.waitFor("/needle")
	u.keys("Enter")
	s := u.waitFor("match 1 · line 120", "147/300 49%")
	if top := strings.Split(s, "\n")[1]; top != "row 120 holds a needle" {
		t.Fatalf("the match is not the top line:\n%s", s)
	}
	if !highlighted(u.run("capture-pane", "-p", "-e", "-t", "e2e"), "needle") {
		t.Fatalf("needle not in reverse video:\n%q", u.run("capture-pane", "-p", "-e", "-t", "e2e"))
	}

	u.keys("n")
	s = u.waitFor("match 2 · line 240", "267/300 89%")
	if top := strings.Split(s, "\n")[1]; top != "row 240 holds a needle" {
		t.Fatalf("n did not bring the next match to the top:\n%s", s)
	}
	u.keys("n")
	u.waitFor("match 1 · line 120 · search wrapped")

	u.keys("x")
	u.waitLine(1, "00000b20  61 79 73 74 61 63 6b 0a  72 6f 77 20 31 32 30 20  |aystack.row 120 |") // the row of line 120's start
	u.keys("x")
	u.waitLine(1, "row 120 holds a needle")
	u.keys("q")
	u.waitFor("/notes")
}

// highlighted reports whether word shows in reverse video on the screen
// captured with its attributes (tmux capture-pane -e).
func highlighted(screen, word string) bool {
	sgr := regexp.MustCompile(`((?:\x1b\[[0-9;:]*m)+)` + regexp.QuoteMeta(word))
	for _, m := range sgr.FindAllStringSubmatch(screen, -1) {
		for _, seq := range regexp.MustCompile(`\x1b\[([0-9;:]*)m`).FindAllStringSubmatch(m[1], -1) {
			for _, p := range strings.Split(seq[1], ";") {
				if p == "7" {
					return true
				}
			}
		}
	}
	return false
}
