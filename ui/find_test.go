package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// findRemote is sampleRemote with more to find: markdown files at three
// depths, one in upper case, two of them new (the rest are from 2020).
func findRemote() *fakefs.FS {
	f := goldenRemote()
	recent := time.Now().Add(-2 * time.Hour)
	f.Add("/pub/docs/NOTES.MD", session.Entry{Kind: session.KindFile, Size: 6, ModTime: recent}, []byte("notes\n"))
	f.Add("/pub/docs/api/v1.md", session.Entry{Kind: session.KindFile, Size: 5, ModTime: recent}, []byte("# v1\n"))
	return f
}

// goldenRemote has markdown files of fixed times only.
func goldenRemote() *fakefs.FS {
	f := sampleRemote()
	f.File("/pub/docs/api/old.md", "old one")
	return f
}

// searchFor opens the find dialog on the focused pane and searches for
// pattern, running the walk to its end.
func searchFor(t *testing.T, m Model, pattern string) Model {
	t.Helper()
	m = press(t, m, "f")
	wantScreen(t, m, "Find", "In folder", "Name", "Modified")
	m = press(t, m, "backspace") // the "*" it starts with
	m = typeText(t, m, pattern)
	return press(t, m, "enter")
}

func TestFindListsMatchesFromEveryFolder(t *testing.T) {
	remote := findRemote()
	remote.Hostile("/pub/docs", session.Entry{Name: "../../escape.md", Kind: session.KindFile})
	m := newTest(t, sampleLocal(), remote, 100, 30) // the remote pane has the focus
	m = press(t, m, "f")
	wantScreen(t, m, "on ann@ftp.example.org:21", "In folder", "/pub", "‹ ignore case ›", "‹ files and folders ›")
	m = press(t, m, "esc")
	if m.search != nil {
		t.Fatal("esc on the first dialog should close the search")
	}
	m = searchFor(t, m, "*.md")
	wantScreen(t, m, "Find *.md in /pub", "5 found in 3 folders",
		" README.md ", " docs/NOTES.MD ", " docs/guide.md ", " docs/api/old.md ", " docs/api/v1.md ",
		"Mar 14  2020")
	dontWantScreen(t, m, "escape.md", "latest/")
	if log := strings.Join(m.log.Lines(), "\n"); !strings.Contains(log,
		`find: /pub/docs: left out a name that is not a plain name: "../../escape.md"`) {
		t.Errorf("the hostile name is not in the log:\n%s", log)
	}
	// Case, type and age filters, from a new search (f in the results).
	m = press(t, m, "f", "tab") // the dialog keeps the last values; Case
	m = press(t, m, "space", "tab", "tab", "tab")
	m = typeText(t, m, "+30d")
	m = press(t, m, "enter")
	wantScreen(t, m, "Find *.md in /pub (match case, +30d)", "3 found in 3 folders", " README.md ",
		" docs/guide.md ", " docs/api/old.md ")
	dontWantScreen(t, m, "NOTES.MD", "v1.md")
}

func TestFindEscapesNames(t *testing.T) {
	m := newTest(t, sampleLocal(), findRemote(), 100, 30)
	m = searchFor(t, m, "*red*")
	wantScreen(t, m, `evil\x1b[31mred.txt`, "1 found in 3 folders")
}

func TestFindDialogRefusesBadInput(t *testing.T) {
	m := newTest(t, sampleLocal(), findRemote(), 100, 30)
	m = press(t, m, "f", "tab", "tab", "tab") // Size
	m = typeText(t, m, ">huge")
	m = press(t, m, "enter")
	wantScreen(t, m, `size ">huge": want >N, <N or N`, "In folder")
	m = press(t, m, "tab") // Modified
	m = typeText(t, m, "7d")
	m = press(t, m, "shift+tab", "backspace", "backspace", "backspace", "backspace", "backspace", "enter")
	wantScreen(t, m, `modified "7d": want -N (within N days) or +N`)
	m = press(t, m, "tab", "backspace", "backspace")
	m = typeText(t, m, "-7d")
	m = press(t, m, "shift+tab", "shift+tab", "shift+tab", "shift+tab", "backspace")
	m = typeText(t, m, "[a-")
	m = press(t, m, "enter")
	wantScreen(t, m, `pattern "[a-": syntax error in pattern`)
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "*.md")
	m = press(t, m, "enter")
	wantScreen(t, m, "Find *.md in /pub (-7d)", "2 found", " docs/NOTES.MD ", " docs/api/v1.md ")
	dontWantScreen(t, m, "README.md", "guide.md", "old.md")
}

func TestFindJumpsToTheResultAndBack(t *testing.T) {
	m := newTest(t, sampleLocal(), findRemote(), 100, 30)
	m = searchFor(t, m, "v1.md")
	m = press(t, m, "enter")
	if m.search.Visible() {
		t.Fatal("the results should step aside after a jump")
	}
	if p := m.panes[1]; p.Dir() != "/pub/docs/api" || cursorName(m) != "v1.md" || m.focus != FocusRight {
		t.Fatalf("pane at %s, cursor on %q, focus %v", p.Dir(), cursorName(m), m.focus)
	}
	wantScreen(t, m, "/pub/docs/api/v1.md · f shows the results again", "│ v1.md")
	m = press(t, m, "f")
	wantScreen(t, m, "Find v1.md in /pub", "1 found in 3 folders", " docs/api/v1.md ")
	// The other pane gets a search of its own; the first one is closed.
	m = press(t, m, "q", "tab", "f")
	wantScreen(t, m, "In folder", "/home/ann", "on local")
}

func TestFindCopiesMarkedResults(t *testing.T) {
	local, remote := sampleLocal(), findRemote()
	m := newTest(t, local, remote, 100, 30)
	m = searchFor(t, m, "*.md")
	// README.md, docs/NOTES.MD, docs/guide.md, docs/api/old.md, docs/api/v1.md
	m = press(t, m, "space", "down", "down", "space")
	wantScreen(t, m, "2 marked, 29 B")
	m = press(t, m, "f5")
	wantScreen(t, m, "Copy", "2 results (29 B) from ann@ftp.example.org:21", "To folder", "/home/ann",
		"‹ keep folders ›", "‹ skip ›")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if got := local.Content("/home/ann/README.md"); got != "hello from the server\n" {
		t.Errorf("README.md = %q", got)
	}
	if got := local.Content("/home/ann/docs/api/old.md"); got != "old one" {
		t.Errorf("docs/api/old.md = %q\n%s", got, screen(m))
	}
	// Flat: the file lands in the folder itself.
	m = press(t, m, "end", "c", "tab", "space", "enter")
	m = settle(t, m, func(m Model) bool { return local.Content("/home/ann/v1.md") == "# v1\n" })
	if local.Exists("/home/ann/docs/api/v1.md") {
		t.Error("a flat copy made the folders")
	}
}

func TestFindFlatCopyRefusesTwoOfOneName(t *testing.T) {
	remote := findRemote()
	remote.File("/pub/docs/README.md", "another\n")
	m := newTest(t, sampleLocal(), remote, 100, 30)
	m = searchFor(t, m, "README.md")
	m = press(t, m, "ctrl+a", "f5", "tab", "space", "enter")
	wantScreen(t, m, "two results are named README.md: copy them with their folders")
}

// TestFindStopsAndCloses stops a walk held in a listing: the screen says
// so, and a walk that starts after its search was closed is cancelled.
func TestFindStopsAndCloses(t *testing.T) {
	remote := findRemote()
	release := remote.Gate("/pub/docs")
	defer release()
	m := newTest(t, sampleLocal(), remote, 100, 30)
	m = press(t, m, "f")
	mm, start := m.Update(keyMsg("enter"))
	m = mm.(Model)
	started := start()
	mm, next := m.Update(started)
	m = mm.(Model)
	for !strings.Contains(screen(m), "searching /pub/docs… ") { // /pub/docs waits at the gate
		mm, next = m.Update(next())
		m = mm.(Model)
	}
	m = press(t, m, "esc")
	wantScreen(t, m, "stopped: 6 found in 1 folder")
	m = press(t, m, "esc")
	if m.search != nil {
		t.Fatal("a second esc should close the search")
	}
	// A walk whose search is gone is cancelled when it arrives.
	m = press(t, m, "f")
	mm, start = m.Update(keyMsg("enter"))
	m = press(t, mm.(Model), "q")
	if m.search != nil {
		t.Fatal("q should close the search")
	}
	mm, _ = m.Update(start())
	if mm.(Model).search != nil {
		t.Fatal("a stale walk opened a search")
	}
}

func TestFindGolden(t *testing.T) {
	m := newTest(t, sampleLocal(), goldenRemote(), 80, 24)
	m = searchFor(t, m, "*.md")
	m = press(t, m, "down", "space", "down")
	golden(t, "find-80x24", screen(m))
}

// TestFindFitsAnySize renders the results, with a dialog over them and
// without, at every size of the sweep: no panic, nothing past the edge.
func TestFindFitsAnySize(t *testing.T) {
	m := newTest(t, sampleLocal(), findRemote(), 80, 24)
	m = searchFor(t, m, "*")
	m = press(t, m, "down", "space")
	states := []Model{m, press(t, m, "f5"), press(t, m, "f")}
	for i, sz := range sizes() {
		s := states[i%len(states)]
		checkFits(t, "find", renderAt(t, s, sz[0], sz[1], "find"), sz)
	}
}
