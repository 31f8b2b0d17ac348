package pane

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/session"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestLimitCutsTheListingAndSaysSo: a folder longer than the limit shows
// its first entries and, on the pane's last line, how many.
func TestLimitCutsTheListingAndSaysSo(t *testing.T) {
	m := newPane(48, 8)
	m.SetMaxEntries(5)
	m = listed(m, "/many", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8")
	if m.Total() != 5 || !m.Cut() {
		t.Fatalf("%d entries, cut %v", m.Total(), m.Cut())
	}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if len(lines) != 8 || !strings.Contains(lines[7], "first 5 entries shown (browse.max_entries)") {
		t.Fatalf("view:\n%s", strings.Join(lines, "\n"))
	}
	m.MoveCursor(10) // the cut line never takes the cursor's row
	if e, _ := m.Current(); e.Name != "a5" || !strings.Contains(ansi.Strip(m.View()), "a5") {
		t.Fatalf("cursor on %q", e.Name)
	}
	m = listed(m, "/few", "b1", "b2", "b3", "b4", "b5")
	if m.Cut() || strings.Contains(ansi.Strip(m.View()), "entries shown") {
		t.Fatal("a listing of exactly the limit is not cut")
	}
}

// TestLimitStopsALocalListing: from the disk, the listing stops at the
// limit (streamed, never read whole), and the pane says so.
func TestLimitStopsALocalListing(t *testing.T) {
	dir := t.TempDir()
	for i := range 30 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := newPane(60, 20)
	m.SetMaxEntries(12)
	m = loadFrom(m, session.Local{}, dir)
	if m.Total() != 12 || !m.Cut() || !strings.Contains(ansi.Strip(m.View()), "first 12 entries shown") {
		t.Fatalf("%d entries, cut %v:\n%s", m.Total(), m.Cut(), ansi.Strip(m.View()))
	}
	m.SetMaxEntries(30)
	m = loadFrom(m, session.Local{}, dir)
	if m.Total() != 30 || m.Cut() {
		t.Fatalf("limit 30: %d entries, cut %v", m.Total(), m.Cut())
	}
}

func TestLimitGolden(t *testing.T) {
	m := newPane(48, 8)
	m.SetMaxEntries(4)
	m = listed(m, "/pub", "docs/", "alpha.txt", "beta.txt", "gamma.txt", "delta.txt")
	paneGolden(t, "cut-48x8", ansi.Strip(m.View()))
}

func paneGolden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (go test ./ui/pane -run Golden -update)", err)
	}
	if got != string(want) {
		t.Fatalf("%s differs:\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

// TestTableGivesEntriesBack: what the rest of the UI gets from the pane
// (the cursor's entry, the selection) is the listed entry, every field
// but the listing line.
func TestTableGivesEntriesBack(t *testing.T) {
	es := sampleEntries()
	tab := tableOf(es, 0)
	for i, want := range es {
		got := tab.entry(i)
		wantRaw := ""
		if want.Kind == session.KindUnknown {
			wantRaw = want.Name
		}
		if got.Raw != wantRaw {
			t.Errorf("%s: Raw %q", want.Name, got.Raw)
		}
		got.Raw, want.Raw = "", ""
		if !got.ModTime.Equal(want.ModTime) || got.ModTime.Location().String() != want.ModTime.Location().String() {
			t.Errorf("%s: time %v, want %v", want.Name, got.ModTime, want.ModTime)
		}
		got.ModTime = want.ModTime
		if got != want {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// TestReloadKeepsMarksByName: a reload keeps the marks of the names still
// there, wherever they moved in the listing, and the marked size follows.
func TestReloadKeepsMarksByName(t *testing.T) {
	m := listed(newPane(40, 10), "/a", "a", "bb", "ccc", "dddd")
	m.MoveCursor(1)
	m.toggleMark() // bb
	m.toggleMark() // ccc
	m.seq++
	es := []session.Entry{{Name: "new"}, {Name: "ccc", Size: 30}, {Name: "a"}}
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Listing: session.Listing{Dir: "/a", Entries: es}, Reload: true})
	if n, size := m.Marked(); n != 1 || size != 30 || !m.IsMarked("ccc") || m.IsMarked("bb") {
		t.Fatalf("%d marked, %d bytes", n, size)
	}
	if sel := m.Selection(); len(sel) != 1 || sel[0].Name != "ccc" {
		t.Fatalf("selection %v", sel)
	}
}
