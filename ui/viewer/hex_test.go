package viewer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestHexRows: offsets of 8 hex digits, 16 bytes in two groups of 8, an
// ASCII column with '.' for bytes that do not print; a short last row
// keeps the column in place.
func TestHexRows(t *testing.T) {
	data := append([]byte("Hello, hex view!\x00\x01\x1b[2J\x7f\xff~ end"), 0)
	m := openText(t, data, 80, 6)
	r := rows(m)
	want := []string{
		"00000000  48 65 6c 6c 6f 2c 20 68  65 78 20 76 69 65 77 21  |Hello, hex view!|",
		"00000010  00 01 1b 5b 32 4a 7f ff  7e 20 65 6e 64 00        |...[2J..~ end.|",
	}
	for i, w := range want {
		if r[i+1] != w {
			t.Fatalf("row %d:\n got %q\nwant %q", i, r[i+1], w)
		}
	}
	wantScreen(t, m, "2/2 100%")
}

// TestHexToggle: x shows any file as hex and back, from the same place;
// a binary file opens in hex and x counts its lines to show it as text.
func TestHexToggle(t *testing.T) {
	m := openText(t, numbered(200, nil), 80, 12)
	m = press(m, "pgdown", "pgdown", "pgdown", "pgdown", "pgdown") // top: line 46
	if r := rows(m); r[1] != "line 46" {
		t.Fatalf("top:\n%s", screen(m))
	}
	off := bytes.Index(numbered(200, nil), []byte("line 46\n"))
	m = press(m, "x")
	if r := rows(m); !strings.HasPrefix(r[1], hex8(off/16*16)) {
		t.Fatalf("hex from line 46 (byte %d):\n%s", off, screen(m))
	}
	m = press(m, "x")
	if r := rows(m); r[1] != "line 46" && r[2] != "line 46" {
		t.Fatalf("back to text:\n%s", screen(m))
	}

	bin := append([]byte{0}, numbered(300, nil)...)
	m = openText(t, bin, 80, 12)
	wantScreen(t, m, "00000000  00 6c 69 6e 65 20 31 0a")
	m = press(m, "G")
	top := rows(m)[1]
	var row int
	fmt.Sscanf(top, "%x", &row)
	want := fmt.Sprintf("line %d", bytes.Count(bin[:row], []byte("\n"))+1) // the line holding the row's first byte
	m = press(m, "x")
	if r := rows(m); r[1] != want || m.scan.line != 300 || !m.complete {
		t.Fatalf("as text from hex row %q: want %q on top, %d lines counted:\n%s", top, want, m.scan.line, screen(m))
	}
	m = press(m, "G")
	wantScreen(t, m, "line 300", "300/300 100%")
	m = press(m, "x")
	if r := rows(m); r[10] != hex8((len(bin)-1)/16*16)+rows(m)[10][8:] {
		t.Fatalf("hex again at the end:\n%s", screen(m))
	}
}

func hex8(n int) string {
	const digits = "0123456789abcdef"
	b := []byte("00000000")
	for i := 7; i >= 0; i-- {
		b[i] = digits[n&15]
		n >>= 4
	}
	return string(b)
}

// TestHexSearch: in hex the search looks for the bytes typed, a match
// across two rows included; the row with it comes to the top and the
// bytes are highlighted in both columns.
func TestHexSearch(t *testing.T) {
	data := make([]byte, 4096)
	copy(data[1000:], "ELF!") // row 0x3e0, bytes 8 to 11
	copy(data[3070:], "elf!") // across rows 0xbf0 and 0xc00
	m := openText(t, data, 80, 8)
	m = search(m, "/", "elf")
	wantScreen(t, m, "match 1 · offset 0x3e8")
	r := rows(m)
	if !strings.HasPrefix(r[1], "000003e0  ") {
		t.Fatalf("the match's row is not on top:\n%s", screen(m))
	}
	v := strings.Split(m.View(), "\n")[1]
	if !strings.Contains(v, "\x1b[7m45 4c 46\x1b[m") || !strings.Contains(v, "|........\x1b[7mELF\x1b[m!....|") {
		t.Fatalf("highlight: %q", v)
	}
	m = press(m, "n")
	wantScreen(t, m, "match 2 · offset 0xbfe", "00000bf0  ")
	m = press(m, "n")
	wantScreen(t, m, "match 1 · offset 0x3e8 · search wrapped")
	m = search(m, "/", "ELF!")
	wantScreen(t, m, "match 1 · offset 0x3e8")
}
