package pane

import (
	"unicode"
	"unicode/utf8"
)

// cmpFold orders two names as strings.Compare(strings.ToLower(a),
// strings.ToLower(b)) would, without making the lower-case copies: a pane
// no longer keeps a lower-cased name per entry, and sorting a folder
// compares names about twenty times each. ASCII goes a byte at a time;
// from the first other byte on, runes are lowered one by one (invalid
// bytes count as U+FFFD, as in ToLower). UTF-8 sorts by code point, so
// comparing runes is comparing their encodings.
func cmpFold(a, b string) int {
	i := 0
	for ; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if ca == cb { // most of a sort's comparing: a common prefix
			continue
		}
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return cmpFoldFrom(a, b, i)
		}
		if ca, cb = lower(ca), lower(cb); ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	if (i < len(a) && !utf8.RuneStart(a[i])) || (i < len(b) && !utf8.RuneStart(b[i])) {
		return cmpFoldFrom(a, b, i) // one ends inside a rune the other goes on with
	}
	return cmpInt(int64(len(a)-i), int64(len(b)-i))
}

// cmpFoldFrom compares rune by rune from the start of the rune at i.
// There both strings have a rune start: no rune before it reaches past
// it, so the equal bytes before it decode alike in both.
func cmpFoldFrom(a, b string, i int) int {
	for i > 0 && !(startsRune(a, i) && startsRune(b, i)) {
		i--
	}
	return cmpFoldRunes(a[i:], b[i:])
}

func startsRune(s string, i int) bool { return i >= len(s) || utf8.RuneStart(s[i]) }

func cmpFoldRunes(a, b string) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra, rb = unicode.ToLower(ra), unicode.ToLower(rb); ra != rb {
			return cmpInt(int64(ra), int64(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return cmpInt(int64(len(a)), int64(len(b)))
}
