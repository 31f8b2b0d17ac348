package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// settle feeds the queue's events to the model until done says so, or
// fails at the deadline (tests run without the listener command).
func settle(t *testing.T, m Model, done func(Model) bool) Model {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !done(m) {
		select {
		case ev := <-m.q.Events():
			m = send(t, m, jobEventMsg{[]transfer.Event{ev}})
		case <-deadline:
			t.Fatalf("queue never settled:\n%s", screen(m))
		}
	}
	return m
}

func allFinished(m Model) bool {
	jobs := m.q.Snapshot()
	for _, j := range jobs {
		if !j.State.Final() {
			return false
		}
	}
	return len(jobs) > 0 && len(m.queue.Jobs()) == len(jobs) && !transfer.Summarize(m.queue.Jobs()).Busy()
}

func TestCopyFileToOtherPane(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "tab") // the left pane
	m = press(t, m, "down", "down", "down", "f5")
	wantScreen(t, m, "Copy", "notes.txt from /home/ann", "To folder", "/pub", "‹ ask ›")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if got := remote.Content("/pub/notes.txt"); got != "line one\nline two\n" {
		t.Fatalf("remote notes.txt = %q", got)
	}
	wantScreen(t, m, "transfers (1)", "↑ notes.txt", "[##########]", "100%", "done", "files 1/1")
	m = settle(t, m, func(m Model) bool { return strings.Contains(screen(m), "│ notes.txt") })
}

func TestCopyFolderDownloadsTree(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 30) // focus: the remote pane
	m = press(t, m, "home", "down", "f5")   // docs/
	wantScreen(t, m, "docs from /pub", "/home/ann")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if got := local.Content("/home/ann/docs/guide.md"); got != "# Guide\n" {
		t.Fatalf("local docs/guide.md = %q\n%s", got, screen(m))
	}
	if !local.Exists("/home/ann/docs/api") {
		t.Fatal("empty folder docs/api not copied")
	}
	// The end of a folder's copy is said, as that of a file's: the last
	// job to finish is one of the folder's, not the folder job itself.
	m = settle(t, m, func(m Model) bool { return strings.Contains(m.status.text, "transfers finished") })
	wantScreen(t, m, "transfers finished: 1 of 1 files")
}

func TestMoveDeletesSource(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "end", "f6") // the last entry
	cur := cursorName(m)
	wantScreen(t, m, "Move", cur+" from /pub")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Exists("/pub/"+cur) || !local.Exists("/home/ann/"+cur) {
		t.Fatalf("move of %s: source left or target missing\n%s", cur, screen(m))
	}
}

func TestCopyAsksPerConflict(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	remote.File("/pub/notes.txt", "old")
	remote.File("/pub/big.iso", "old")
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "tab", "down", "down", "space", "space", "f5") // big.iso, notes.txt
	wantScreen(t, m, "2 entries")
	m = press(t, m, "enter")
	wantScreen(t, m, "Already there", "big.iso exists in /pub", "2 names to decide")
	m = press(t, m, "enter") // overwrite big.iso...
	wantScreen(t, m, "notes.txt exists in /pub", "1 name to decide")
	m = press(t, m, "right", "enter") // ...skip notes.txt
	m = settle(t, m, allFinished)
	if remote.Content("/pub/big.iso") == "old" || remote.Content("/pub/notes.txt") != "old" {
		t.Fatalf("big.iso %d bytes, notes.txt %q", len(remote.Content("/pub/big.iso")), remote.Content("/pub/notes.txt"))
	}
	wantScreen(t, m, "skipped")
}

func TestHeaderTogglesApplyToNewJobs(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "T", "P") // ascii, active
	wantScreen(t, m, "ascii · active")
	m = press(t, m, "tab", "down", "down", "down", "f5", "enter")
	m = settle(t, m, allFinished)
	j := m.q.Snapshot()[0]
	if j.Type != session.TypeASCII || j.Dst.Remote == nil || !j.Dst.Remote.Active {
		t.Fatalf("job type %v, dst %+v", j.Type, j.Dst)
	}
	if j.Dst.Remote.Password != "secret" {
		t.Fatal("the job lacks the connection's password")
	}
}

func TestCopyIntoItsOwnFolderIsRefused(t *testing.T) {
	m := newServersTest(t, servers{"ftp.example.org": sampleRemote()})
	m = press(t, m, "tab", "c") // the left pane on the same server
	m = typeText(t, m, "ftp.example.org")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "ann")
	m = press(t, m, "enter")
	wantScreen(t, m, "ann@ftp.example.org:21  binary · passive ⇄ ann@ftp.example.org:21")
	m = press(t, m, "end", "f5", "enter")
	wantScreen(t, m, "source and target are the same folder")
	if n := len(m.q.Snapshot()); n != 0 {
		t.Fatalf("%d jobs queued", n)
	}
}

func TestMoveFolder(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "tab", "home", "down", "f6") // photos/
	wantScreen(t, m, "Move", "photos from /home/ann")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	if remote.Content("/pub/photos/cat.jpg") != "meow" || local.Exists("/home/ann/photos") {
		t.Fatalf("folder move: remote cat.jpg %q, local photos left: %v\n%s",
			remote.Content("/pub/photos/cat.jpg"), local.Exists("/home/ann/photos"), screen(m))
	}
}

// TestCopyRefusesHostileNames: F5 of marked entries whose listed names
// climb out of the folder copies none of them (issue 11, item 1): the
// planner checks top-level names as it checks names inside a tree.
func TestCopyRefusesHostileNames(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	remote.Hostile("/pub",
		session.Entry{Name: "x/../../../../tmp/anywhere.txt", Kind: session.KindFile, Size: 3},
		session.Entry{Name: "a/../../escape.txt", Kind: session.KindFile, Size: 3},
		session.Entry{Name: "up/../../updir", Kind: session.KindDir})
	m := newTest(t, local, remote, 120, 30)
	m = press(t, m, "ctrl+a", "f5")
	m = press(t, m, "enter")
	wantScreen(t, m, "3 names refused", "unsafe name")
	m = settle(t, m, allFinished)
	for _, p := range []string{"/tmp/anywhere.txt", "/home/escape.txt", "/escape.txt", "/home/updir", "/updir"} {
		if local.Exists(p) {
			t.Errorf("%s was written outside the target folder", p)
		}
	}
	if local.Content("/home/ann/README.md") != "hello from the server\n" {
		t.Error("the safe names were not copied")
	}
}
