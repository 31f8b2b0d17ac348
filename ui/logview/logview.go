// Package logview is the log pane: the control-connection transcript
// (passwords already masked by the session) and every error, newest last.
package logview

import (
	"fmt"
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
	back   int // lines scrolled back from the end; 0 follows new lines
	active bool
	styles styles.Styles
}

// SetActive says whether the log has the focus (its keys scroll it).
func (m *Model) SetActive(a bool) { m.active = a }

// Scroll moves the view delta lines (negative: back in time), staying
// within the transcript.
func (m *Model) Scroll(delta int) {
	m.back = max(0, min(m.back-delta, len(m.lines)-m.rows()))
}

// Page is one screenful of lines, for PgUp and PgDn.
func (m Model) Page() int { return max(1, m.rows()-1) }

// ScrollTop and ScrollEnd go to the first line and back to following.
func (m *Model) ScrollTop() { m.Scroll(-len(m.lines)) }

// ScrollEnd follows new lines again.
func (m *Model) ScrollEnd() { m.back = 0 }

func (m Model) rows() int { return max(0, m.height-1) }

// New makes an empty log.
func New(st styles.Styles) Model { return Model{styles: st} }

// SetSize sets the pane's size, its title line included.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// SetStyles changes the looks.
func (m *Model) SetStyles(st styles.Styles) { m.styles = st }

// Lines is the log's text, oldest first (as shown, escaped).
func (m Model) Lines() []string {
	out := make([]string, len(m.lines))
	for i, l := range m.lines {
		out[i] = l.text
	}
	return out
}

// Add appends a line (escaped: servers may send anything).
func (m *Model) Add(k Kind, text string) {
	if k == Error {
		text = time.Now().Format("15:04:05 ") + "error: " + text
	}
	for _, l := range strings.Split(text, "\n") {
		m.lines = append(m.lines, line{k, pane.Escape(l)})
		if m.back > 0 { // scrolled back: the view stays where it is
			m.back++
		}
	}
	if over := len(m.lines) - maxLines; over > 0 {
		m.back = min(m.back, len(m.lines)-over)
		m.lines = append(m.lines[:0], m.lines[over:]...)
	}
}

// Len is the number of lines kept.
func (m Model) Len() int { return len(m.lines) }

// View draws the title and the last lines that fit.
func (m Model) View() string {
	var b strings.Builder
	title := "─ log "
	if m.back > 0 {
		title += fmt.Sprintf("(%d more below) ", m.back)
	}
	st := m.styles.Pane.Title
	if m.active {
		st = m.styles.Pane.TitleActive
	}
	b.WriteString(st.Render(ansi.Truncate(title+strings.Repeat("─", m.width), m.width, "")))
	rows := m.rows()
	start := max(0, len(m.lines)-rows-m.back)
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
