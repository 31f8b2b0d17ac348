package pane

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// errNoop ends a listing request that turned into something else (a link
// to a file): the spinner stops, nothing is reported.
var errNoop = errors.New("not a folder")

// IsNoop reports whether a listing error needs no message.
func IsNoop(err error) bool { return errors.Is(err, errNoop) }

// handleFilterKey edits the filter as it is typed: the list narrows at
// each keystroke, Enter keeps it (cursor on the best match), Esc drops it.
func (m *Model) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.clearFilter()
	case "enter":
		m.filter.typing = false
		if m.filter.text == "" {
			return nil
		}
		m.cursor = 0
		m.scrollToCursor()
	case "backspace":
		r := []rune(m.filter.text)
		if len(r) == 0 {
			m.filter.typing = false
			return nil
		}
		m.setFilter(string(r[:len(r)-1]))
	case "ctrl+u":
		m.setFilter("")
	case "up", "down", "pgup", "pgdown":
		m.handleMove(msg)
	default:
		if t := msg.Key().Text; t != "" && msg.Key().Mod&^tea.ModShift == 0 {
			m.setFilter(m.filter.text + t)
		}
	}
	return nil
}

// setFilter applies a new filter text. A longer text can only match
// fewer names, so typing on searches only the current matches.
func (m *Model) setFilter(text string) {
	cands := m.sorted
	if old := m.filter.text; old != "" && strings.HasPrefix(text, old) {
		cands = m.narrowed()
	}
	m.filter.text = text
	m.refilter(cands, "")
	m.cursor, m.offset = 0, 0
}

// narrowed is the shown rows back in sorted order.
func (m *Model) narrowed() []int {
	shown := make([]bool, m.tab.len())
	for _, i := range m.view {
		if i != upRow {
			shown[i] = true
		}
	}
	out := make([]int, 0, len(m.view))
	for _, i := range m.sorted {
		if shown[i] {
			out = append(out, i)
		}
	}
	return out
}

func (m *Model) clearFilter() {
	m.filter = filterState{}
	m.keepCursor(func() { m.refilter(m.sorted, "") })
}

// SetFilter types a whole filter at once (tests, the command line).
func (m *Model) SetFilter(text string, typing bool) {
	m.filter.typing = typing
	m.setFilter(text)
}

// Paste adds pasted text to the filter being typed; it reports whether a
// filter was being typed. Line ends and tabs become spaces and other
// control characters are dropped, as in the other text fields.
func (m *Model) Paste(text string) bool {
	if !m.filter.typing {
		return false
	}
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		m.setFilter(m.filter.text + b.String())
	}
	return true
}
