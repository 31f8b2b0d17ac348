package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// statusExpiredMsg clears the status line if it still shows message seq
// (a result for the root).
type statusExpiredMsg struct{ seq int }

// Status messages clear themselves: information after statusInfoTTL,
// errors (also kept in the log) after statusErrTTL.
const (
	statusInfoTTL = 6 * time.Second
	statusErrTTL  = 12 * time.Second
)

// expireCmd waits for the status message to age. Tests (Still) send
// statusExpiredMsg themselves rather than wait.
func (m Model) expireCmd() tea.Cmd {
	if m.opts.Still {
		return nil
	}
	ttl, seq := statusInfoTTL, m.status.seq
	if m.status.err {
		ttl = statusErrTTL
	}
	return tea.Tick(ttl, func(time.Time) tea.Msg { return statusExpiredMsg{seq} })
}
