package viewer

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/ui/styles"
)

func TestMatcherSmartCase(t *testing.T) {
	cases := []struct {
		pat, hay string
		at       int // -1: no match
	}{
		{"needle", "a NeEdLe", 2},
		{"Needle", "a needle, a Needle", 12},
		{"Needle", "NEEDLE", -1},
		{"école", "une ÉCOLE", 4},
		{"École", "une école", -1},
		{"straße", "STRAẞE", 0},
		{"kelvin", "\u212aelvin", -1},  // lower ASCII ignores ASCII case only
		{"ökelvin", "Ö\u212aELVIN", 0}, // beyond ASCII, every fold of each letter
		{"ab", "xaab", 2},
		{"ß", "\xff\xc3\x9f", 1},
	}
	for _, c := range cases {
		mt := newMatcher(c.pat)
		var scratch []byte
		if i, _ := mt.find(mt.prepare([]byte(c.hay), &scratch)); i != c.at {
			t.Errorf("%q in %q: at %d, want %d", c.pat, c.hay, i, c.at)
		}
	}
}

// FuzzMatcher compares the matcher with the obvious ways: bytes.Index,
// on lower-cased bytes when case is ignored in ASCII, and the regexp
// package's (?i) beyond.
func FuzzMatcher(f *testing.F) {
	f.Add("needle", []byte("hay NEEDLE hay"))
	f.Add("éa", []byte("xÉAéaÉa"))
	f.Add("σ", []byte("ΣσςΣ"))
	f.Add("Ab", []byte("ab AB Ab"))
	f.Add("k", []byte("\u212aK"))
	f.Fuzz(func(t *testing.T, pat string, hay []byte) {
		if pat == "" || !utf8.ValidString(pat) || strings.ContainsRune(pat, utf8.RuneError) {
			return
		}
		mt := newMatcher(pat)
		var scratch []byte
		i, j := mt.find(mt.prepare(hay, &scratch))
		var want []int
		switch {
		case mt.orbits != nil:
			want = regexp.MustCompile("(?i)" + regexp.QuoteMeta(pat)).FindIndex(hay)
		case mt.fold:
			if k := bytes.Index(lowerASCII(hay, nil), mt.pat); k >= 0 {
				want = []int{k, k + len(pat)}
			}
		default:
			if k := bytes.Index(hay, []byte(pat)); k >= 0 {
				want = []int{k, k + len(pat)}
			}
		}
		if want == nil && i >= 0 || want != nil && (i != want[0] || j != want[1]) {
			t.Fatalf("%q in %q: %d,%d, want %v", pat, hay, i, j, want)
		}
		if i >= 0 && j-i > mt.reach() {
			t.Fatalf("match of %d bytes beyond reach %d", j-i, mt.reach())
		}
	})
}

// FuzzTextSpans: a line cut into pieces at its matches shows exactly as
// the line escaped whole, and no piece holds a control character.
func FuzzTextSpans(f *testing.F) {
	f.Add([]byte("a\x1b]0;x\x07 needle\tb\r\n"), "needle")
	f.Add([]byte("\xe4\xb8needle\xad中"), "e")
	f.Add([]byte("ab\u202ecd"), "b")
	f.Fuzz(func(t *testing.T, raw []byte, pat string) {
		if !utf8.ValidString(pat) {
			return
		}
		mt := newMatcher(pat)
		var joined strings.Builder
		for _, sp := range textSpans(raw, nil, nil, &mt) {
			joined.WriteString(sp.text)
			for _, r := range sp.text {
				if r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x202e {
					t.Fatalf("%q shows %U", raw, r)
				}
			}
		}
		line := raw
		if b, ok := bytes.CutSuffix(raw, []byte("\n")); ok {
			line = bytes.TrimSuffix(b, []byte("\r"))
		}
		if want := escapeText(line); joined.String() != want {
			t.Fatalf("%q with %q:\n%q\nwant\n%q", raw, pat, joined.String(), want)
		}
	})
}

// FuzzLayout: wrapped rows hold the whole line, none wider than the
// screen; a cut row fits the screen.
func FuzzLayout(f *testing.F) {
	f.Add("ab中文cd\u0301ef", 3, 1)
	f.Add("👍🏽 ok", 2, 0)
	f.Fuzz(func(t *testing.T, text string, width, skip int) {
		if !utf8.ValidString(text) || width < 2 || width > 200 || skip < 0 || skip > 1000 {
			return
		}
		text = escapeText([]byte(text))
		spans := []span{{text[:len(text)/2], false}, {text[len(text)/2:], true}}
		if !utf8.ValidString(spans[0].text) { // cut inside a rune: one span then
			spans = []span{{text, false}}
		}
		rows := layout(spans, width, 0, true)
		var joined strings.Builder
		for _, r := range rows {
			s := renderRow(r, noStyle())
			if w := ansi.StringWidth(s); w > width {
				t.Fatalf("%q: row %q is %d wide", text, s, w)
			}
			joined.WriteString(s)
		}
		if joined.String() != text {
			t.Fatalf("rows %q, want %q", joined.String(), text)
		}
		if len(rows) != rowCount(spans, width) {
			t.Fatalf("%q: %d rows, rowCount says %d", text, len(rows), rowCount(spans, width))
		}
		if w := ansi.StringWidth(renderRow(layout(spans, width, skip, false)[0], noStyle())); w > width {
			t.Fatalf("%q: a cut row %d wide", text, w)
		}
	})
}

// noStyle draws highlighted text as it is.
func noStyle() lipgloss.Style { return styles.New(styles.DefaultTheme(), true, true).Viewer.Body }
