package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A pasted hostname lands in the connect dialog's field, a pasted
// command in the command line, a pasted name in a pane's filter; line
// ends become spaces and escape codes are dropped; outside a text field a
// paste does nothing (a pasted "q" does not quit).
func TestPasteGoesToTheTextField(t *testing.T) {
	m := newCmdTest(t, "")

	m = send(t, m, tea.PasteMsg{Content: "q"})
	wantScreen(t, m, "README.md") // still running, nothing opened

	m = press(t, m, ":")
	m = send(t, m, tea.PasteMsg{Content: "ls \x1b[2J-l\r\n/pub"})
	if got := m.cmd.input.Value(); got != "ls [2J-l  /pub" {
		t.Fatalf("command line = %q", got)
	}
	m = press(t, m, "esc")

	m = press(t, m, "/")
	m = send(t, m, tea.PasteMsg{Content: "READ\n"})
	if text, typing := m.active().Filter(); text != "READ " || !typing {
		t.Fatalf("filter = %q typing=%v", text, typing)
	}
	m = press(t, m, "esc")

	m.openConnect(1, "")
	m = send(t, m, tea.PasteMsg{Content: "ftp.example.net\n"})
	if v := m.form.Values()[0]; !strings.HasSuffix(v, "ftp.example.net ") || strings.ContainsAny(v, "\r\n") {
		t.Fatalf("host field = %q", v)
	}
}
