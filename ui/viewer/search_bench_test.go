package viewer

import (
	"bytes"
	"testing"
)

// benchSearch runs a search through 32 MiB that finds nothing: every byte
// is gone through once.
func benchSearch(b *testing.B, data []byte, pattern string, hex bool) {
	src := memSource{bytes.NewReader(data)}
	mt := newMatcher(pattern)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		st, buf := fwdStep{limit: -1}, &bufs{}
		for {
			var end bool
			var at *matchAt
			if hex {
				st, at, end, _ = hexForward(src, mt, st, buf)
			} else {
				st, at, end, _ = textForward(src, mt, st, buf)
			}
			if at != nil {
				b.Fatal("found")
			}
			if end {
				break
			}
		}
	}
}

func logLines() []byte {
	return bytes.Repeat([]byte("2025-01-02 10:11:12 INFO request served in 12 ms from 127.0.0.1\n"), 32<<20/64)
}

func BenchmarkSearchText(b *testing.B)           { benchSearch(b, logLines(), "Needle", false) }
func BenchmarkSearchTextIgnoreCase(b *testing.B) { benchSearch(b, logLines(), "needle", false) }
func BenchmarkSearchTextUnicode(b *testing.B)    { benchSearch(b, logLines(), "näedle", false) }
func BenchmarkSearchHex(b *testing.B)            { benchSearch(b, logLines(), "needle", true) }
