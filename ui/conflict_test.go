package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

func localTime(t time.Time) string { return t.In(time.Local).Format("2006-01-02 15:04") }

// downloadReadme opens the copy of the server's README.md to the local
// pane, answers "ask", and returns at the conflict dialog.
func downloadReadme(t *testing.T, local, remote *fakefs.FS) Model {
	t.Helper()
	m := newTest(t, local, remote, 120, 40) // focus: the remote pane
	m = press(t, m, "/")
	m = typeText(t, m, "readme")
	m = press(t, m, "enter", "f5")
	wantScreen(t, m, "To folder, or folder/new name", "/home/ann/README.md")
	return press(t, m, "enter")
}

// TestConflictDialogComparesAndRenames: the dialog sets both files side
// by side (size, local time, which is newer) and offers a free name; the
// renamed copy lands under it and the existing file stays.
func TestConflictDialogComparesAndRenames(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	mine := time.Date(2024, 1, 2, 9, 30, 0, 0, time.UTC)
	local.Add("/home/ann/README.md", session.Entry{Kind: session.KindFile, ModTime: mine}, []byte("mine\n"))
	local.File("/home/ann/README (1).md", "an older copy")
	m := downloadReadme(t, local, remote)
	wantScreen(t, m, "Already there", "README.md exists in /home/ann",
		"source       22 B  "+localTime(fakefs.Epoch()),
		"target        5 B  "+localTime(mine)+"  newer",
		"Rename to    README (2).md", "1 name to decide")
	m = press(t, m, "left", "enter") // rename, the name offered
	m = settle(t, m, allFinished)
	if got := local.Content("/home/ann/README (2).md"); got != "hello from the server\n" {
		t.Fatalf("README (2).md = %q", got)
	}
	if local.Content("/home/ann/README.md") != "mine\n" || local.Content("/home/ann/README (1).md") != "an older copy" {
		t.Fatal("an existing file was replaced")
	}
}

// TestConflictRenameIsChecked: a typed name passes the planner's name
// check and must be free; the dialog says why not and stays open.
func TestConflictRenameIsChecked(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	local.File("/home/ann/README.md", "mine\n")
	m := downloadReadme(t, local, remote)
	m = press(t, m, "left", "tab", "ctrl+u")
	m = typeText(t, m, "../escape.md")
	m = press(t, m, "enter")
	wantScreen(t, m, "Already there", "contains a path separator")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "notes.txt")
	m = press(t, m, "enter")
	wantScreen(t, m, "Already there", "notes.txt exists too in /home/ann: give another name")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "README.md")
	m = press(t, m, "enter")
	wantScreen(t, m, "README.md is the name already there")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "from-server.md")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if local.Content("/home/ann/from-server.md") != "hello from the server\n" || local.Content("/home/ann/README.md") != "mine\n" {
		t.Fatalf("from-server.md %q, README.md %q", local.Content("/home/ann/from-server.md"), local.Content("/home/ann/README.md"))
	}
	if local.Exists("/home/escape.md") {
		t.Fatal("written outside the folder")
	}
}

// TestConflictRenameAll: rename with "apply to all" gives every name
// that exists a free name of its own.
func TestConflictRenameAll(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	remote.File("/pub/notes.txt", "old notes")
	remote.File("/pub/big.iso", "old iso")
	m := newTest(t, local, remote, 120, 40)
	m = press(t, m, "tab", "down", "down", "space", "space", "f5", "enter") // big.iso, notes.txt
	wantScreen(t, m, "Already there", "2 names to decide")
	m = press(t, m, "left", "tab", "tab", "right", "enter") // rename, apply to all
	m = settle(t, m, allFinished)
	for p, want := range map[string]string{"/pub/notes.txt": "old notes", "/pub/big.iso": "old iso",
		"/pub/notes (1).txt": "line one\nline two\n", "/pub/big (1).iso": strings.Repeat("x", 3000)} {
		if got := remote.Content(p); got != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
}

// TestConflictTimesInTheServerZone: the target's time is shown in local
// time, moved by the zone the pane knows for the server.
func TestConflictTimesInTheServerZone(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	listed := time.Date(2020, 3, 14, 15, 9, 0, 0, time.UTC) // the server's wall clock, read as UTC
	remote.Add("/pub/notes.txt", session.Entry{Kind: session.KindFile, ModTime: listed,
		Raw: "-rw-r--r--   1 ann  ann  9 Mar 14 15:09 notes.txt"}, []byte("old notes"))
	m := newTest(t, local, remote, 120, 40)
	m.site.tz[1] = zoneState{on: true, offset: 2 * time.Hour} // the server is at UTC+02:00
	m = press(t, m, "tab", "down", "down", "down", "f5", "enter")
	wantScreen(t, m, "notes.txt exists in /pub", "target        9 B  "+localTime(listed.Add(-2*time.Hour)))
}

// TestCopyOneEntryToANewName: for one entry the target is folder/name;
// another name renames the copy, an existing folder means into it, a
// folder that does not exist yet (ending in /) is offered to be made.
func TestCopyOneEntryToANewName(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 120, 40)
	m = press(t, m, "tab", "down", "down", "down", "f5") // notes.txt
	wantScreen(t, m, "To folder, or folder/new name", "To           /pub/notes.txt")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "/pub/renamed.txt")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Content("/pub/renamed.txt") != "line one\nline two\n" || remote.Exists("/pub/notes.txt") {
		t.Fatalf("renamed copy: renamed.txt %q, notes.txt there %v", remote.Content("/pub/renamed.txt"), remote.Exists("/pub/notes.txt"))
	}
	m = press(t, m, "f5", "ctrl+u")
	m = typeText(t, m, "docs") // relative to the other pane's folder, an existing folder
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Content("/pub/docs/notes.txt") != "line one\nline two\n" {
		t.Fatal("not copied into docs")
	}
	m = press(t, m, "f5", "ctrl+u")
	m = typeText(t, m, "/pub/fresh/")
	m = press(t, m, "enter")
	wantScreen(t, m, "No such folder", "/pub/fresh does not exist.")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Content("/pub/fresh/notes.txt") != "line one\nline two\n" {
		t.Fatal("not copied into the new folder")
	}
	m = press(t, m, "f6", "ctrl+u") // a move to a new name
	m = typeText(t, m, "docs/moved.txt")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Content("/pub/docs/moved.txt") != "line one\nline two\n" || local.Exists("/home/ann/notes.txt") {
		t.Fatal("move to a new name")
	}
}

// TestCopyOneEntryNewNameIsChecked: a new name that exists asks as any
// other; one the same as the source in the same folder is refused.
func TestCopyOneEntryNewNameConflicts(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 120, 40)
	m = press(t, m, "tab", "down", "down", "down", "f5", "ctrl+u") // notes.txt
	m = typeText(t, m, "/pub/README.md")
	m = press(t, m, "enter")
	wantScreen(t, m, "Already there", "README.md exists in /pub", "source       18 B", "target       22 B")
	m = press(t, m, "right", "enter") // skip
	m = settle(t, m, allFinished)
	if remote.Content("/pub/README.md") != "hello from the server\n" {
		t.Fatal("skip overwrote README.md")
	}
}

// TestConflictNewerByThePolicysRule: the dialog's "newer" is the one the
// overwrite-if-newer policy acts on: times compared at the coarser
// precision of the two sides, so a LIST time (minutes) and a local time
// within that minute are the same time, and half a minute between two
// times known to the second is newer.
func TestConflictNewerByThePolicysRule(t *testing.T) {
	at := time.Date(2024, 1, 2, 9, 30, 0, 0, time.UTC)
	listed := session.Entry{Kind: session.KindFile, ModTime: at, Raw: "-rw-r--r-- 1 u g 5 Jan  2 09:30 f"}
	mlsd := session.Entry{Kind: session.KindFile, ModTime: at, Raw: "type=file;size=5;modify=20240102093000; f"}
	local := session.Entry{Kind: session.KindFile, ModTime: at.Add(30 * time.Second)}
	for _, c := range []struct {
		name     string
		src, dst session.Entry
		want     [2]string
	}{
		{"LIST, same minute", listed, local, [2]string{"same time", "same time"}},
		{"MLSD, 30 s older", mlsd, local, [2]string{"", "newer"}},
		{"local, 30 s newer", local, mlsd, [2]string{"newer", ""}},
	} {
		lines := compareLines(c.src, c.dst)
		for i, w := range c.want {
			if got := strings.HasSuffix(lines[i], w) && (w != "" || !strings.HasSuffix(lines[i], "newer") && !strings.HasSuffix(lines[i], "time")); !got {
				t.Errorf("%s: line %d %q, want it to end in %q", c.name, i, lines[i], w)
			}
		}
	}
}
