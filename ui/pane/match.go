package pane

import (
	"unicode"
	"unicode/utf8"
)

// The scoring of github.com/sahilm/fuzzy (Sublime Text style), which the
// tests use as the reference. It is reimplemented here because the library
// allocates a Match and its positions for every candidate: over 100,000
// names that costs a frame or more per keystroke, where this costs a few
// milliseconds. Ranking only needs the score; positions are computed for
// the rows on screen.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// match scores s against pattern, taking the byte path when it can; ap
// is asciiPattern(pattern).
func match(pattern []rune, ap []byte, s string, pos []int) (int, []int, bool) {
	if ap != nil && isASCII(s) {
		return fuzzyMatchASCII(ap, s, pos)
	}
	return fuzzyMatch(pattern, s, pos)
}

// fuzzyMatch scores s against pattern, appending the matched byte
// positions to pos (pass pos[:0] to reuse a buffer). ok is false when
// pattern is not a subsequence of s.
func fuzzyMatch(pattern []rune, s string, pos []int) (score int, _ []int, ok bool) {
	if len(pattern) == 0 {
		return 0, pos, false
	}
	start := len(pos)
	pi, best, matched, adjacent, lastIndex := 0, -1, -1, 0, 0
	var last rune
	next, nextSize := decodeAt(s, 0)
	for j := 0; j < len(s); {
		c, size := next, nextSize
		if foldEq(c, pattern[pi]) {
			sc := 0
			if j == 0 {
				sc += firstCharMatchBonus
			}
			if isLower(last) && isUpper(c) {
				sc += camelCaseMatchBonus
			}
			if j != 0 && isSeparator(last) {
				sc += matchFollowingSeparatorBonus
			}
			if len(pos) > start && pos[len(pos)-1] == lastIndex {
				bonus := adjacent*2 + adjacentMatchBonus
				sc += bonus
				adjacent += bonus
			}
			if sc > best {
				best, matched = sc, j
			}
		}
		var nextp rune
		if pi < len(pattern)-1 {
			nextp = pattern[pi+1]
		}
		next, nextSize = decodeAt(s, j+size)
		if (foldEq(nextp, next) || next == 0) && matched > -1 {
			if len(pos) == start {
				best += max(matched*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			score += best
			pos = append(pos, matched)
			best, matched = -1, -1
			pi++
		}
		lastIndex, last = j, c
		j += size
	}
	n := len(pos) - start
	return score + n - len(s), pos, n == len(pattern)
}

// asciiPattern is the pattern lower-cased as bytes, or nil when it is not
// all ASCII.
func asciiPattern(pattern []rune) []byte {
	out := make([]byte, len(pattern))
	for i, r := range pattern {
		if r >= utf8.RuneSelf {
			return nil
		}
		out[i] = lower(byte(r))
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// fuzzyMatchASCII is fuzzyMatch for an ASCII pattern (lower-cased) and
// name: the same scores, a byte at a time.
func fuzzyMatchASCII(p []byte, s string, pos []int) (score int, _ []int, ok bool) {
	start := len(pos)
	pi, best, matched, adjacent := 0, -1, -1, 0
	var last byte
	for j := 0; j < len(s); j++ {
		c := s[j]
		if lower(c) == p[pi] {
			sc := 0
			switch {
			case j == 0:
				sc = firstCharMatchBonus
			case isSeparator(rune(last)):
				sc = matchFollowingSeparatorBonus
			}
			if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
				sc += camelCaseMatchBonus
			}
			if len(pos) > start && pos[len(pos)-1] == j-1 {
				bonus := adjacent*2 + adjacentMatchBonus
				sc += bonus
				adjacent += bonus
			}
			if sc > best {
				best, matched = sc, j
			}
		}
		end := j+1 == len(s)
		if matched > -1 && (end || pi < len(p)-1 && lower(s[j+1]) == p[pi+1]) {
			if len(pos) == start {
				best += max(matched*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			score += best
			pos = append(pos, matched)
			best, matched = -1, -1
			pi++ // the last pattern letter is placed only at the end of s
		}
		last = c
	}
	n := len(pos) - start
	return score + n - len(s), pos, n == len(p)
}

func decodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	if a < b {
		a, b = b, a
	}
	if a < utf8.RuneSelf {
		return 'A' <= b && b <= 'Z' && a == b+'a'-'A'
	}
	r := unicode.SimpleFold(b)
	for r != b && r < a {
		r = unicode.SimpleFold(r)
	}
	return r == a
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isSeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
