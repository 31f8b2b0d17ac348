package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/logview"
)

// charsets are the name charsets the E key offers (the ones ftpane
// guesses among, and UTF-8).
var charsets = []string{"utf-8", "gbk", "gb18030", "big5", "shift_jis", "euc-kr", "windows-1251", "latin1"}

// charsetConn is the connection whose name charset E switches: the
// linked pane's server, when it can switch.
func (m Model) charsetConn() *session.Remote {
	i := m.linked()
	if i < 0 {
		return nil
	}
	r, _ := m.links[i].fs.(*session.Remote)
	return r
}

// askCharset opens the charset choice for the linked pane's server, on
// the charset it reads names in now (the same as :charset NAME).
func (m *Model) askCharset() {
	r := m.charsetConn()
	if r == nil {
		return
	}
	cur := r.Encoding()
	if cur == "" {
		cur = "utf-8"
	}
	opts := charsets
	if !slices.Contains(opts, cur) {
		opts = append([]string{cur}, opts...)
	}
	i := m.linked()
	m.ask("Name charset", []string{"Read the names of " + r.Label() + " as:"},
		[]dialog.Field{{Label: "Charset", Value: cur, Options: opts}},
		func(m *Model, vals []string) tea.Cmd { return m.switchCharset(i, vals[0]) }, nil)
}

// switchCharset reads pane i's names in charset name from now on and
// lists its folder again.
func (m *Model) switchCharset(i int, name string) tea.Cmd {
	r, ok := m.links[i].fs.(*session.Remote)
	if !ok {
		return nil
	}
	reload := m.panes[i].Reload()
	m.setStatus("names of "+r.Label()+" now read as "+name, false)
	return func() tea.Msg {
		if err := r.SetEncoding(context.Background(), name); err != nil {
			return opDoneMsg{Pane: i, Err: err}
		}
		if reload == nil {
			return nil
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
