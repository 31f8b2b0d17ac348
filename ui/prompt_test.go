package ui

import (
	"errors"
	"testing"

	"github.com/ftpane/ftpane/ui/shell"
)

// TestCommandLineAsksInADialog: the interpreter's questions (mget's
// per-file confirmation, a password) open a dialog, and the command waits
// for the answer; closing the dialog answers quit.
func TestCommandLineAsksInADialog(t *testing.T) {
	m := newCmdTest(t, "")
	p := prompter{m.sink}

	answer := make(chan shell.Answer, 1)
	go func() { a, _ := p.Confirm("mget a.txt? "); answer <- a }()
	m = send(t, m, <-m.sink.ch)
	wantScreen(t, m, "Command line asks", "mget a.txt?", "yes")
	m = press(t, m, "right", "enter") // yes → no
	if a := <-answer; a != shell.AnswerNo {
		t.Fatalf("answer %v, want no", a)
	}

	line := make(chan string, 1)
	go func() { s, _ := p.Line("Password:", true); line <- s }()
	m = send(t, m, <-m.sink.ch)
	m = typeText(t, m, "hunter2")
	dontWantScreen(t, m, "hunter2")
	m = press(t, m, "enter")
	if s := <-line; s != "hunter2" {
		t.Fatalf("line %q", s)
	}

	errc := make(chan error, 1)
	go func() { a, err := p.Confirm("mdelete b? "); _ = a; errc <- err }()
	m = send(t, m, <-m.sink.ch)
	m = press(t, m, "esc")
	if err := <-errc; !errors.Is(err, errPromptCancelled) {
		t.Fatalf("closing the dialog: %v", err)
	}
	if m.form != nil {
		t.Fatal("the dialog is still open")
	}
}
