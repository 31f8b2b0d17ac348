package viewer

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// matcher finds the search text in bytes, with smart case (less -i,
// vim's smartcase): without an upper case letter in the pattern, case
// is ignored. It holds no buffer, so the screen and a running search may
// share one.
type matcher struct {
	pat  []byte
	fold bool // ignore ASCII case: pat is in lower case
	// Ignoring case beyond ASCII: the runes each rune of the pattern
	// matches, and the first rune's as UTF-8, to look for.
	orbits  [][]rune
	anchors [][]byte
	span    int // the most bytes a match takes
}

func newMatcher(pattern string) matcher {
	m := matcher{pat: []byte(pattern), span: len(pattern)}
	switch {
	case strings.IndexFunc(pattern, unicode.IsUpper) >= 0:
	case strings.IndexFunc(pattern, func(r rune) bool { return r >= utf8.RuneSelf && unicode.SimpleFold(r) != r }) >= 0:
		m.span = 0
		for _, r := range pattern {
			o := orbit(r)
			m.orbits = append(m.orbits, o)
			longest := 0
			for _, v := range o {
				longest = max(longest, utf8.RuneLen(v))
			}
			m.span += longest
		}
		for _, v := range m.orbits[0] {
			m.anchors = append(m.anchors, utf8.AppendRune(nil, v))
		}
	default:
		m.fold = true
		m.pat = bytes.ToLower(m.pat)
	}
	return m
}

// orbit is r and the runes Unicode folds it with (K, k and the Kelvin
// sign).
func orbit(r rune) []rune {
	o := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		o = append(o, f)
	}
	return o
}

// reach is how far past its start a match may end: the overlap a search
// keeps between two reads.
func (m matcher) reach() int { return max(1, m.span) }

// prepare is the bytes find looks in: b, or b in lower case when the
// case of ASCII letters is ignored (scratch is reused for it).
func (m matcher) prepare(b []byte, scratch *[]byte) []byte {
	if m.fold {
		return lowerASCII(b, scratch)
	}
	return b
}

// find is the first match in prepared bytes: its start and end, or -1.
func (m matcher) find(hay []byte) (int, int) {
	switch {
	case len(m.pat) == 0:
		return -1, -1
	case m.orbits != nil:
		return m.findFolded(hay)
	}
	if i := bytes.Index(hay, m.pat); i >= 0 {
		return i, i + len(m.pat)
	}
	return -1, -1
}

// findFolded looks for each form of the first rune (a fast byte search)
// and checks the runes after it. next holds where each form occurs next,
// so each is searched for once over hay.
func (m matcher) findFolded(hay []byte) (int, int) {
	next := make([]int, len(m.anchors))
	for i := range next {
		next[i] = -2 // not looked for yet
	}
	for at := 0; ; {
		best := -1
		for v, a := range m.anchors {
			if next[v] != -1 && next[v] < at {
				if i := bytes.Index(hay[at:], a); i >= 0 {
					next[v] = at + i
				} else {
					next[v] = -1
				}
			}
			if next[v] >= 0 && (best < 0 || next[v] < best) {
				best = next[v]
			}
		}
		if best < 0 {
			return -1, -1
		}
		if end, ok := m.foldedAt(hay, best); ok {
			return best, end
		}
		at = best + 1
	}
}

// foldedAt reports whether the pattern, case ignored, starts at hay[p],
// and where it ends.
func (m matcher) foldedAt(hay []byte, p int) (int, bool) {
	for _, o := range m.orbits {
		r, size := utf8.DecodeRune(hay[p:])
		if size == 0 || !slices.Contains(o, r) {
			return 0, false
		}
		p += size
	}
	return p, true
}

// all finds the matches in b that do not overlap, for the screen.
func (m matcher) all(b []byte) [][2]int {
	var out [][2]int
	var scratch []byte
	hay := m.prepare(b, &scratch)
	for at := 0; at < len(hay); {
		i, j := m.find(hay[at:])
		if i < 0 {
			break
		}
		out = append(out, [2]int{at + i, at + j})
		at += max(j, i+1)
	}
	return out
}

func lowerASCII(b []byte, scratch *[]byte) []byte {
	if scratch == nil {
		scratch = new([]byte)
	}
	if cap(*scratch) < len(b) {
		*scratch = make([]byte, len(b))
	}
	out := (*scratch)[:len(b)]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
