package ui

import (
	"context"
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
)

// quits runs cmd and what it batches or sequences, and reports whether
// it ends in tea.Quit.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	v := reflect.ValueOf(msg) // tea.BatchMsg, and tea's own sequenceMsg
	if v.Kind() != reflect.Slice {
		return false
	}
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok && quits(c) {
			return true
		}
	}
	return false
}

// busyModel is the root with two uploads queued that never finish.
func busyModel(t *testing.T) Model {
	t.Helper()
	local, remote := sampleLocal(), sampleRemote()
	o := Options{Keys: keymap.Default(), Local: local, NoColor: true, Still: true,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"},
		Dial:   func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return remote, nil }}
	o.Queue = blockedQueue(t, local)
	m := New(o)
	m = send(t, m, windowSize(100, 30))
	m = run(t, m, m.Init())
	m = press(t, m, "tab", "down", "down", "space", "space", "f5", "tab", "right", "enter")
	m = settle(t, m, func(m Model) bool { return len(m.queue.Jobs()) == 2 })
	if m.busyJobs() != 2 {
		t.Fatalf("%d busy jobs, want 2", m.busyJobs())
	}
	return m
}

// ctrl sends one key and returns the model and the command, not run.
func ctrl(t *testing.T, m Model, k string) (Model, tea.Cmd) {
	t.Helper()
	mm, cmd := m.Update(keyMsg(k))
	return mm.(Model), cmd
}

// TestCtrlCQuitsAtOnceWhenIdle: with nothing running ctrl+c quits, from
// the panes and from any dialog.
func TestCtrlCQuitsAtOnceWhenIdle(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	if _, cmd := ctrl(t, m, "ctrl+c"); !quits(cmd) {
		t.Fatal("ctrl+c did not quit")
	}
	m = press(t, m, "f7")
	if _, cmd := ctrl(t, m, "ctrl+c"); !quits(cmd) {
		t.Fatal("ctrl+c in a dialog did not quit")
	}
}

// TestCtrlCAsksWhileTransfersRun: ctrl+c asks as q does; no keeps the
// transfers and gives back the dialog it covered, with its answer; ctrl+c
// in the question quits.
func TestCtrlCAsksWhileTransfersRun(t *testing.T) {
	m := busyModel(t)
	m = press(t, m, "f7")
	wantScreen(t, m, "Create folder")
	m, cmd := ctrl(t, m, "ctrl+c")
	if quits(cmd) {
		t.Fatal("ctrl+c quit with transfers running")
	}
	wantScreen(t, m, "Quit", "2 transfers are not finished.", "esc/n: no")
	m = press(t, m, "n")
	dontWantScreen(t, m, "Quit anyway?")
	wantScreen(t, m, "Create folder")
	m = typeText(t, m, "kept")
	m = press(t, m, "enter")
	if !m.panes[0].FS().(interface{ Exists(string) bool }).Exists("/home/ann/kept") {
		t.Fatal("the covered dialog lost its answer")
	}
	if m.busyJobs() != 2 {
		t.Fatalf("%d jobs left after no", m.busyJobs())
	}

	m, cmd = ctrl(t, m, "ctrl+c")
	if quits(cmd) {
		t.Fatal("the second ctrl+c quit without asking")
	}
	wantScreen(t, m, "Quit anyway?")
	if _, cmd := ctrl(t, m, "ctrl+c"); !quits(cmd) {
		t.Fatal("ctrl+c in the quit question did not quit")
	}
	m = press(t, m, "esc", "q") // q's question too
	wantScreen(t, m, "Quit anyway?")
	if _, cmd := ctrl(t, m, "ctrl+c"); !quits(cmd) {
		t.Fatal("ctrl+c in q's question did not quit")
	}
}

// TestCtrlCOverThePager: the question shows over the pager, and no
// gives the pager back.
func TestCtrlCOverThePager(t *testing.T) {
	m := busyModel(t)
	m = press(t, m, "f3") // notes.txt, under the cursor after marking
	wantScreen(t, m, "line one")
	m, _ = ctrl(t, m, "ctrl+c")
	wantScreen(t, m, "Quit anyway?", "line one")
	m = press(t, m, "esc")
	wantScreen(t, m, "line one")
	dontWantScreen(t, m, "Quit anyway?")
}

// TestCtrlZSuspends: ctrl+z suspends from the panes and from a dialog;
// back from the shell the screen is cleared and drawn again.
func TestCtrlZSuspends(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	for _, open := range [][]string{nil, {"f7"}, {"?"}} {
		m := press(t, m, open...)
		_, cmd := ctrl(t, m, "ctrl+z")
		if cmd == nil {
			t.Fatalf("after %v: ctrl+z returned no command", open)
		}
		if _, ok := cmd().(tea.SuspendMsg); !ok {
			t.Fatalf("after %v: ctrl+z is not tea.Suspend", open)
		}
	}
	mm, cmd := m.Update(tea.ResumeMsg{})
	m = mm.(Model)
	if cmd == nil || !reflect.DeepEqual(cmd(), tea.ClearScreen()) {
		t.Fatal("resuming does not redraw the whole screen")
	}
	wantScreen(t, m, "resumed", "README.md")
	m = press(t, m, "?")
	wantScreen(t, m, "ctrl+z suspend")
}
