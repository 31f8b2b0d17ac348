// Package textsafe is ftpane's one edge to the terminal: every byte that
// came from a server, a file name or a file's content passes through it
// before it reaches a screen, a log or batch output.
//
// A terminal acts on control characters: ESC starts sequences that set
// the window title (OSC 0), write the clipboard (OSC 52), draw links
// (OSC 8), query the terminal (DCS) or clear the screen (CSI 2J); C1
// controls do the same in one byte on some terminals; CR and BS
// overwrite what is shown; bidi controls (U+202E, right-to-left override)
// make "bidi\u202Etxt.exe" display as another name. textsafe shows all of
// them as visible escapes instead, so the user sees what the server sent
// and the terminal never acts on it.
package textsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// String returns s with every control character (C0 including TAB and
// LF, DEL, C1), every bidi control and every invalid UTF-8 byte written as
// a visible escape: \x1b, \x7f, \u009b, \u202e, and \xff for a byte that
// is not UTF-8. Everything else, CJK and emoji included, is kept.
//
// The result holds no control or bidi rune and is valid UTF-8, and
// String(String(s)) == String(s): text escaped twice (a name in a
// message that is escaped again at the screen) shows the same.
func String(s string) string { return escape(s, false) }

// Lines is String for text of several lines: LF and TAB are kept, every
// other control is escaped. Batch output and shell replies use it.
func Lines(s string) string { return escape(s, true) }

func escape(s string, lines bool) string {
	if clean(s, lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	write(&b, s, lines)
	return b.String()
}

// Unsafe reports whether r must be escaped: C0 and C1 controls, DEL, and
// the bidi embeddings, overrides, isolates and marks.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c: // LRM, RLM, ALM
		return true
	}
	return false
}

// clean reports whether s needs no escape (the common case: no copy).
func clean(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return cleanUTF8(s[i:], lines)
		}
		if c < 0x20 && !(lines && (c == '\n' || c == '\t')) || c == 0x7f {
			return false
		}
	}
	return true
}

func cleanUTF8(s string, lines bool) bool {
	for i, r := range s {
		if r == utf8.RuneError && invalidAt(s, i) {
			return false
		}
		if Unsafe(r) && !(lines && (r == '\n' || r == '\t')) {
			return false
		}
	}
	return true
}

// invalidAt reports whether the RuneError at s[i:] is a bad byte, not a
// U+FFFD that was really there.
func invalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

func write(b *strings.Builder, s string, lines bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && invalidAt(s, i):
			fmt.Fprintf(b, `\x%02x`, s[i])
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case Unsafe(r) && r < 0x80:
			fmt.Fprintf(b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
}

// Bidi escapes only the bidi controls of s (as \u202e), keeping every
// other byte: for a whole screen that already holds our own styling
// (ESC sequences), as the last guard behind the per-text escapes. Input
// fields drop control characters themselves but keep bidi controls.
func Bidi(s string) string {
	if !strings.ContainsFunc(s, isBidi) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isBidi(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidi: the bidi controls and marks (Unsafe above C1).
func isBidi(r rune) bool { return r > 0x9f && Unsafe(r) }

// Writer escapes what is written through it as Lines does. Each Write is
// escaped on its own, so callers write whole strings (a line, a reply):
// a UTF-8 sequence split over two writes shows as its bytes' escapes.
type Writer struct{ w io.Writer }

// NewWriter wraps w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it; it reports len(p) on success, as the
// escaped text may be longer.
func (w *Writer) Write(p []byte) (int, error) {
	s := Lines(string(p))
	if _, err := io.WriteString(w.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
