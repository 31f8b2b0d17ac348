package viewer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/ui/pane"
)

// span is a piece of a line as shown: text already escaped (safe to
// print), and whether it is a search match.
type span struct {
	text string
	hl   bool
}

// textSpans is a text line as shown: without its line end, tabs as four
// spaces, control characters escaped, the matches in mt (nil: none)
// marked. The pieces between matches are escaped one by one, which shows
// them exactly as escaping the whole line would: escapes are per rune.
// head and tail are the bytes around a line cut from a longer one, for
// a match across the cut.
func textSpans(raw, head, tail []byte, mt *matcher) []span {
	if b, ok := bytes.CutSuffix(raw, []byte("\n")); ok {
		raw = bytes.TrimSuffix(b, []byte("\r"))
	}
	var out []span
	prev := 0
	if mt != nil {
		for _, r := range mt.all(slices.Concat(head, raw, tail)) {
			a, b := max(0, r[0]-len(head)), min(len(raw), r[1]-len(head))
			if a >= b || a < prev {
				continue
			}
			out = appendSpan(out, escapeText(raw[prev:a]), false)
			out = appendSpan(out, escapeText(raw[a:b]), true)
			prev = b
		}
	}
	return appendSpan(out, escapeText(raw[prev:]), false)
}

func escapeText(b []byte) string {
	return pane.Escape(strings.ReplaceAll(string(b), "\t", "    "))
}

// appendSpan adds text, joining it to the last span when both look alike.
func appendSpan(out []span, text string, hl bool) []span {
	switch {
	case text == "":
		return out
	case len(out) > 0 && out[len(out)-1].hl == hl:
		out[len(out)-1].text += text
		return out
	}
	return append(out, span{text, hl})
}

// hexSpans is a row as hexdump -C shows it: the offset, 16 bytes in two
// groups of 8, and the bytes as ASCII with '.' for those not printable.
// hl marks the bytes of matches (nil: none).
func hexSpans(off int64, row []byte, hl []bool) []span {
	on := func(i int) bool { return hl != nil && i < len(row) && hl[i] }
	out := []span{{fmt.Sprintf("%08x  ", off), false}}
	for i := range hexWidth {
		cell := "  "
		if i < len(row) {
			cell = fmt.Sprintf("%02x", row[i])
		}
		out = appendSpan(out, cell, on(i))
		sep := " "
		if i == 7 {
			sep = "  "
		}
		out = appendSpan(out, sep, on(i) && on(i+1) && i != 7)
	}
	out = appendSpan(out, " |", false)
	for i, c := range row {
		if c < 0x20 || c > 0x7e {
			c = '.'
		}
		out = appendSpan(out, string(rune(c)), on(i))
	}
	return appendSpan(out, "|", false)
}

// layout cuts a line's spans into screen rows of width cells: when wrap,
// as many rows as it takes; else one row from cell skip on, cut with "…"
// where it goes past the edge. A wide character is never split.
func layout(spans []span, width, skip int, wrap bool) [][]span {
	width = max(1, width)
	rows := [][]span{nil}
	col := 0     // cells in the current row
	skipped := 0 // cells left out on the left
	cut := false
	for _, sp := range spans {
		for rest := sp.text; rest != ""; {
			g, w := nextCluster(rest)
			rest = rest[len(g):]
			if !wrap && skipped < skip {
				skipped += w
				if skipped <= skip {
					continue
				}
				g, w = strings.Repeat(" ", skipped-skip), skipped-skip // a wide character across the edge
			}
			if col+w > width && col > 0 {
				if !wrap {
					cut = true
					break
				}
				rows, col = append(rows, nil), 0
			}
			r := &rows[len(rows)-1]
			*r = appendSpan(*r, g, sp.hl)
			col += w
		}
		if cut {
			break
		}
	}
	if cut {
		rows[0] = ellipsis(rows[0], width)
	}
	return rows
}

// nextCluster is the first grapheme of s and its width; printable ASCII
// (all of escaped text that is not UTF-8 beyond it) without the look-up.
func nextCluster(s string) (string, int) {
	if c := s[0]; c < 0x80 && (len(s) == 1 || s[1] < 0x80) {
		return s[:1], 1
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

// ellipsis ends a row that was cut with "…", in its last cell.
func ellipsis(row []span, width int) []span {
	var out []span
	col := 0
	for _, sp := range row {
		for rest := sp.text; rest != ""; {
			g, w := nextCluster(rest)
			rest = rest[len(g):]
			if col+w > width-1 {
				return appendSpan(out, "…", false)
			}
			out = appendSpan(out, g, sp.hl)
			col += w
		}
	}
	return appendSpan(out, "…", false)
}

// rowCount is how many screen rows a line takes when wrapped.
func rowCount(spans []span, width int) int {
	width = max(1, width)
	rows, col := 1, 0
	for _, sp := range spans {
		if isASCII(sp.text) && col+len(sp.text) <= width {
			col += len(sp.text)
			continue
		}
		for rest := sp.text; rest != ""; {
			g, w := nextCluster(rest)
			rest = rest[len(g):]
			if col+w > width && col > 0 {
				rows, col = rows+1, 0
			}
			col += w
		}
	}
	return rows
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// spansWidth is the cells a line takes unwrapped.
func spansWidth(spans []span) int {
	w := 0
	for _, sp := range spans {
		w += ansi.StringWidth(sp.text)
	}
	return w
}

// renderRow draws a row: matches in the highlight style.
func renderRow(row []span, hl lipgloss.Style) string {
	var b strings.Builder
	for _, sp := range row {
		if sp.hl {
			b.WriteString(hl.Render(sp.text))
		} else {
			b.WriteString(sp.text)
		}
	}
	return b.String()
}
