package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
)

// traceMsg is one transcript line (a broadcast to the log).
type traceMsg struct {
	dir  session.TraceDir
	line string
}

// eventMsg is a connection event from the session (dropped, reconnected).
type eventMsg struct{ ev session.Event }

// sink carries the session's transcript and events, which arrive on the
// session's goroutines, into the program: a listener command reads one
// message and is re-armed after each.
type sink struct {
	ch  chan tea.Msg
	off bool // tests: no listener, messages are sent by hand
}

func newSink(off bool) *sink { return &sink{ch: make(chan tea.Msg, 4096), off: off} }

// trace is the session.TraceFunc. It never blocks: when the UI falls far
// behind, lines are dropped rather than stalling the connection.
func (s *sink) trace(d session.TraceDir, line string) {
	select {
	case s.ch <- traceMsg{d, line}:
	default:
	}
}

func (s *sink) event(e session.Event) {
	select {
	case s.ch <- eventMsg{e}:
	default:
	}
}

// send hands the program a message from another goroutine (the shell's
// output, lcd). It never blocks.
func (s *sink) send(msg tea.Msg) {
	select {
	case s.ch <- msg:
	default:
	}
}

func (s *sink) listen() tea.Cmd {
	if s.off {
		return nil
	}
	return func() tea.Msg { return <-s.ch }
}
