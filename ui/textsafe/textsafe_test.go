package textsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain.txt", "plain.txt"},
		{"新しい 📁 dir", "新しい 📁 dir"},
		{"title\x1b]0;pwned\x07", `title\x1b]0;pwned\x07`},
		{"clip\x1b]52;c;aGVsbG8=\x07", `clip\x1b]52;c;aGVsbG8=\x07`},
		{"\x1b[2J", `\x1b[2J`},
		{"dcs\x1bP+q544e\x1b\\", `dcs\x1bP+q544e\x1b\`},
		{"bidi\u202etxt.exe", `bidi\u202etxt.exe`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"mark\u200f", `mark\u200f`},
		{"c1\u009b2J", `c1\u009b2J`},
		{"del\x7f", `del\x7f`},
		{"tab\tnl\ncr\r", `tab\x09nl\x0acr\x0d`},
		{"bad\xff\xfe", `bad\xff\xfe`},
		{"cut\xe6\x96", `cut\xe6\x96`},
		{"real \ufffd stays", "real \ufffd stays"},
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLinesKeepsLayout(t *testing.T) {
	got := Lines("a\tb\nc\r\x1b]8;;http://x\x1b\\")
	if want := "a\tb\nc\\x0d\\x1b]8;;http://x\\x1b\\"; got != want {
		t.Fatalf("Lines = %q, want %q", got, want)
	}
}

func TestWriter(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	in := "150 \x1b]0;t\x07ok\n"
	n, err := w.Write([]byte(in))
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if want := "150 \\x1b]0;t\\x07ok\n"; out.String() != want {
		t.Fatalf("wrote %q, want %q", out.String(), want)
	}
}

// checkSafe fails when s holds a rune a terminal would act on.
func checkSafe(t *testing.T, in, s string, lines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%q -> %q: not valid UTF-8", in, s)
	}
	for _, r := range s {
		if Unsafe(r) && !(lines && (r == '\n' || r == '\t')) {
			t.Fatalf("%q -> %q: holds %U", in, s, r)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a", "\x1b]0;x\x07", "\u202e", "\xff", "\\x1b", "\t\n\r", "日本\x9b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := String(in)
		checkSafe(t, in, s, false)
		if again := String(s); again != s {
			t.Fatalf("not stable: %q -> %q -> %q", in, s, again)
		}
		l := Lines(in)
		checkSafe(t, in, l, true)
		if again := Lines(l); again != l {
			t.Fatalf("Lines not stable: %q -> %q -> %q", in, l, again)
		}
		if strings.Count(l, "\n") != strings.Count(in, "\n") {
			t.Fatalf("Lines changed the line count: %q -> %q", in, l)
		}
	})
}

func TestBidiKeepsStyling(t *testing.T) {
	in := "\x1b[1mname\u202etxt.exe\x1b[0m \u2067x\u2069 \u0085"
	if got, want := Bidi(in), "\x1b[1mname\\u202etxt.exe\x1b[0m \\u2067x\\u2069 \u0085"; got != want {
		t.Fatalf("Bidi = %q, want %q", got, want)
	}
}
