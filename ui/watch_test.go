package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// diskAt is the local disk with the pane starting in home.
type diskAt struct {
	session.Local
	home string
}

func (d diskAt) Home(context.Context) (string, error) { return d.home, nil }

// newWatchTest is the root model with the local pane on a real folder
// (the watch needs one) and remote as the right pane's server.
func newWatchTest(t *testing.T, remote *fakefs.FS) (Model, string) {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "before.txt"), []byte("there before the watch"), 0o644)
	o := Options{Keys: keymap.Default(), Local: diskAt{home: dir}, NoColor: true, Still: true, Editor: "true",
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"},
		Dial: func(context.Context, session.Config, ...session.DialOption) (session.FS, error) {
			return remote, nil
		},
		Watch: WatchOptions{Quiet: 100 * time.Millisecond}}
	m := New(o)
	m = send(t, m, windowSize(140, 30))
	return run(t, m, m.Init()), dir
}

// watchUntil feeds the watch's reports and the queue's events to the
// model until done says so, or fails at the deadline.
func watchUntil(t *testing.T, m Model, what string, done func(Model) bool) Model {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for !done(m) {
		select {
		case msg := <-m.sink.ch:
			m = send(t, m, msg)
		case ev := <-m.q.Events():
			m = send(t, m, jobEventMsg{[]transfer.Event{ev}})
		case <-deadline:
			t.Fatalf("never: %s\n%s", what, screen(m))
		}
	}
	return m
}

// writeInPieces writes p in n appends, each its own open and close.
func writeInPieces(t *testing.T, p, content string, n int) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, nil, 0o644)
	step := max(1, len(content)/n)
	for i := 0; i < len(content); i += step {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(content[i:min(len(content), i+step)])
		f.Close()
	}
}

// TestWatchKeyUploadsChanges: W on the local pane watches its folder to
// the server pane's; the header says so; a file written in pieces and a
// new folder arrive through the queue; W again stops.
func TestWatchKeyUploadsChanges(t *testing.T) {
	remote := sampleRemote()
	m, dir := newWatchTest(t, remote)
	m = press(t, m, "tab") // the local pane
	m = press(t, m, "W")
	wantScreen(t, m, "watching "+dir+" → ann@ftp.example.org:21:/pub")
	if m.watch.w == nil {
		t.Fatalf("not watching: %s", m.status.text)
	}
	body := strings.Repeat("watched line\n", 200)
	writeInPieces(t, filepath.Join(dir, "notes.txt"), body, 10)
	writeInPieces(t, filepath.Join(dir, "site", "css", "main.css"), "body{}", 2)
	m = watchUntil(t, m, "notes.txt and site/ uploaded", func(m Model) bool {
		return remote.Content("/pub/notes.txt") == body && remote.Content("/pub/site/css/main.css") == "body{}" &&
			allFinished(m)
	})
	wantScreen(t, m, "↑ upload   notes.txt", "↑ upload   site/", "done")
	if remote.Exists("/pub/before.txt") {
		t.Error("a file unchanged since the watch started was uploaded")
	}
	for _, j := range m.q.Snapshot() {
		if j.Dst.Remote == nil || j.Conflict != transfer.Overwrite || j.Dst.Remote.Password != "secret" {
			t.Errorf("job %s: dst %+v, conflict %v", j.SrcPath, j.Dst, j.Conflict)
		}
	}
	m = press(t, m, "W")
	if m.watch.on() {
		t.Fatal("W did not stop the watch")
	}
	wantScreen(t, m, "stopped watching "+dir)
	if header := strings.Split(screen(m), "\n")[0]; strings.Contains(header, "watching") {
		t.Fatalf("header: %s", header)
	}
}

// TestWatchNeedsAServerPane: W explains why it cannot watch when the
// other pane shows no server, and does not apply in a server pane.
func TestWatchNeedsAServerPane(t *testing.T) {
	m := newTest(t, sampleLocal(), nil, 100, 30)
	m = press(t, m, "esc") // the connect dialog
	m = press(t, m, "W")
	wantScreen(t, m, "not now: the other pane is not a server")
	if m.watch.on() {
		t.Fatal("watching without a server")
	}

	m, _ = newWatchTest(t, sampleRemote()) // focus: the server pane
	m = press(t, m, "W")
	if m.watch.on() {
		t.Fatal("W in the server pane started a watch")
	}
	wantScreen(t, m, "not now: W watches the local pane's folder")
	dontWantScreen(t, m, "watch folder") // not in the help line
	m = press(t, m, "tab", "?")
	wantScreen(t, m, "W", "watch folder: upload changes")
}

// TestWatchEndsWhenTheServerPaneDisconnects: D stops the watch and both
// messages stay on the status line.
func TestWatchEndsWhenTheServerPaneDisconnects(t *testing.T) {
	m, dir := newWatchTest(t, sampleRemote())
	m = press(t, m, "tab", "W")
	w := m.watch.w
	if w == nil {
		t.Fatal(m.status.text)
	}
	m = press(t, m, "D")
	if m.watch.on() {
		t.Fatal("still watching after the disconnection")
	}
	select {
	case <-w.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher runs on")
	}
	wantScreen(t, m, "disconnected from ann@ftp.example.org:21 · stopped watching "+dir)
	if header := strings.Split(screen(m), "\n")[0]; strings.Contains(header, "watching") {
		t.Fatalf("header: %s", header)
	}
}

// TestWatchShowsProblemsAndGoesOn: an upload the server side refuses (a
// folder is in the way) fails in the queue and on the status line; the
// next change is uploaded all the same.
func TestWatchShowsProblemsAndGoesOn(t *testing.T) {
	remote := sampleRemote()
	remote.MkdirAll("/pub/clash")
	m, dir := newWatchTest(t, remote)
	m = press(t, m, "tab", "W")
	if m.watch.w == nil {
		t.Fatal(m.status.text)
	}
	defer m.watch.w.Stop()
	os.WriteFile(filepath.Join(dir, "clash"), []byte("a file"), 0o644)
	m = watchUntil(t, m, "the clash fails", func(m Model) bool {
		return m.status.err && strings.Contains(m.status.text, "clash") && allFinished(m)
	})
	wantScreen(t, m, "failed")
	os.WriteFile(filepath.Join(dir, "fine.txt"), []byte("fine"), 0o644)
	m = watchUntil(t, m, "fine.txt uploaded", func(m Model) bool { return remote.Content("/pub/fine.txt") == "fine" })
	if !m.watch.on() {
		t.Fatal("the watch stopped after a failed upload")
	}
}

// TestWatchFromTheCommandLine: the ":" line's watch command starts,
// shows and stops the same watch.
func TestWatchFromTheCommandLine(t *testing.T) {
	m, dir := newWatchTest(t, sampleRemote())
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	ask := func(op, d string) watchReply {
		reply := make(chan watchReply, 1)
		m = send(t, m, watchLineMsg{op: op, dir: d, reply: reply})
		select {
		case r := <-reply:
			return r
		default:
			t.Fatalf("%s: no answer", op)
		}
		return watchReply{}
	}
	if r := ask("show", ""); r.text != "" || r.err != nil {
		t.Fatalf("show before: %+v", r)
	}
	want := filepath.Join(dir, "sub") + " → ann@ftp.example.org:21:/pub"
	if r := ask("start", filepath.Join(dir, "sub")); r.text != want || r.err != nil {
		t.Fatalf("start: %+v", r)
	}
	wantScreen(t, m, "watching "+want)
	if r := ask("start", ""); r.err == nil || !strings.Contains(r.err.Error(), "already watching") {
		t.Fatalf("second start: %+v", r)
	}
	if r := ask("show", ""); r.text != want {
		t.Fatalf("show: %+v", r)
	}
	if r := ask("stop", ""); r.text != want || m.watch.on() {
		t.Fatalf("stop: %+v", r)
	}
	if r := ask("stop", ""); r.err == nil {
		t.Fatal("stop when not watching")
	}
	if r := ask("start", filepath.Join(dir, "before.txt")); r.err == nil || !strings.Contains(r.err.Error(), "not a folder") {
		t.Fatalf("start on a file: %+v", r)
	}
	wantScreen(t, m, "not a folder")
}
