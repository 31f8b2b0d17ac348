package pane

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	dircmp "github.com/ftpane/ftpane/ui/compare"
	"github.com/ftpane/ftpane/ui/styles"
)

// TestCompareSignsWithoutColour: with NO_COLOR each compared row carries
// its result's sign after the mark gutter, and the rows keep their width.
func TestCompareSignsWithoutColour(t *testing.T) {
	m := listed(newPane(40, 8), "/d", "docs/", "new.txt", "old.txt", "mine.txt", "odd.txt", "same.txt")
	m.SetCompare(map[string]dircmp.Result{"docs": dircmp.Same, "new.txt": dircmp.Newer, "old.txt": dircmp.Older,
		"mine.txt": dircmp.OnlyHere, "odd.txt": dircmp.Differs, "same.txt": dircmp.Same})
	m.MarkNames(map[string]bool{"new.txt": true, "mine.txt": true})
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for name, want := range map[string]string{"docs/": " =docs/", "new.txt": "*>new.txt", "old.txt": " <old.txt",
		"mine.txt": "*+mine.txt", "odd.txt": " !odd.txt", "same.txt": " =same.txt"} {
		found := false
		for _, l := range lines {
			if strings.Contains(l, name) {
				found = true
				if !strings.HasPrefix(l, want) {
					t.Errorf("row %q, want it to start %q", l, want)
				}
				if ansi.StringWidth(l) != 40 {
					t.Errorf("row %q is %d cells", l, ansi.StringWidth(l))
				}
			}
		}
		if !found {
			t.Errorf("no row for %s:\n%s", name, strings.Join(lines, "\n"))
		}
	}
	m.SetCompare(nil)
	if v := ansi.Strip(m.View()); strings.Contains(v, ">new.txt") || !strings.Contains(v, "*new.txt") {
		t.Errorf("signs left after the comparison ended:\n%s", v)
	}
}

// TestCompareColours: with colours, results colour the names and no sign
// column is added.
func TestCompareColours(t *testing.T) {
	m := New(Left, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, false))
	m.SetSize(40, 5)
	m = listed(m, "/d", "new.txt", "same.txt")
	m.MoveCursor(1) // the cursor row is drawn in the cursor's colours
	m.SetCompare(map[string]dircmp.Result{"new.txt": dircmp.Newer, "same.txt": dircmp.Same})
	v := m.View()
	x := m.styles.Compare.Newer.Render("X")
	want := x[:strings.Index(x, "X")] + "new.txt"
	if !strings.Contains(v, want) {
		t.Errorf("new.txt is not drawn in the newer colour:\n%q\nwant %q", v, want)
	}
	if strings.Contains(ansi.Strip(v), ">new.txt") {
		t.Error("a sign column with colours on")
	}
}

// TestCompareFilesKeepPrecision: the pane remembers, per entry, what its
// listing line knew of the time, though it does not keep the line.
func TestCompareFilesKeepPrecision(t *testing.T) {
	m := newPane(40, 8)
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	es := []session.Entry{
		{Name: "mlsd.txt", Kind: session.KindFile, Size: 1, ModTime: when, Raw: "type=file;size=1;modify=20240501120000; mlsd.txt"},
		{Name: "list.txt", Kind: session.KindFile, Size: 2, ModTime: when, Raw: "-rw-r--r-- 1 a b 2 May  1 12:00 list.txt"},
		{Name: "old.txt", Kind: session.KindFile, Size: 3, ModTime: when, Raw: "-rw-r--r-- 1 a b 3 May  1  2024 old.txt"},
		{Name: ".hidden", Kind: session.KindFile, Size: 4, ModTime: when},
	}
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Listing: session.Listing{Dir: "/d", Entries: es}})
	got := map[string]dircmp.File{}
	for _, f := range m.CompareFiles() {
		got[f.Name] = f
	}
	want := map[string]dircmp.Precision{"mlsd.txt": dircmp.Seconds, "list.txt": dircmp.Minutes, "old.txt": dircmp.Days}
	if len(got) != len(want) {
		t.Errorf("compared %v, want the three shown files", got)
	}
	for n, p := range want {
		if f := got[n]; f.Prec != p || !f.Time.Equal(when) || f.Kind != session.KindFile {
			t.Errorf("%s: %+v, want precision %v", n, f, p)
		}
	}
}
