package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/shell"
)

// charsetSetter is a pane's FS whose name charset can change live.
type charsetSetter interface {
	Encoding() string
	SetEncoding(ctx context.Context, name string) error
}

// followCharset applies a ":charset NAME" that succeeded on the command
// line to the focused connection's own session too, then lists its folder
// again in the new charset, in the same command so the listing follows
// the switch. Its reload is made last, so the listings started before it
// are dropped as stale.
func (m *Model) followCharset(line string, err error) tea.Cmd {
	i := m.linked()
	r := m.sh.Remote()
	if err != nil || shell.CommandName(line) != "charset" || i < 0 || r == nil {
		return nil
	}
	fsys := m.links[i].fs
	s, ok := fsys.(charsetSetter)
	if !ok || s.Encoding() == r.Encoding() {
		return nil
	}
	enc, reload := r.Encoding(), m.panes[i].Reload()
	return func() tea.Msg {
		if err := s.SetEncoding(context.Background(), enc); err != nil || reload == nil {
			return settingMsg{pane: i, fs: fsys, state: readConnState(fsys), err: err}
		}
		return reload()
	}
}

// noteCharset writes a charset guess to the log, where it stays after the
// status line has moved on.
func (m *Model) noteCharset(ev session.Event) {
	if ev.Kind == session.EventCharset {
		m.log.Add(logview.Info, ev.String())
	}
}
