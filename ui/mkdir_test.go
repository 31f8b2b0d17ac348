package ui

import (
	"strings"
	"testing"
)

// TestMkdirMakesTheFoldersAbove: F7 with a/b/c makes the missing levels;
// the cursor lands on the first folder made, or on the entry holding it;
// a path that exists entirely is the server's error.
func TestMkdirMakesTheFoldersAbove(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 30) // focus: the remote pane
	m = press(t, m, "f7")
	m = typeText(t, m, "x/y/z")
	m = press(t, m, "enter")
	if !r.Exists("/pub/x/y/z") || cursorName(m) != "x" {
		t.Fatalf("x/y/z: exists %v, cursor on %q", r.Exists("/pub/x/y/z"), cursorName(m))
	}
	wantScreen(t, m, "created /pub/x/y/z", "x/")
	m = press(t, m, "end", "f7") // the cursor elsewhere: it must come back
	m = typeText(t, m, "docs/api/deeper/still")
	m = press(t, m, "enter")
	if !r.Exists("/pub/docs/api/deeper/still") || cursorName(m) != "docs" {
		t.Fatalf("docs/api/deeper/still: exists %v, cursor on %q", r.Exists("/pub/docs/api/deeper/still"), cursorName(m))
	}
	m = press(t, m, "f7")
	m = typeText(t, m, "docs/api")
	m = press(t, m, "enter")
	wantScreen(t, m, "550 File exists")
	m = press(t, m, "f7")
	m = typeText(t, m, "README.md/sub")
	m = press(t, m, "enter")
	wantScreen(t, m, "/pub/README.md is a file, not a folder")
	var log []string
	for _, l := range m.log.Lines() {
		if strings.HasPrefix(l, "ftp> mkdir /pub/x") {
			log = append(log, l)
		}
	}
	if want := "ftp> mkdir /pub/x   # if missing|ftp> mkdir /pub/x/y   # if missing|ftp> mkdir /pub/x/y/z"; strings.Join(log, "|") != want {
		t.Fatalf("log: %q", log)
	}
}
