package pane

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/ftpane/ftpane/session"
	dircmp "github.com/ftpane/ftpane/ui/compare"
)

// A row keeps how precisely its listing knew its time (a LIST line knows
// minutes, or only the date) in two high bits of its flags, the low ones
// being table.go's.
const (
	flagMinutes = 1 << 6
	flagDays    = 1 << 7
)

// precisionFlags are the flags of an entry's time precision, read from
// its listing line (which the table does not keep).
func precisionFlags(e session.Entry) uint8 {
	switch dircmp.PrecisionOf(e) {
	case dircmp.Minutes:
		return flagMinutes
	case dircmp.Days:
		return flagDays
	}
	return 0
}

func (r *row) precision() dircmp.Precision {
	switch {
	case r.flags&flagDays != 0:
		return dircmp.Days
	case r.flags&flagMinutes != 0:
		return dircmp.Minutes
	}
	return dircmp.Seconds
}

// CompareFiles is the folder as a comparison sees it: the entries shown
// (hidden files only while they are shown; the filter does not narrow
// it), each with its time's precision.
func (m Model) CompareFiles() []dircmp.File {
	out := make([]dircmp.File, 0, len(m.sorted))
	for _, i := range m.sorted {
		e := m.tab.peek(i)
		e.Name = strings.Clone(e.Name)
		out = append(out, dircmp.FileOf(e, m.tab.rows[i].precision()))
	}
	return out
}

// SetCompare shows a comparison's result of each name, in colour (or, with
// NO_COLOR, as a sign before the name); nil shows none.
func (m *Model) SetCompare(res map[string]dircmp.Result) { m.cmp = res }

// Compared reports whether the pane shows a comparison.
func (m Model) Compared() bool { return m.cmp != nil }

// MarkNames marks exactly the shown entries named in names (the filter
// aside) and returns how many that is.
func (m *Model) MarkNames(names map[string]bool) int {
	m.clearMarks()
	n := 0
	for _, i := range m.sorted {
		if names[m.tab.name(i)] {
			m.setMark(i, true)
			n++
		}
	}
	return n
}

// compareStyle is the colour of a compared name; ok is false when it
// keeps its own (the same on both sides, not compared, or no colours).
func (m Model) compareStyle(name string) (lipgloss.Style, bool) {
	if m.cmp == nil || m.styles.NoColor {
		return lipgloss.Style{}, false
	}
	st := m.styles.Compare
	switch m.cmp[name] {
	case dircmp.Newer:
		return st.Newer, true
	case dircmp.Older:
		return st.Older, true
	case dircmp.OnlyHere:
		return st.OnlyHere, true
	case dircmp.Differs:
		return st.Differs, true
	}
	return lipgloss.Style{}, false
}

// compareMarker is the sign of a compared name in the column that shows
// results without colour: "" when the pane shows no comparison or has
// colours.
func (m Model) compareMarker(name string) string {
	if m.cmp == nil || !m.styles.NoColor {
		return ""
	}
	return m.cmp[name].Marker()
}
