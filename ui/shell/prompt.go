package shell

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// Answer is the user's reply to a per-file question in mget, mput and
// mdelete.
type Answer int

// The answers: this file, not this file, this and every following file
// without asking again, stop here.
const (
	AnswerYes Answer = iota
	AnswerNo
	AnswerAll
	AnswerQuit
)

func (a Answer) String() string {
	return [...]string{"yes", "no", "all", "quit"}[a]
}

// ParseAnswer reads a typed answer as classic ftp does: n(o), a(ll),
// q(uit); anything else, including an empty line, is yes.
func ParseAnswer(s string) Answer {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "n", "no":
		return AnswerNo
	case "a", "all":
		return AnswerAll
	case "q", "quit":
		return AnswerQuit
	}
	return AnswerYes
}

// ErrNoTerminal is returned by a Prompter that has no one to ask.
var ErrNoTerminal = errors.New("no terminal to ask")

// Prompter asks the user. The TUI implements it with dialogs; batch mode
// with the terminal when there is one.
type Prompter interface {
	// Confirm asks a per-file question ("mget a.txt? ").
	Confirm(question string) (Answer, error)
	// Line asks for one line; secret input (passwords) is not echoed.
	Line(prompt string, secret bool) (string, error)
}

// yesPrompter is the prompter of a session nobody watches: it confirms
// everything and cannot supply user names or passwords.
type yesPrompter struct{}

func (yesPrompter) Confirm(string) (Answer, error) { return AnswerYes, nil }

func (yesPrompter) Line(prompt string, _ bool) (string, error) {
	return "", fmt.Errorf("%s%w", prompt, ErrNoTerminal)
}

// TermPrompter asks on a terminal: questions go to Out, answers are read
// from In (without echo for secrets when In is a terminal).
type TermPrompter struct {
	In  *os.File
	Out io.Writer
	rd  *bufio.Reader
}

// NewTermPrompter returns a prompter on the terminal in, or nil when in
// is not a terminal.
func NewTermPrompter(in *os.File, out io.Writer) *TermPrompter {
	if in == nil || !term.IsTerminal(in.Fd()) {
		return nil
	}
	return &TermPrompter{In: in, Out: out, rd: bufio.NewReader(in)}
}

// Confirm asks a question and reads the answer.
func (p *TermPrompter) Confirm(question string) (Answer, error) {
	line, err := p.Line(question, false)
	if err != nil {
		return AnswerQuit, err
	}
	return ParseAnswer(line), nil
}

// Line reads one line, without echo when secret.
func (p *TermPrompter) Line(prompt string, secret bool) (string, error) {
	fmt.Fprint(p.Out, textsafe.String(prompt)) // it may quote a remote name
	if secret {
		b, err := term.ReadPassword(p.In.Fd())
		fmt.Fprintln(p.Out)
		return string(b), err
	}
	if p.rd == nil {
		p.rd = bufio.NewReader(p.In)
	}
	line, err := p.rd.ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
