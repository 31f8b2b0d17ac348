package transfer

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// FuzzLineEnds checks the converters against the obvious definition,
// whatever the read sizes: CRLF to LF is ReplaceAll, and LF to CRLF and
// back gives the original text when it had no CR.
func FuzzLineEnds(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\r", "\r\r\n\n", "x\ny\n", "\n\n\r\n"} {
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, in []byte, chunk uint8) {
		r := func(b []byte) io.Reader {
			if chunk%2 == 0 {
				return iotest.OneByteReader(bytes.NewReader(b))
			}
			return iotest.HalfReader(bytes.NewReader(b))
		}
		got, err := io.ReadAll(&crlfToLF{r: r(in)})
		if want := bytes.ReplaceAll(in, []byte("\r\n"), []byte("\n")); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("crlfToLF(%q) = %q, %v; want %q", in, got, err, want)
		}
		if bytes.IndexByte(in, '\r') >= 0 {
			return
		}
		wire, err := io.ReadAll(&lfToCRLF{r: r(in)})
		if err != nil || bytes.Count(wire, []byte("\r\n")) != bytes.Count(in, []byte("\n")) {
			t.Fatalf("lfToCRLF(%q) = %q, %v", in, wire, err)
		}
		back, _ := io.ReadAll(&crlfToLF{r: r(wire)})
		if !bytes.Equal(back, in) {
			t.Fatalf("round trip of %q gave %q", in, back)
		}
	})
}
