package ui

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// startProgram runs the real Bubble Tea program over the fakes, with the
// spinner, the transcript listener and the renderer all live.
func startProgram(t *testing.T, remote *fakefs.FS) *teatest.TestModel {
	t.Helper()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"},
		Dial: func(_ context.Context, _ session.Config, opts ...session.DialOption) (session.FS, error) {
			session.HooksOf(opts...).Trace(session.TraceReceived, "230 Login successful.")
			return remote, nil
		}})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
}

// waitOutput waits for text in the program's output. The renderer sends
// only the cells that changed, so want must be text drawn over blank or
// unrelated cells (a new row, a dialog), not a small edit of a line.
func waitOutput(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(want))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func finalModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	tm.Send(keyMsg("q"))
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
}

func TestProgramFilterAndOpen(t *testing.T) {
	tm := startProgram(t, sampleRemote())
	waitOutput(t, tm, "README.md")
	tm.Send(keyMsg("/"))
	tm.Type("zzz")
	waitOutput(t, tm, "no match")
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("/"))
	tm.Type("doc")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("enter"))
	waitOutput(t, tm, "guide.md")
	m := finalModel(t, tm)
	if m.panes[1].Dir() != "/pub/docs" {
		t.Fatalf("ended in %q", m.panes[1].Dir())
	}
}

func TestProgramMkdirAndLog(t *testing.T) {
	r := sampleRemote()
	tm := startProgram(t, r)
	waitOutput(t, tm, "README.md")
	tm.Send(keyMsg("f7"))
	waitOutput(t, tm, "Create folder")
	tm.Type("fresh")
	tm.Send(keyMsg("enter"))
	waitOutput(t, tm, "/pub/fresh")
	tm.Send(keyMsg("L"))
	waitOutput(t, tm, "Login successful")
	m := finalModel(t, tm)
	if !r.Exists("/pub/fresh") || cursorName(m) != "fresh" {
		t.Fatalf("mkdir: %v, cursor %q", r.Exists("/pub/fresh"), cursorName(m))
	}
}

func TestProgramResize(t *testing.T) {
	tm := startProgram(t, sampleRemote())
	waitOutput(t, tm, "README.md")
	tm.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
	m := finalModel(t, tm)
	if m.width != 60 || m.panes[1].Len() != 6 {
		t.Fatalf("width %d", m.width)
	}
}
