package ui

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/zonesrv"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

var (
	cmpOld = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	cmpNew = cmpOld.Add(24 * time.Hour)
)

func fileAt(f *fakefs.FS, p, content string, when time.Time) {
	f.Add(p, session.Entry{Kind: session.KindFile, Mode: 0o644, HasMode: true, ModTime: when}, []byte(content))
}

// comparePair is a local and a remote folder with one name of each kind:
// the same, newer on the left, newer on the right, another size (newer
// on the left), only on the left, only on the right, and a folder on both.
func comparePair() (*fakefs.FS, *fakefs.FS) {
	l := fakefs.New("local", "/home/ann")
	fileAt(l, "/home/ann/same.txt", "same", cmpOld)
	fileAt(l, "/home/ann/newer.txt", "NEW!", cmpNew)
	fileAt(l, "/home/ann/older.txt", "old.", cmpOld)
	fileAt(l, "/home/ann/grown.txt", "grown up", cmpNew)
	fileAt(l, "/home/ann/mine.txt", "mine", cmpOld)
	fileAt(l, "/home/ann/docs/a.md", "# a", cmpOld)
	fileAt(l, "/home/ann/new/x.txt", "x in new", cmpOld)
	r := fakefs.New("ann@ftp.example.org:21", "/pub")
	fileAt(r, "/pub/same.txt", "same", cmpOld)
	fileAt(r, "/pub/newer.txt", "old!", cmpOld)
	fileAt(r, "/pub/older.txt", "NEW.", cmpNew)
	fileAt(r, "/pub/grown.txt", "small", cmpOld)
	fileAt(r, "/pub/theirs.txt", "theirs", cmpOld)
	r.MkdirAll("/pub/docs")
	return l, r
}

// row is the screen line of a pane row holding name, cut to the pane.
func paneRow(t *testing.T, m Model, i int, name string) string {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n")[2:] {
		cells := []rune(l)
		w := m.leftWidth()
		half := string(cells[:min(w, len(cells))])
		if i == 1 {
			half = string(cells[min(w+1, len(cells)):])
		}
		if strings.Contains(half, name) {
			return half
		}
	}
	t.Fatalf("no row %q in pane %d:\n%s", name, i, screen(m))
	return ""
}

func wantRow(t *testing.T, m Model, i int, prefix string) {
	t.Helper()
	name := strings.TrimLeft(prefix[2:], " ")
	if r := paneRow(t, m, i, name); !strings.HasPrefix(r, prefix) {
		t.Errorf("pane %d row %q, want it to start %q", i, r, prefix)
	}
}

// TestCompareShowsResultsAndMarks: = compares the two folders, shows each
// result as a sign (no colour here), says the summary from the focused
// pane's side, and marks what is newer or only here on each side.
func TestCompareShowsResultsAndMarks(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30) // the remote pane has the focus
	m = press(t, m, "=")
	wantScreen(t, m, "compare: 1 newer, 1 older, 1 only here, 2 only there, 1 differs, 2 same")
	for _, row := range []string{"*>newer.txt", " <older.txt", "*!grown.txt", "*+mine.txt", " =same.txt", " =docs/",
		"*+new/"} {
		wantRow(t, m, 0, row)
	}
	for _, row := range []string{" <newer.txt", "*>older.txt", " !grown.txt", "*+theirs.txt", " =same.txt"} {
		wantRow(t, m, 1, row)
	}
	if n, _ := m.panes[0].Marked(); n != 4 {
		t.Errorf("%d marked on the left, want newer.txt, grown.txt, mine.txt and new", n)
	}
	if n, _ := m.panes[1].Marked(); n != 2 || !m.panes[1].IsMarked("older.txt") || !m.panes[1].IsMarked("theirs.txt") {
		t.Errorf("%d marked on the right, want older.txt and theirs.txt", n)
	}
}

// TestCompareMenuSelectsByResult: = on the same folders again opens the
// menu; a choice marks by that result in both panes; its last line ends
// the comparison (the marks stay).
func TestCompareMenuSelectsByResult(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "=", "=")
	wantScreen(t, m, "Compare: mark by result", "› newer and only here", "size differs", "end the comparison")
	m = press(t, m, "down", "down", "enter") // older
	wantScreen(t, m, "marked older: 2 here, 1 in the other pane")
	dontWantScreen(t, m, "Compare: mark by result")
	if !m.panes[1].IsMarked("newer.txt") || !m.panes[1].IsMarked("grown.txt") || !m.panes[0].IsMarked("older.txt") {
		t.Errorf("older marks: right newer.txt %v, grown.txt %v; left older.txt %v", m.panes[1].IsMarked("newer.txt"),
			m.panes[1].IsMarked("grown.txt"), m.panes[0].IsMarked("older.txt"))
	}
	if n, _ := m.panes[0].Marked(); n != 1 {
		t.Errorf("%d marked on the left, want only older.txt", n)
	}
	m = press(t, m, "=", "up", "enter") // the last line
	wantScreen(t, m, "comparison ended; the marks stay")
	dontWantScreen(t, m, "<newer.txt", "=same.txt")
	wantRow(t, m, 0, "*older.txt")
	m = press(t, m, "esc")
}

// TestCompareFollowsItsFolders: a reload of a compared folder compares
// anew (a new file shows as only here); entering another folder ends the
// comparison.
func TestCompareFollowsItsFolders(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "=")
	fileAt(r, "/pub/fresh.txt", "fresh", cmpOld)
	m = press(t, m, "r")
	wantRow(t, m, 1, " +fresh.txt")
	wantRow(t, m, 1, "*>older.txt")          // the marks were left as they were
	m = press(t, m, "home", "down", "enter") // into docs/, under ".."
	if m.panes[1].Dir() != "/pub/docs" || m.cmp.on {
		t.Fatalf("in %s, comparing %v", m.panes[1].Dir(), m.cmp.on)
	}
	dontWantScreen(t, m, ">newer.txt", "+mine.txt")
}

// TestSyncBrowsingToggle: B makes both panes move together from the two
// folders shown, says so in the header, and B again stops it.
func TestSyncBrowsingToggle(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "B")
	wantScreen(t, m, "[synchronized browsing]", "synchronized browsing on: /home/ann ⇄ /pub")
	m = press(t, m, "home", "down", "enter") // the remote pane into docs/, under ".."
	if m.panes[0].Dir() != "/home/ann/docs" {
		t.Fatalf("the local pane is in %s, want /home/ann/docs", m.panes[0].Dir())
	}
	m = press(t, m, "B")
	wantScreen(t, m, "synchronized browsing off")
	dontWantScreen(t, m, "[synchronized browsing]")
	m = press(t, m, "backspace")
	if m.panes[0].Dir() != "/home/ann/docs" || m.panes[1].Dir() != "/pub" {
		t.Fatalf("after B off: %s and %s", m.panes[0].Dir(), m.panes[1].Dir())
	}
}

// TestSyncPreviewUploads: Y from the local pane walks both trees and
// lists what makes the server like it; a line turned off is not copied;
// the dry run says the mirror command; Enter queues the rest as one
// batch, folders made first.
func TestSyncPreviewUploads(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 60)
	m = press(t, m, "tab", "Y")
	wantScreen(t, m, "Sync preview: left → right",
		"[x] → upload   docs/a.md", "[x] → upload   grown.txt  (8 B, size differs)", "[x] → mkdir    new/",
		"[x] → upload   new/x.txt", "[x] → upload   newer.txt  (4 B, newer)", "[x] → upload   mine.txt  (4 B, missing)",
		"6 of 6 selected · 5 → files (27 B) · 1 → folder", "deletions: off")
	dontWantScreen(t, m, "older.txt  (", "theirs.txt  (", "same.txt  (", "delete ")
	m = press(t, m, "space") // docs/a.md off
	wantScreen(t, m, "[ ] → upload   docs/a.md", "5 of 6 selected")
	m = press(t, m, "x")
	wantScreen(t, m, "[x] → delete   theirs.txt", "deletions: on")
	m = press(t, m, "x", "d")
	wantScreen(t, m, "mirror -R --dry-run /home/ann /pub")
	m = press(t, m, "enter")
	wantScreen(t, m, "sync: queued 4 uploads; 1 folder made")
	if n := len(m.q.Snapshot()); n != 4 {
		t.Errorf("%d jobs queued, want 4", n)
	}
	m = settle(t, m, allFinished)
	for p, want := range map[string]string{"/pub/newer.txt": "NEW!", "/pub/grown.txt": "grown up", "/pub/mine.txt": "mine",
		"/pub/new/x.txt": "x in new", "/pub/older.txt": "NEW.", "/pub/theirs.txt": "theirs"} {
		if got := r.Content(p); got != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	if r.Exists("/pub/docs/a.md") {
		t.Error("docs/a.md was uploaded although its line was off")
	}
	m = press(t, m, "L")
	wantScreen(t, m, "sync preview, dry run: 5 actions", "  → upload   mine.txt  (4 B, missing)", "ftp> mirror -R --dry-run /home/ann /pub",
		"ftp> mkdir /pub/new", "ftp> put /home/ann/new/x.txt /pub/new/x.txt", "ftp> put /home/ann/mine.txt /pub/mine.txt")
}

// TestSyncPreviewDirectionsAndDeletions: r turns the direction (the other
// way, then both ways); one way with deletions on deletes what the source
// lacks, after queuing the copies.
func TestSyncPreviewDirectionsAndDeletions(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "tab", "Y", "r")
	wantScreen(t, m, "Sync preview: left ← right", "[x] ← download grown.txt  (5 B, size differs)",
		"[x] ← download older.txt  (4 B, newer)", "[x] ← download theirs.txt  (6 B, missing)")
	m = press(t, m, "r")
	wantScreen(t, m, "Sync preview: both ways, the newer file wins", "[x] ← download older.txt",
		"[x] → upload   newer.txt", "[x] → upload   grown.txt  (8 B, newer)", "[x] ← download theirs.txt")
	m = press(t, m, "x")
	wantScreen(t, m, "both ways deletes nothing")
	m = press(t, m, "d")
	wantScreen(t, m, "mirror --only-newer --dry-run /pub /home/ann ; mirror -R --only-newer --dry-run /home/ann /pub")
	m = press(t, m, "r", "x", "a") // one way again, deletions on, then all off
	wantScreen(t, m, "0 of 7 selected")
	m = press(t, m, "end", "space") // only the deletion of theirs.txt
	wantScreen(t, m, "[x] → delete   theirs.txt", "1 of 7 selected · 1 → deletion")
	m = press(t, m, "enter")
	wantScreen(t, m, "sync: queued nothing to copy; 1 deleted")
	if r.Exists("/pub/theirs.txt") {
		t.Error("theirs.txt was not deleted")
	}
	if !r.Exists("/pub/older.txt") || r.Content("/pub/newer.txt") != "old!" {
		t.Error("something besides the deletion was done")
	}
}

// TestSyncPreviewProgressAndCancel: while the trees are read the preview
// says how far it got; Esc cancels, and the walk's late answer is dropped.
func TestSyncPreviewProgressAndCancel(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	release := r.Gate("/pub")
	mm, walk := m.Update(keyMsg("Y"))
	m = mm.(Model)
	wantScreen(t, m, "Sync preview: reading both folders…", "left: 0 folders read · right: 0 folders read", "esc: cancel")
	m = press(t, m, "esc")
	wantScreen(t, m, "sync preview cancelled")
	release()
	late := run(t, m, walk)
	dontWantScreen(t, late, "Sync preview", "[x]")
	if late.cmp.sync != nil {
		t.Error("the cancelled walk reopened the preview")
	}
}

// TestSyncPreviewRefusesNothingSelected: Enter with every line off says
// so and keeps the preview open.
func TestSyncPreviewRefusesNothingSelected(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "tab", "Y", "a", "enter")
	wantScreen(t, m, "nothing selected (space marks a line, a all of them)", "Sync preview")
	if n := len(m.q.Snapshot()); n != 0 {
		t.Errorf("%d jobs queued", n)
	}
}

// TestCompareAcrossServerZone: a server whose LIST shows its own zone's
// times (UTC+05:30, found by MDTM) compares equal to local files of the
// same true times: times of day moved by the zone and compared to the
// minute, an old file's date alone placed in the server's zone.
func TestCompareAcrossServerZone(t *testing.T) {
	dir := t.TempDir()
	recent := time.Now().Add(-48 * time.Hour).Truncate(time.Minute).UTC()
	old := time.Date(2022, 3, 10, 22, 0, 0, 0, time.UTC) // March 11th, 03:30 in UTC+05:30
	local := fakefs.New("local", "/home/ann")
	for _, f := range []struct {
		name        string
		remote, loc time.Time
	}{
		{"recent.txt", recent, recent.Add(30 * time.Second)}, // the same minute
		{"old.txt", old, old},
		{"changed.txt", recent, recent.Add(time.Minute)},
	} {
		p := filepath.Join(dir, f.name)
		os.WriteFile(p, []byte(f.name), 0o644)
		os.Chtimes(p, f.remote, f.remote)
		fileAt(local, "/home/ann/"+f.name, f.name, f.loc)
	}
	addr := zonesrv.Start(t, dir, time.FixedZone("IST", 5*3600+1800))
	host, port, _ := net.SplitHostPort(addr)
	pn, _ := strconv.Atoi(port)
	cfg := session.Config{Host: host, Port: pn, User: zonesrv.User, Password: zonesrv.Pass}
	m := New(Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	wantScreen(t, m, "server time zone: UTC+05:30")
	m = press(t, m, "=")
	wantScreen(t, m, "compare: 1 older, 2 same")
	wantRow(t, m, 0, "*>changed.txt")
	wantRow(t, m, 0, " =old.txt")
	wantRow(t, m, 0, " =recent.txt")
	wantRow(t, m, 1, " <changed.txt")
}

// TestCompareByMidnightCommandersKeys: ctrl+x then d compares; ctrl+x
// then another key is that key alone.
func TestCompareByMidnightCommandersKeys(t *testing.T) {
	l, r := comparePair()
	m := newTest(t, l, r, 120, 30)
	m = press(t, m, "ctrl+x", "down")
	if m.cmp.on || cursorName(m) != "docs" {
		t.Fatalf("ctrl+x, down: comparing %v, cursor on %s", m.cmp.on, cursorName(m))
	}
	m = press(t, m, "d")
	if m.cmp.on {
		t.Fatal("d alone compared")
	}
	m = press(t, m, "ctrl+x", "d")
	wantScreen(t, m, "compare: 1 newer, 1 older")
	wantRow(t, m, 1, "*+theirs.txt")
}
