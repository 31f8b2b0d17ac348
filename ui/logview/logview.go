// Package logview is the log pane: the control-connection transcript
// (passwords already masked by the session) and every error, newest last.
package logview

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/styles"
)

// maxLines bounds the memory a long session's transcript takes.
const maxLines = 2000

// Kind is what a log line is.
type Kind int

// Line kinds: transcript directions, and errors.
const (
	Sent Kind = iota
	Received
	Info
	Error
)

func (k Kind) String() string {
	return [...]string{"sent", "received", "info", "error"}[k]
}

// KindOf maps a transcript direction to a line kind.
func KindOf(d session.TraceDir) Kind {
	switch d {
	case session.TraceSent:
		return Sent
	case session.TraceReceived:
		return Received
	}
	return Info
}

type line struct {
	kind Kind
	text string
}

// Model is the log pane.
type Model struct {
	lines  []line
	width  int
	height int
	styles styles.Styles
}

// New makes an empty log.
func New(st styles.Styles) Model { return Model{styles: st} }

// SetSize sets the pane's size, its title line included.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles changes the looks.
func (m *Model) SetStyles(st styles.Styles) { m.styles = st }

// Add appends a line (escaped: servers may send anything).
func (m *Model) Add(k Kind, text string) {
	if k == Error {
		text = time.Now().Format("15:04:05 ") + "error: " + text
	}
	for _, l := range strings.Split(text, "\n") {
		m.lines = append(m.lines, line{k, pane.Escape(l)})
	}
	if over := len(m.lines) - maxLines; over > 0 {
		m.lines = append(m.lines[:0], m.lines[over:]...)
	}
}

// Len is the number of lines kept.
func (m Model) Len() int { return len(m.lines) }

// View draws the title and the last lines that fit.
func (m Model) View() string {
	var b strings.Builder
	b.WriteString(m.styles.Pane.TitleActive.Render(ansi.Truncate("─ log "+strings.Repeat("─", m.width), m.width, "")))
	rows := max(0, m.height-1)
	start := max(0, len(m.lines)-rows)
	for i := 0; i < rows; i++ {
		b.WriteByte('\n')
		if start+i < len(m.lines) {
			b.WriteString(m.render(m.lines[start+i]))
		}
	}
	return b.String()
}

func (m Model) render(l line) string {
	prefix := session.TraceReceived.Prefix()
	st := m.styles.Log.Received
	switch l.kind {
	case Sent:
		prefix, st = session.TraceSent.Prefix(), m.styles.Log.Sent
	case Info:
		prefix, st = session.TraceInfo.Prefix(), m.styles.Log.Info
	case Error:
		st = m.styles.Log.Error
	}
	return st.Render(ansi.Truncate(prefix+l.text, m.width, "…"))
}
