package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// connectLater presses enter in the connect dialog and returns the model
// and the dial, not yet run.
func connectLater(t *testing.T, m Model) (Model, tea.Cmd) {
	t.Helper()
	mm, cmd := m.Update(keyMsg("enter"))
	return mm.(Model), cmd
}

// TestConnectionResultLeavesOtherDialogsAlone: a connection that ends
// while another dialog is open (the connect dialog was closed meanwhile)
// neither closes nor replaces that dialog; its answer still runs.
func TestConnectionResultLeavesOtherDialogsAlone(t *testing.T) {
	for _, c := range []struct {
		name, password, status string
	}{
		{"success", "pw", "connected to ann@ftp.example.org:21"},
		{"failure", "wrong", "530 Login incorrect."},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &dialer{fs: sampleRemote(), pass: "pw"}
			// The first attempt fails: the dialog is open with the error.
			m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann", Password: "nope"}, d)
			local := m.opts.Local.(*fakefs.FS)
			m = press(t, m, "tab", "tab", "tab", "ctrl+u")
			m = typeText(t, m, c.password)
			m, dial := connectLater(t, m)
			m = press(t, m, "esc") // the connect dialog
			m = press(t, m, "f7")  // the local pane
			wantScreen(t, m, "Create folder")
			m = send(t, m, dial())
			wantScreen(t, m, "Create folder", c.status)
			dontWantScreen(t, m, "Connect to an FTP server")
			m = typeText(t, m, "kept")
			m = press(t, m, "enter")
			if !local.Exists("/home/ann/kept") {
				t.Fatal("the mkdir dialog's answer was lost")
			}
		})
	}
}

// TestContinuationOpensTheNextDialog: a dialog whose answer opens
// another (each name of a copy that exists at the target) leaves the new
// one open, with its own continuation.
func TestContinuationOpensTheNextDialog(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	local.File("/home/ann/README.md", "mine\n")
	local.File("/home/ann/data.csv", "mine too\n")
	m := newTest(t, local, remote, 100, 30)
	m = press(t, m, "down", "down", "space", "space", "down", "space") // data.csv, evil…, README.md
	m = press(t, m, "f5", "enter")
	wantScreen(t, m, "Already there", "2 names to decide")
	first, second := "data.csv", "README.md" // in the order the selection lists them
	if strings.Contains(screen(m), "README.md exists in /home/ann") {
		first, second = second, first
	}
	want := map[string]string{first: local.Content("/home/ann/" + first), second: remote.Content("/pub/" + second)}
	wantScreen(t, m, first+" exists in /home/ann")
	m = press(t, m, "right", "enter") // skip the first
	wantScreen(t, m, "Already there", second+" exists in /home/ann", "1 name to decide")
	m = press(t, m, "enter") // overwrite the second
	m = settle(t, m, allFinished)
	for name, content := range want {
		if got := local.Content("/home/ann/" + name); got != content {
			t.Errorf("%s = %q, want %q", name, got, content)
		}
	}
	if m.form != nil {
		t.Fatal("a dialog is still open")
	}
}
