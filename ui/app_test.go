package ui

import (
	"strings"
	"testing"

	"github.com/ftpane/ftpane/ui/pane"
)

func TestStartShowsBothPanes(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	wantScreen(t, m, "/home/ann", "/pub", "notes.txt", "photos/", "README.md", "ann@ftp.example.org:21",
		"binary · passive", "connected to ann@ftp.example.org:21", "? help")
	if m.focus != FocusRight {
		t.Errorf("focus = %v, want right after connecting", m.focus)
	}
}

func TestTabSwitchesFocus(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "tab")
	if m.focus != FocusLeft || !m.panes[0].AtParent() {
		t.Fatalf("focus %v on %q, want the left pane on ..", m.focus, cursorName(m))
	}
	m = press(t, m, "down")
	if cursorName(m) != "photos" || m.panes[1].Dir() != "/pub" {
		t.Fatalf("keys went to the wrong pane: left on %q", cursorName(m))
	}
	m = press(t, m, "tab")
	if m.focus != FocusRight {
		t.Fatal("tab back")
	}
}

// TestIntoFolderAndBackLandsOnIt: as in mc, a folder entered shows its
// first row (the "..", whatever row the cursor had above), and going up
// lands on the folder left.
func TestIntoFolderAndBackLandsOnIt(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "down", "enter") // docs
	if m.panes[1].Dir() != "/pub/docs" || !m.panes[1].AtParent() {
		t.Fatalf("in %q on %q, want /pub/docs on ..", m.panes[1].Dir(), cursorName(m))
	}
	m = press(t, m, "j", "j", "backspace")
	if m.panes[1].Dir() != "/pub" || cursorName(m) != "docs" {
		t.Fatalf("back in %q on %q, want /pub on docs", m.panes[1].Dir(), cursorName(m))
	}
	m = press(t, m, "l")
	if !m.panes[1].AtParent() {
		t.Fatalf("into docs again: on %q, want ..", cursorName(m))
	}
	m = press(t, m, "enter") // the ".." row goes up too
	if m.panes[1].Dir() != "/pub" || cursorName(m) != "docs" {
		t.Fatalf(".. went to %q on %q, want /pub on docs", m.panes[1].Dir(), cursorName(m))
	}
	m = press(t, m, "h", "h", "h")
	if m.panes[1].Dir() != "/" {
		t.Fatalf("h at the top: %q", m.panes[1].Dir())
	}
	m = press(t, m, "~")
	if m.panes[1].Dir() != "/pub" {
		t.Fatalf("~ went to %q", m.panes[1].Dir())
	}
}

func TestNavigationKeys(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	steps := []struct{ key, want string }{
		{"down", "docs"}, {"down", "data.csv"}, {"j", "evil\x1b[31mred.txt"}, {"k", "data.csv"},
		{"G", "文档说明.txt"}, {"g", ""}, {"end", "文档说明.txt"}, {"home", ""}, {"pgdown", "文档说明.txt"},
		{"pgup", ""}, {"up", ""}, // "": the ".." row
	}
	for _, s := range steps {
		m = press(t, m, s.key)
		if got := cursorName(m); got != s.want {
			t.Fatalf("after %s on %q, want %q", s.key, got, s.want)
		}
	}
}

func TestFollowLinkToFolder(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "G", "up", "up") // latest -> /pub/docs
	if cursorName(m) != "latest" {
		t.Fatalf("on %q", cursorName(m))
	}
	m = press(t, m, "enter")
	wantScreen(t, m, "/pub/latest", "guide.md")
}

func TestLinkToFileOpensViewer(t *testing.T) {
	r := sampleRemote()
	r.Add("/pub/zz-link", sessionLink("/pub/README.md"), nil)
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "zz-l")
	m = press(t, m, "enter", "enter")
	wantScreen(t, m, "hello from the server")
}

func TestLateListingIsDropped(t *testing.T) {
	m := press(t, newTest(t, sampleLocal(), sampleRemote(), 100, 24), "down")
	mm, slow := m.Update(keyMsg("enter")) // into docs: its listing is held back
	m = mm.(Model)
	if !m.panes[1].Loading() {
		t.Fatal("no loading state")
	}
	m = press(t, m, "~") // the user goes elsewhere meanwhile
	m = run(t, m, slow)  // docs arrives late
	if m.panes[1].Dir() != "/pub" {
		t.Fatalf("late listing applied: in %q", m.panes[1].Dir())
	}
}

func TestSpinnerWhileListing(t *testing.T) {
	m := press(t, newTest(t, sampleLocal(), sampleRemote(), 100, 24), "down")
	mm, cmd := m.Update(keyMsg("enter"))
	m = mm.(Model)
	wantScreen(t, m, "| name")
	m = run(t, m, cmd)
	dontWantScreen(t, m, "| name")
}

func TestListErrorShowsServerWords(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	r.RemoveAll(nil, "/pub/docs")
	m = press(t, m, "down", "enter")
	wantScreen(t, m, "550 No such file or directory")
	if m.panes[1].Dir() != "/pub" {
		t.Fatalf("moved to %q", m.panes[1].Dir())
	}
}

func TestMarking(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "down", "down", "space", "insert") // data.csv, evil
	n, size := m.panes[1].Marked()
	if n != 2 || size != 20001 || cursorName(m) != "latest" {
		t.Fatalf("marked %d (%d bytes), cursor %q", n, size, cursorName(m))
	}
	wantScreen(t, m, "2 marked, 20 kB", "*data.csv")
	m = press(t, m, "*")
	if n, _ := m.panes[1].Marked(); n != 4 || m.panes[1].IsMarked("data.csv") {
		t.Fatalf("invert: %d marked", n)
	}
	m = press(t, m, "ctrl+a")
	if n, _ := m.panes[1].Marked(); n != 6 {
		t.Fatalf("mark all: %d", n)
	}
	m = press(t, m, "-")
	wantScreen(t, m, "Unmark", "Pattern")
	m = press(t, m, "backspace")
	m = typeText(t, m, "*.md")
	m = press(t, m, "enter")
	if n, _ := m.panes[1].Marked(); n != 5 || m.panes[1].IsMarked("README.md") {
		t.Fatalf("unmark *.md: %d", n)
	}
	wantScreen(t, m, "1 entry matched *.md")
	m = press(t, m, "*", "+", "backspace")
	m = typeText(t, m, "d*")
	m = press(t, m, "enter")
	if !m.panes[1].IsMarked("docs") || !m.panes[1].IsMarked("data.csv") {
		t.Fatal("+ d* did not mark docs and data.csv")
	}
}

func TestSortAndFoldersFirst(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	order := func() string {
		var names []string
		for i := 0; i < m.panes[1].Len(); i++ {
			names = append(names, rowName(m, i))
		}
		return strings.Join(names, ",")
	}
	m = press(t, m, "s") // size
	if got := order(); got != "docs,latest,evil\x1b[31mred.txt,文档说明.txt,README.md,data.csv" {
		t.Fatalf("by size: %s", got)
	}
	wantScreen(t, m, "size")
	m = press(t, m, "S")
	if got := order(); !strings.HasPrefix(got, "docs,data.csv,README.md") {
		t.Fatalf("by size reversed: %s", got)
	}
	m = press(t, m, "s", "s") // time, then name
	if got := order(); !strings.HasPrefix(got, "docs,文档说明.txt") {
		t.Fatalf("by name reversed: %s", got)
	}
}

func rowName(m Model, i int) string {
	p := m.panes[1]
	p.MoveCursor(-p.Len() - 1)
	if p.AtParent() {
		p.MoveCursor(1)
	}
	p.MoveCursor(i)
	e, _ := p.Current()
	return e.Name
}

func TestHiddenToggle(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "tab")
	dontWantScreen(t, m, ".profile")
	m = press(t, m, ".")
	wantScreen(t, m, ".profile", ".*")
	m = press(t, m, "r")
	wantScreen(t, m, ".profile")
}

func TestReloadShowsNewFilesAndKeepsMarks(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "down", "down", "space")
	r.File("/pub/new.txt", "n")
	m = press(t, m, "r")
	wantScreen(t, m, "new.txt")
	if !m.panes[1].IsMarked("data.csv") || cursorName(m) != "evil\x1b[31mred.txt" {
		t.Fatal("reload lost marks or cursor")
	}
}

func TestFilter(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "doc")
	if m.panes[1].Len() != 1 || cursorName(m) != "docs" {
		t.Fatalf("filter doc: %d shown, on %q", m.panes[1].Len(), cursorName(m))
	}
	wantScreen(t, m, "/doc", "type to filter")
	m = press(t, m, "backspace", "backspace")
	if m.panes[1].Len() < 2 {
		t.Fatalf("backspace did not widen: %d", m.panes[1].Len())
	}
	m = typeText(t, m, "oc")
	m = press(t, m, "enter")
	if text, typing := m.panes[1].Filter(); text != "doc" || typing {
		t.Fatalf("enter: filter %q typing %v", text, typing)
	}
	if cursorName(m) != "docs" {
		t.Fatalf("best match: %q", cursorName(m))
	}
	m = press(t, m, "enter") // opens it, and the filter goes
	if m.panes[1].Dir() != "/pub/docs" {
		t.Fatalf("in %q", m.panes[1].Dir())
	}
	if text, _ := m.panes[1].Filter(); text != "" {
		t.Fatalf("filter kept after changing folder: %q", text)
	}
	m = press(t, m, "/")
	m = typeText(t, m, "zzz")
	wantScreen(t, m, "no match")
	m = press(t, m, "esc")
	if m.panes[1].Len() != 2 {
		t.Fatalf("esc did not clear: %d", m.panes[1].Len())
	}
}

func TestFilterHighlightsMatches(t *testing.T) {
	o := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	o.styles.NoColor = false
	m := o
	m.opts.NoColor = false
	m = send(t, m, bgDark())
	m = press(t, m, "/")
	m = typeText(t, m, "e")
	out := m.Render()
	if m.panes[1].Len() != 3 || !strings.Contains(out, "\x1b[") {
		t.Fatalf("filter e: %d shown; styled: %q", m.panes[1].Len(), out)
	}
	plain := 0
	for _, n := range []string{"README.md", "latest", "evil"} {
		if strings.Contains(out, n) {
			plain++ // only the cursor row shows its name in one piece
		}
	}
	if plain > 1 {
		t.Fatal("matched letters are not set apart from the rest of the name")
	}
}

func TestEscapedNames(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	wantScreen(t, m, `evil\x1b[31mred`)
	if strings.Contains(m.Render(), "\x1b[31mred") {
		t.Fatal("raw escape sequence from a file name reached the terminal")
	}
	if got := pane.Escape("a\tb\x00c\u009bd"); got != `a\x09b\x00c\u009bd` {
		t.Fatalf("Escape = %q", got)
	}
}
