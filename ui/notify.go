package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/transfer"
)

// NotifyOptions say how a long batch of transfers announces its end.
type NotifyOptions struct {
	// After is how long a batch must have run to be announced; batches
	// that end sooner pass quietly (the user is still looking).
	After time.Duration
	Bell  bool // the terminal bell
	// Desktop sends a desktop notification through the terminal, when
	// OSC names an escape the terminal speaks ("9" or "777"; "" : none).
	Desktop bool
	OSC     string
	Now     func() time.Time // nil: time.Now (tests set a clock)
}

// OSCFor picks the notification escape the terminal understands, from
// its environment: OSC 9 for iTerm2, WezTerm, kitty, Ghostty and Windows
// Terminal; OSC 777 for VTE terminals (GNOME Terminal, Tilix), foot and
// urxvt; "" when unknown (only the bell then).
func OSCFor(getenv func(string) string) string {
	prog, term := getenv("TERM_PROGRAM"), getenv("TERM")
	switch {
	case prog == "iTerm.app", prog == "WezTerm", prog == "ghostty", term == "xterm-kitty", term == "xterm-ghostty",
		getenv("WT_SESSION") != "":
		return "9"
	case getenv("VTE_VERSION") != "", strings.HasPrefix(term, "foot"), strings.HasPrefix(term, "rxvt"):
		return "777"
	}
	return ""
}

// notifyState times the batch under way.
type notifyState struct{ start time.Time }

func (o NotifyOptions) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// notifyBatch follows the queue after each event: a batch starts when
// the queue becomes busy and ends when it is idle again; one that took
// long enough rings and notifies.
func (m Model) notifyBatch(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	o := m.opts.Notify
	s := m.queue.Summary() // kept as events come: no walk over the jobs per event
	busy := s.Busy()
	switch {
	case busy && m.notify.start.IsZero():
		m.notify.start = o.now()
	case !busy && !m.notify.start.IsZero():
		took := o.now().Sub(m.notify.start)
		m.notify.start = time.Time{}
		if took >= o.After && s.Files > 0 {
			return m, tea.Batch(cmd, notifyCmd(o, batchText(s, took)))
		}
	}
	return m, cmd
}

func batchText(s transfer.Summary, took time.Duration) string {
	text := fmt.Sprintf("transfers finished: %d of %d files in %s", s.FilesDone, s.Files, took.Round(time.Second))
	if s.Failed > 0 {
		text += fmt.Sprintf(", %d failed", s.Failed)
	}
	return text
}

// notifyCmd writes the bell and the notification escape. The text holds
// no control characters, so it cannot end the escape early.
func notifyCmd(o NotifyOptions, text string) tea.Cmd {
	var seq string
	if o.Bell {
		seq += "\a"
	}
	text = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == ';' && o.OSC == "777" {
			return ' '
		}
		return r
	}, text)
	switch {
	case !o.Desktop:
	case o.OSC == "9":
		seq += "\x1b]9;ftpane: " + text + "\a"
	case o.OSC == "777":
		seq += "\x1b]777;notify;ftpane;" + text + "\a"
	}
	if seq == "" {
		return nil
	}
	return tea.Raw(seq)
}
