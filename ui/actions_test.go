package ui

import (
	"strings"
	"testing"
)

// TestPaneActionsAreLoggedAsCommands: what the keys did is written to the
// log as the command that does the same at the : line.
func TestPaneActionsAreLoggedAsCommands(t *testing.T) {
	local, remote := sampleLocal(), sampleRemote()
	m := newTest(t, local, remote, 120, 40) // focus: the remote pane
	m = press(t, m, "f7")
	m = typeText(t, m, "new dir")
	m = press(t, m, "enter")
	m = press(t, m, "tab") // the local pane
	m = press(t, m, "down", "down", "down", "f5")
	m = press(t, m, "enter")
	m = settle(t, m, allFinished)
	m = press(t, m, "f8")
	m = press(t, m, "enter")
	var lines []string
	for _, l := range m.log.Lines() {
		if strings.HasPrefix(l, "ftp> ") {
			lines = append(lines, l)
		}
	}
	want := []string{`ftp> mkdir "/pub/new dir"`, "ftp> put /home/ann/notes.txt /pub/notes.txt", "ftp> ! rm /home/ann/notes.txt"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("log has\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestShQuote(t *testing.T) {
	if got := shQuote("rm", "-r", "/tmp/a b", "it's"); got != `rm -r '/tmp/a b' 'it'\''s'` {
		t.Fatalf("%s", got)
	}
}
