package session

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// A server that is not UTF-8 sends names in its own charset, and without
// --encoding they show as escapes or as the wrong letters (GBK "目录" read
// as Latin-1 is "Ä¿Â¼"). GuessCharset looks at the raw bytes of the names
// of a listing and says which legacy charset they most likely are, by
// decoding them in each candidate and scoring the characters that come
// out: the frequent characters of the candidate's language score high,
// rare ones, symbols and half-width kana low, and a charset in which the
// bytes are not valid at all is out.

// charsetCandidate is one charset GuessCharset weighs.
type charsetCandidate struct {
	name  string // as --encoding and :charset take it
	enc   encoding.Encoding
	score func(prev, r rune) float64
}

var charsetCandidates = []charsetCandidate{
	{"utf-8", xunicode.UTF8, scoreAny}, // first: it wins ties
	{"gbk", simplifiedchinese.GBK, scoreSimplified},
	{"gb18030", simplifiedchinese.GB18030, scoreSimplified},
	{"big5", traditionalchinese.Big5, scoreTraditional},
	{"shift_jis", japanese.ShiftJIS, scoreJapanese},
	{"euc-kr", korean.EUCKR, scoreKorean},
	{"windows-1251", charmap.Windows1251, scoreCyrillic},
	{"latin1", charmap.Windows1252, scoreLatin},
}

// utf8Bonus is added to UTF-8's mean score: bytes that happen to be valid
// UTF-8 are rare unless they are UTF-8, so plausible UTF-8 text ("mañana",
// whose "ñ" bytes are Big5 for a common 簽) wins, and only implausible
// text (GBK "目录" as "Ŀ¼") loses to a legacy charset.
const utf8Bonus = 3

// CharsetGuess is GuessCharset's answer.
type CharsetGuess struct {
	// Charset is the name to give --encoding or :charset ("gbk",
	// "shift_jis" ...), "utf-8" when the names are valid UTF-8, or empty
	// when the names are plain ASCII and say nothing.
	Charset string
	// Sample is the first non-ASCII name decoded in that charset.
	Sample string
}

// GuessCharset scores raw names (as the server sent them) in UTF-8 and
// each legacy charset and returns the best. Valid UTF-8 is no proof: GBK
// "目录" is valid UTF-8 for "Ŀ¼", which scores low as text.
func GuessCharset(names []string) CharsetGuess {
	var nonASCII []string
	for _, n := range names {
		if !isASCII(n) {
			nonASCII = append(nonASCII, n)
		}
	}
	if len(nonASCII) == 0 {
		return CharsetGuess{}
	}
	best, bestScore, sample := "", 0.0, ""
	for _, c := range charsetCandidates {
		s, first, ok := c.scoreNames(nonASCII)
		if c.name == "utf-8" {
			s += utf8Bonus
		}
		if ok && (best == "" || s > bestScore) {
			best, bestScore, sample = c.name, s, first
		}
	}
	return CharsetGuess{Charset: best, Sample: sample}
}

// scoreNames decodes every name, returning the mean score per non-ASCII
// character (so charsets of one, two and three bytes per character
// compare); ok is false when a name is not valid in the charset (it does not
// decode, or does not encode back to the same bytes).
func (c charsetCandidate) scoreNames(names []string) (score float64, first string, ok bool) {
	var total float64
	var runes int
	for _, n := range names {
		dec, err := c.enc.NewDecoder().String(n)
		if err != nil || strings.ContainsRune(dec, utf8.RuneError) {
			return 0, "", false
		}
		if back, err := c.enc.NewEncoder().String(dec); err != nil || back != n {
			return 0, "", false
		}
		if first == "" {
			first = dec
		}
		prev := ' '
		for _, r := range dec {
			if r >= utf8.RuneSelf {
				total += c.score(prev, r)
				runes++
			}
			prev = r
		}
	}
	return total / float64(max(runes, 1)), first, true
}

func scoreHanzi(common string) func(prev, r rune) float64 {
	return func(_, r rune) float64 {
		switch {
		case strings.ContainsRune(common, r):
			return 4
		case unicode.Is(unicode.Han, r):
			return 0.5
		case isCJKPunct(r):
			return 1
		}
		return -2
	}
}

// scoreAny scores UTF-8: whatever script a character is in, it scores as
// that script's charset would score it.
func scoreAny(prev, r rune) float64 {
	best := -2.0
	for _, f := range []func(prev, r rune) float64{scoreSimplified, scoreTraditional, scoreJapanese,
		scoreKorean, scoreCyrillic, scoreLatin} {
		best = max(best, f(prev, r))
	}
	return best
}

var (
	scoreSimplified  = scoreHanzi(commonSimplified)
	scoreTraditional = scoreHanzi(commonTraditional)
)

func scoreJapanese(_, r rune) float64 {
	switch {
	case r >= 0x3041 && r <= 0x30FF: // hiragana and katakana
		return 4
	case strings.ContainsRune(commonKanji, r):
		return 3
	case unicode.Is(unicode.Han, r):
		return 1
	case isCJKPunct(r):
		return 1
	}
	return -2 // half-width katakana, symbols: what other charsets' bytes become
}

func scoreKorean(_, r rune) float64 {
	switch {
	case strings.ContainsRune(commonHangul, r):
		return 4
	case r >= 0xAC00 && r <= 0xD7A3:
		return 0.5
	case isCJKPunct(r):
		return 1
	}
	return -2
}

func scoreCyrillic(prev, r rune) float64 {
	lower := unicode.ToLower(r)
	if !strings.ContainsRune(cyrillicLower, lower) {
		return -1
	}
	if prev < utf8.RuneSelf && unicode.IsLetter(prev) {
		return -1 // a Cyrillic letter inside a Latin word
	}
	if r == lower {
		return 2
	}
	if strings.ContainsRune(cyrillicLower, prev) {
		return -1 // an upper-case letter inside a word
	}
	return 1
}

func scoreLatin(prev, r rune) float64 {
	if r < 0xC0 || r > 0xFF || r == 0xD7 || r == 0xF7 {
		return -1 // symbols, or letters outside Latin-1's accented block
	}
	if prev < utf8.RuneSelf && unicode.IsLetter(prev) {
		return 1.5
	}
	return 1
}

func isCJKPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF5E
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
