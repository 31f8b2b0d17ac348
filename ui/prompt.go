package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/shell"
)

// promptMsg is a question from the command line's interpreter, which runs
// on a command's goroutine and waits on reply until the user answers in a
// dialog (a result for the root).
type promptMsg struct {
	question string
	confirm  bool // yes / no / all / quit; else one line of text
	secret   bool // a password: not shown
	reply    chan promptReply
}

type promptReply struct {
	text   string
	answer shell.Answer
	err    error
}

// errPromptCancelled is the answer to a question the user closed.
var errPromptCancelled = errors.New("cancelled")

// prompter asks the interpreter's questions through the root's dialogs:
// per-file confirmations of mget, mput and mdelete, and user names and
// passwords for open and user.
type prompter struct{ s *sink }

func (p prompter) Confirm(q string) (shell.Answer, error) {
	r := p.ask(promptMsg{question: q, confirm: true})
	return r.answer, r.err
}

func (p prompter) Line(prompt string, secret bool) (string, error) {
	r := p.ask(promptMsg{question: prompt, secret: secret})
	return r.text, r.err
}

func (p prompter) ask(msg promptMsg) promptReply {
	msg.reply = make(chan promptReply, 1)
	select {
	case p.s.ch <- msg:
	default:
		return promptReply{answer: shell.AnswerQuit, err: errors.New("the screen is too busy to ask")}
	}
	return <-msg.reply
}

var answers = []string{"yes", "no", "all", "quit"}

// openPrompt shows the question; another dialog already open is answered
// first, so the question waits for nothing the user cannot see.
func (m Model) openPrompt(msg promptMsg) (tea.Model, tea.Cmd) {
	if m.form != nil {
		msg.reply <- promptReply{answer: shell.AnswerQuit, err: errors.New("another dialog was open; answer it, then run the command again")}
		return m, m.sink.listen()
	}
	field := dialog.Field{Label: "Answer", Value: "yes", Options: answers}
	if !msg.confirm {
		field = dialog.Field{Label: "Answer", Masked: msg.secret}
	}
	reply := msg.reply
	m.ask("Command line asks", []string{msg.question}, []dialog.Field{field},
		func(_ *Model, vals []string) tea.Cmd {
			reply <- promptReply{text: vals[0], answer: shell.ParseAnswer(vals[0])}
			return nil
		},
		func(*Model) tea.Cmd { // closed: the command stops
			reply <- promptReply{answer: shell.AnswerQuit, err: errPromptCancelled}
			return nil
		})
	return m, m.sink.listen()
}
