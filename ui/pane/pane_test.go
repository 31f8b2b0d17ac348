package pane

import (
	"github.com/ftpane/ftpane/ui/cells"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

func listed(m Model, dir string, names ...string) Model {
	es := make([]session.Entry, len(names))
	for i, n := range names {
		k := session.KindFile
		if strings.HasSuffix(n, "/") {
			k, n = session.KindDir, strings.TrimSuffix(n, "/")
		}
		es[i] = session.Entry{Name: n, Kind: k, Size: int64(len(n)), ModTime: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)}
	}
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Listing: session.Listing{Dir: dir, Entries: es}})
	return m
}

func newPane(w, h int) Model {
	m := New(Left, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(w, h)
	m.SetActive(true)
	return m
}

func TestStaleAndForeignListingsAreDropped(t *testing.T) {
	m := listed(newPane(40, 10), "/a", "x")
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq - 1, Listing: session.Listing{Dir: "/old"}})
	m, _ = m.Update(ListedMsg{Pane: Right, Seq: m.seq, Listing: session.Listing{Dir: "/other"}})
	if m.Dir() != "/a" {
		t.Fatalf("dir %q", m.Dir())
	}
}

func TestOnlyVisibleRowsAreRendered(t *testing.T) {
	names := make([]string, 1000)
	for i := range names {
		names[i] = strings.Repeat("n", 3) + string(rune('a'+i%26)) + strings.Repeat("x", i%5)
	}
	m := listed(newPane(40, 11), "/big", names...)
	if got := strings.Count(m.View(), "\n") + 1; got != 11 {
		t.Fatalf("%d lines drawn", got)
	}
	m.MoveCursor(500)
	if m.offset != 491 {
		t.Fatalf("offset %d", m.offset)
	}
	m.Scroll(-1000)
	if m.offset != 0 || m.cursor != 9 {
		t.Fatalf("scroll up: offset %d cursor %d", m.offset, m.cursor)
	}
}

func TestCellWidths(t *testing.T) {
	m := listed(newPane(44, 8), "/w", "漢字漢字漢字漢字漢字漢字漢字.txt", "emoji 🎉🎉.md", "e\u0301cole.txt", "plain.txt")
	for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
		if w := ansi.StringWidth(l); w != 44 {
			t.Fatalf("line %q is %d cells", l, w)
		}
	}
}

func TestFitAndEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"abc", "abc  "}, {"abcdefgh", "abcd…"}, {"漢字漢字", "漢字…"}, {"", "     "},
	}
	for _, c := range cases {
		if got := cells.Fit(c.in, 5); got != c.want {
			t.Errorf("cells.Fit(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Escape("ok\x1b]0;title\x07\xff"); got != `ok\x1b]0;title\x07\xff` {
		t.Errorf("Escape = %q", got)
	}
	if got := Escape("日本 🎉"); got != "日本 🎉" {
		t.Errorf("Escape changed printable text: %q", got)
	}
}

func TestMarkGlob(t *testing.T) {
	m := listed(newPane(40, 10), "/a", "a.go", "b.go", "c.txt", "d/")
	if n, err := m.MarkGlob("*.go", true); n != 2 || err != nil {
		t.Fatalf("%d %v", n, err)
	}
	if n, size := m.Marked(); n != 2 || size != 8 {
		t.Fatalf("%d marked, %d bytes", n, size)
	}
	if _, err := m.MarkGlob("[", true); err == nil {
		t.Fatal("bad pattern accepted")
	}
	if sel := m.Selection(); len(sel) != 2 || sel[0].Name != "a.go" {
		t.Fatalf("selection %v", sel)
	}
}

func TestFilterEnterKeepsBestMatch(t *testing.T) {
	m := listed(newPane(40, 10), "/a", "alpha/", "beta.txt", "gamma.md", "alphabet.txt")
	for _, k := range []tea.KeyPressMsg{{Code: '/', Text: "/"}, {Code: 'g', Text: "g"}, {Code: 'm', Text: "m"}} {
		m, _ = m.Update(k)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if e, _ := m.Current(); e.Name != "gamma.md" || m.Len() != 1 {
		t.Fatalf("on %q, %d shown", e.Name, m.Len())
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.Len() != 4 {
		t.Fatalf("esc: %d shown", m.Len())
	}
	if e, _ := m.Current(); e.Name != "gamma.md" {
		t.Fatalf("esc moved the cursor to %q", e.Name)
	}
}

func TestByScoreIsStable(t *testing.T) {
	in := []hit{{0, 1}, {1, 5}, {2, 1}, {3, -3}, {4, 5}}
	var got []int
	for _, f := range byScore(in) {
		got = append(got, f.idx)
	}
	if want := []int{1, 4, 0, 2, 3}; !equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTypingNarrowsLikeTheWholeText(t *testing.T) {
	names := []string{"docs/", "dx-o-c.txt", "a-doc.md", "odc", "d.o.c", "cod", "README.md", "Dock.go"}
	typed := listed(newPane(40, 20), "/a", names...)
	typed.SetFilter("", true)
	for _, r := range "doc" {
		typed, _ = typed.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	whole := listed(newPane(40, 20), "/a", names...)
	whole.SetFilter("doc", true)
	if !equal(typed.view, whole.view) || len(typed.view) != 5 {
		t.Fatalf("typed %v, whole %v", typed.view, whole.view)
	}
	for range 3 {
		typed, _ = typed.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	if typed.Len() != len(names) {
		t.Fatalf("backspace: %d shown", typed.Len())
	}
}
