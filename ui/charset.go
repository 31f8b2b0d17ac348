package ui

import (
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/logview"
)

// noteCharset writes a charset guess to the log, where it stays after the
// status line has moved on.
func (m *Model) noteCharset(ev session.Event) {
	if ev.Kind == session.EventCharset {
		m.log.Add(logview.Info, ev.String())
	}
}
