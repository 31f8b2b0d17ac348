package pane

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
	"github.com/ftpane/ftpane/ui/styles"
)

// tree is /home/ann with three folders, two files and a nested folder.
func tree() *fakefs.FS {
	f := fakefs.New("ann@ftp.example.org:21", "/home/ann")
	for _, d := range []string{"a", "b", "c/deep/er"} {
		f.MkdirAll("/home/ann/" + d)
	}
	f.File("/home/ann/c/x.txt", "x")
	f.File("/home/ann/f.txt", "f")
	f.File("/home/ann/g.txt", "g")
	return f
}

// drive runs a pane's command and feeds its listings back, as the root
// does; it returns the pane and the files it asked to open.
func drive(t *testing.T, m Model, cmd tea.Cmd) (Model, []OpenFileMsg) {
	t.Helper()
	var opened []OpenFileMsg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100 {
			t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case OpenFileMsg:
			opened = append(opened, msg)
		case ListedMsg:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m, opened
}

func keys(t *testing.T, m Model, ks ...tea.KeyPressMsg) Model {
	t.Helper()
	for _, k := range ks {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m, _ = drive(t, m, cmd)
	}
	return m
}

var (
	kDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	kEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	kBack  = tea.KeyPressMsg{Code: tea.KeyBackspace}
	kSpace = tea.KeyPressMsg{Code: tea.KeySpace}
	kRight = tea.KeyPressMsg{Code: tea.KeyRight}
)

func treePane(t *testing.T, w, h int) (Model, *fakefs.FS) {
	t.Helper()
	f := tree()
	m := New(Right, f, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetStill(true)
	m.SetSize(w, h)
	m.SetActive(true)
	m, _ = drive(t, m, m.LoadHome())
	return m, f
}

// lines is the pane as the user reads it, title first.
func lines(m Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }

func cur(m Model) string {
	if m.AtParent() {
		return ".."
	}
	e, _ := m.Current()
	return e.Name
}

// TestParentRow: every folder but the top starts with "..", which the
// cursor starts on, which is no entry, and which Enter takes up.
func TestParentRow(t *testing.T) {
	m, _ := treePane(t, 50, 12)
	l := lines(m)
	if !strings.HasPrefix(l[1], " ..") || !strings.Contains(l[1], "UP--DIR") || !strings.HasPrefix(l[2], " a/") {
		t.Fatalf("first rows:\n%s", strings.Join(l, "\n"))
	}
	if !m.AtParent() || m.Len() != 5 {
		t.Fatalf("cursor on %q, %d entries counted", cur(m), m.Len())
	}
	if e, ok := m.Current(); ok || m.Selection() != nil {
		t.Fatalf("\"..\" is an entry to act on: %+v %v", e, m.Selection())
	}
	m = keys(t, m, kEnter)
	if m.Dir() != "/home" || cur(m) != "ann" {
		t.Fatalf("enter on ..: in %q on %q, want /home on ann", m.Dir(), cur(m))
	}
	m = keys(t, m, kBack, kBack)
	if m.Dir() != "/" || cur(m) != "home" {
		t.Fatalf("up twice: in %q on %q", m.Dir(), cur(m))
	}
	if l := lines(m); strings.Contains(l[1], "..") || m.hasUp() {
		t.Fatalf("a \"..\" row at the top:\n%s", strings.Join(l, "\n"))
	}
	if m = keys(t, m, kBack); m.Dir() != "/" {
		t.Fatalf("up from /: %q", m.Dir())
	}
}

// TestCursorRules: as in mc, a folder entered shows its first row (not
// the row the cursor had above), and going up, by "..", the parent key
// or a cd to an ancestor, lands on the folder left.
func TestCursorRules(t *testing.T) {
	m, _ := treePane(t, 50, 12)
	m = keys(t, m, kDown, kDown, kDown) // .., a, b, c
	if cur(m) != "c" {
		t.Fatalf("on %q", cur(m))
	}
	m = keys(t, m, kEnter)
	if m.Dir() != "/home/ann/c" || !m.AtParent() {
		t.Fatalf("entered %q on %q (row %d), want its first row", m.Dir(), cur(m), m.cursor)
	}
	m = keys(t, m, kDown, kRight) // deep, by the right arrow
	if m.Dir() != "/home/ann/c/deep" || !m.AtParent() {
		t.Fatalf("entered %q on %q", m.Dir(), cur(m))
	}
	m = keys(t, m, kEnter) // ".."
	if m.Dir() != "/home/ann/c" || cur(m) != "deep" {
		t.Fatalf(".. went to %q on %q, want c on deep", m.Dir(), cur(m))
	}
	m = keys(t, m, kBack)
	if m.Dir() != "/home/ann" || cur(m) != "c" {
		t.Fatalf("parent key went to %q on %q, want /home/ann on c", m.Dir(), cur(m))
	}
	m = keys(t, m, kEnter, kDown, kEnter, kDown, kEnter) // c/deep/er
	if m.Dir() != "/home/ann/c/deep/er" {
		t.Fatalf("in %q", m.Dir())
	}
	m, _ = drive(t, m, m.Load("/home/ann", "")) // cd ../.. at the : line
	if cur(m) != "c" {
		t.Fatalf("cd ../..: on %q, want c (the way down to where it was)", cur(m))
	}
	m, _ = drive(t, m, m.Load("/home/ann/b", "")) // cd elsewhere: first row
	if !m.AtParent() {
		t.Fatalf("cd b: on %q", cur(m))
	}
}

// TestParentRowIsNeverMarked: space skips it, mark all, invert and marking
// by pattern leave it out, and with marks the selection is the marks.
func TestParentRowIsNeverMarked(t *testing.T) {
	m, _ := treePane(t, 50, 12)
	m = keys(t, m, kSpace)
	if n, _ := m.Marked(); n != 0 || cur(m) != "a" {
		t.Fatalf("space on ..: %d marked, cursor on %q", n, cur(m))
	}
	m = keys(t, m, tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl})
	if n, _ := m.Marked(); n != 5 {
		t.Fatalf("mark all: %d marked, want the 5 entries", n)
	}
	m = keys(t, m, tea.KeyPressMsg{Code: '*', Text: "*"})
	if n, _ := m.Marked(); n != 0 {
		t.Fatalf("invert after mark all: %d marked", n)
	}
	for _, p := range []string{"*", ".*", ".."} {
		m.MarkGlob("*", false)
		n, err := m.MarkGlob(p, true)
		if want := map[string]int{"*": 5, ".*": 0, "..": 0}[p]; n != want || err != nil || m.IsMarked("..") {
			t.Fatalf("mark %q: %d marked (%v), want %d", p, n, err, want)
		}
	}
	m.MarkGlob("*", true)
	m.MoveCursor(-10)
	sel := m.Selection()
	if !m.AtParent() || len(sel) != 5 {
		t.Fatalf("on %q: selection of %d", cur(m), len(sel))
	}
	for _, e := range sel {
		if e.Name == ".." || e.Name == "" {
			t.Fatalf("selection holds %q", e.Name)
		}
	}
	if s := lines(m)[1]; strings.HasPrefix(s, "*") {
		t.Fatalf("\"..\" drawn marked: %q", s)
	}
}

// TestFilterHidesParentRow: a filter shows matches only, best first, so
// Enter takes the best match; without it ".." is back.
func TestFilterHidesParentRow(t *testing.T) {
	m, _ := treePane(t, 50, 12)
	m.SetFilter("g.t", false)
	if m.hasUp() || cur(m) != "g.txt" || m.Len() != 1 {
		t.Fatalf("filtered: on %q, %d shown, .. %v", cur(m), m.Len(), m.hasUp())
	}
	m = keys(t, m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if !m.hasUp() || cur(m) != "g.txt" || m.Len() != 5 {
		t.Fatalf("filter cleared: on %q, %d shown", cur(m), m.Len())
	}
}

// TestEmptyFolderUnderParentRow: an empty folder still says so, under "..".
func TestEmptyFolderUnderParentRow(t *testing.T) {
	m, _ := treePane(t, 50, 8)
	m = keys(t, m, kDown, kEnter) // a: empty
	if l := lines(m); !strings.HasPrefix(l[1], " ..") || !strings.Contains(l[2], "empty folder") {
		t.Fatalf("empty folder:\n%s", strings.Join(l, "\n"))
	}
}

// TestDoubleClickOpens: two clicks on one row within DoubleClick open
// it (a folder is entered, ".." goes up, a file is shown); slower
// clicks, or clicks on two rows, only move the cursor.
func TestDoubleClickOpens(t *testing.T) {
	m, _ := treePane(t, 50, 12)
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	m.SetClock(func() time.Time { return now })
	click := func(y int, after time.Duration) []OpenFileMsg {
		now = now.Add(after)
		var opened []OpenFileMsg
		m, opened = drive(t, m, m.Click(y))
		return opened
	}
	// y 0 is the title, then .., a, b, c, f.txt, g.txt
	click(3, 0)             // b
	click(3, DoubleClick+1) // too slow
	if m.Dir() != "/home/ann" || cur(m) != "b" {
		t.Fatalf("slow clicks: in %q on %q", m.Dir(), cur(m))
	}
	click(2, 100*time.Millisecond) // another row: a
	if m.Dir() != "/home/ann" || cur(m) != "a" {
		t.Fatalf("clicks on two rows: in %q on %q", m.Dir(), cur(m))
	}
	click(3, time.Second)
	click(3, 300*time.Millisecond)
	if m.Dir() != "/home/ann/b" || !m.AtParent() {
		t.Fatalf("double click on b: in %q on %q", m.Dir(), cur(m))
	}
	click(1, time.Second) // ".."
	click(1, 50*time.Millisecond)
	if m.Dir() != "/home/ann" || cur(m) != "b" {
		t.Fatalf("double click on ..: in %q on %q", m.Dir(), cur(m))
	}
	click(5, time.Second) // f.txt
	if opened := click(5, 50*time.Millisecond); len(opened) != 1 || opened[0].Path != "/home/ann/f.txt" {
		t.Fatalf("double click on f.txt opened %+v", opened)
	}
	if opened := click(5, 50*time.Millisecond); len(opened) != 0 {
		t.Fatal("a third click opened again")
	}
	click(40, time.Second) // below the rows: nothing
	if cur(m) != "f.txt" {
		t.Fatalf("click below the rows moved the cursor to %q", cur(m))
	}
}
