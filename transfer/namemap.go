package transfer

import (
	"slices"
	"strings"
	"unicode"
)

// NameMap is classic ftp's handling of a target name the user did not
// give (mget's names, get without a local name): case folds an all
// upper-case name to lower case on downloads, then ntrans translates
// characters, then nmap rewrites the name by pattern. The planner
// applies it, then checks the result like any other name.
type NameMap struct {
	Case   bool
	Ntrans *[2]string // in, out; nil: off
	Nmap   *[2]string // in, out; nil: off
}

// Apply maps name; download says the target is local (case applies).
func (m NameMap) Apply(name string, download bool) string {
	if download && m.Case && !strings.ContainsFunc(name, unicode.IsLower) {
		name = strings.ToLower(name)
	}
	if m.Ntrans != nil {
		name = Ntrans(name, m.Ntrans[0], m.Ntrans[1])
	}
	if m.Nmap != nil {
		name = Nmap(name, m.Nmap[0], m.Nmap[1])
	}
	return name
}

// Ntrans translates the characters of name found in in to the character
// at the same place in out, and deletes those beyond the end of out.
func Ntrans(name, in, out string) string {
	inR, outR := []rune(in), []rune(out)
	var b strings.Builder
	for _, c := range name {
		i := slices.Index(inR, c)
		switch {
		case i < 0:
			b.WriteRune(c)
		case i < len(outR):
			b.WriteRune(outR[i])
		}
	}
	return b.String()
}

// Nmap maps name through the classic ftp patterns: in matches name with
// $1..$9 taking the text up to the next literal character of in; out
// builds the new name from $0 (the whole name), $1..$9, [seq1,seq2] (seq1
// when it expands to something, else seq2) and backslash escapes. An empty
// result keeps the name.
func Nmap(name, in, out string) string {
	toks := nmapMatch(name, in)
	res := nmapBuild(out, name, toks)
	if res == "" {
		return name
	}
	return res
}

// nmapMatch fills the $1..$9 tokens of in from name.
func nmapMatch(name, in string) [10]string {
	var toks [10]string
	pos := 0
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c == '$' && i+1 < len(in) && in[i+1] >= '1' && in[i+1] <= '9' {
			n := int(in[i+1] - '0')
			i++
			end := len(name)
			if i+1 < len(in) {
				if k := strings.IndexByte(name[pos:], literalAt(in, i+1)); k >= 0 {
					end = pos + k
				}
			}
			toks[n] = name[pos:end]
			pos = end
			continue
		}
		if c == '\\' && i+1 < len(in) {
			i++
			c = in[i]
		}
		if pos < len(name) && name[pos] == c {
			pos++
		}
	}
	return toks
}

// literalAt is the literal character at in[i] (after a backslash).
func literalAt(in string, i int) byte {
	if in[i] == '\\' && i+1 < len(in) {
		return in[i+1]
	}
	return in[i]
}

// nmapBuild expands an output pattern.
func nmapBuild(out, name string, toks [10]string) string {
	var b strings.Builder
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case c == '\\' && i+1 < len(out):
			i++
			b.WriteByte(out[i])
		case c == '$' && i+1 < len(out) && out[i+1] >= '0' && out[i+1] <= '9':
			i++
			if out[i] == '0' {
				b.WriteString(name)
			} else {
				b.WriteString(toks[out[i]-'0'])
			}
		case c == '[':
			alt, n := nmapAlt(out[i:], name, toks)
			b.WriteString(alt)
			i += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// nmapAlt expands "[seq1,seq2]" at the start of s and returns the chosen
// text and how many bytes of s it used. A "[" without its "]" is literal.
func nmapAlt(s, name string, toks [10]string) (string, int) {
	depth, comma := 0, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ',':
			if depth == 1 && comma < 0 {
				comma = i
			}
		case ']':
			if depth--; depth == 0 {
				if comma < 0 {
					return nmapBuild(s[1:i], name, toks), i + 1
				}
				if first := nmapBuild(s[1:comma], name, toks); first != "" {
					return first, i + 1
				}
				return nmapBuild(s[comma+1:i], name, toks), i + 1
			}
		}
	}
	return "[", 1
}
