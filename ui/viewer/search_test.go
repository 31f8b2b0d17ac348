package viewer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestSearchNextPreviousWraps: / finds the first matching line from the
// top, scrolls it to the top and highlights the word; n and N go from
// match to match and round the ends of the file, saying so.
func TestSearchNextPreviousWraps(t *testing.T) {
	m := openText(t, numbered(100, map[int]string{5: "a needle here", 40: "needle", 90: "two needle needle"}), 60, 12)
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 5")
	if r := rows(m); !strings.HasPrefix(r[1], "line 5 a needle here") {
		t.Fatalf("the match is not the top line:\n%s", screen(m))
	}
	if v := m.View(); !strings.Contains(v, "\x1b[7mneedle\x1b[m") {
		t.Fatalf("match not highlighted: %q", strings.Split(v, "\n")[1])
	}
	m = press(m, "n")
	wantScreen(t, m, "match 2 · line 40")
	if r := rows(m); r[1] != "line 40 needle" {
		t.Fatalf("n:\n%s", screen(m))
	}
	m = press(m, "n")
	wantScreen(t, m, "match 3 · line 90", "line 90 two needle needle")
	if v := m.View(); strings.Count(v, "\x1b[7mneedle\x1b[m") != 2 {
		t.Fatal("both needles of line 90 should be highlighted")
	}
	m = press(m, "n")
	wantScreen(t, m, "match 1 · line 5 · search wrapped")
	m = press(m, "N")
	wantScreen(t, m, "match 3 · line 90 · search wrapped")
	m = press(m, "N")
	wantScreen(t, m, "match 2 · line 40")
	if strings.Contains(screen(m), "wrapped") {
		t.Fatal("a search that did not wrap says it did")
	}
}

// TestSearchFromTheTopLine: Enter searches from the top line on, not from
// the file's start; the match's number is counted.
func TestSearchFromTheTopLine(t *testing.T) {
	m := openText(t, numbered(100, map[int]string{5: "needle", 40: "needle", 90: "needle"}), 60, 12)
	m = press(m, "pgdown", "pgdown") // the top line is line 19
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 2 · line 40")
	m = press(m, "g")
	m = search(m, "?", "needle") // backward from the top: round the start
	wantScreen(t, m, "match 3 · line 90 · search wrapped")
	m = press(m, "n") // n goes on backward after ?
	wantScreen(t, m, "match 2 · line 40")
	m = press(m, "N")
	wantScreen(t, m, "match 3 · line 90")
}

// TestSearchSmartCase: lower case ignores case, an upper case letter
// makes it exact, beyond ASCII too.
func TestSearchSmartCase(t *testing.T) {
	m := openText(t, numbered(30, map[int]string{3: "NEEDLE", 7: "needle", 12: "Needle", 20: "ÉCOLE", 25: "école"}), 60, 12)
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 3")
	m = search(m, "/", "Needle")
	wantScreen(t, m, "match 1 · line 12")
	m = press(m, "n")
	wantScreen(t, m, "match 1 · line 12 · search wrapped")
	m = press(m, "g")
	m = search(m, "/", "école")
	wantScreen(t, m, "match 1 · line 20")
	m = press(m, "n")
	wantScreen(t, m, "match 2 · line 25")
	m = press(m, "g")
	m = search(m, "/", "École")
	wantScreen(t, m, "Pattern not found: École")
}

// TestSearchNotFoundAndCancel: a missing text says so in the error
// style; Esc leaves the prompt without searching; Enter on nothing
// repeats the last text.
func TestSearchNotFoundAndCancel(t *testing.T) {
	m := openText(t, numbered(50, map[int]string{30: "needle"}), 60, 12)
	m = search(m, "/", "haystack")
	wantScreen(t, m, "Pattern not found: haystack")
	m = press(m, "/", "x", "esc")
	if s := screen(m); strings.Contains(s, "/x") || m.find.typing || m.find.pat != "haystack" {
		t.Fatalf("esc did not cancel the prompt:\n%s", s)
	}
	m = press(m, "j") // any key clears the note
	wantScreen(t, m, "/ search")
	m = press(m, "/", "backspace") // backspace on nothing leaves too
	if m.find.typing {
		t.Fatal("backspace on an empty prompt should close it")
	}
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 30")
	m = press(m, "g")
	m = search(m, "/", "")
	wantScreen(t, m, "match 1 · line 30")
	m = press(m, "esc")
	if !m.Closed() {
		t.Fatal("esc with no search running should close the pager")
	}
}

// TestNextWithoutSearch: n before any search explains itself.
func TestNextWithoutSearch(t *testing.T) {
	m := openText(t, numbered(5, nil), 60, 12)
	m = press(m, "n")
	wantScreen(t, m, "no search yet: / searches")
}

// TestSearchEscapesThePattern: the text typed shows escaped in the
// status line.
func TestSearchEscapesThePattern(t *testing.T) {
	m := openText(t, numbered(5, nil), 60, 12)
	m = search(m, "/", "a\u202eb")
	wantScreen(t, m, `Pattern not found: a\u202eb`)
}

// TestSearchAcrossReads: a match that straddles two of the search's
// reads is found, and the matches are numbered right across reads.
func TestSearchAcrossReads(t *testing.T) {
	data := make([]byte, 3<<20)
	var offs []int
	for i := range 30 {
		offs = append(offs, i*100_000+50_000)
	}
	offs = append(offs[:10], append([]int{searchChunk - 3}, offs[10:]...)...)
	for _, o := range offs {
		copy(data[o:], "needle")
	}
	m := openText(t, data, 80, 10) // a NUL: hex
	m = press(m, "G")
	m = search(m, "?", "needle")
	wantScreen(t, m, fmt.Sprintf("match 31 · offset 0x%x", offs[30]))
	m = press(m, "N")
	wantScreen(t, m, "match 1 · offset 0xc350 · search wrapped")
	for range 10 {
		m = press(m, "N") // N after ? goes forward
	}
	wantScreen(t, m, fmt.Sprintf("match 11 · offset 0x%x", searchChunk-3))
	if v := m.View(); !strings.Contains(v, "\x1b[7m6e 65 65\x1b[m") || !strings.Contains(v, "\x1b[7mnee\x1b[m") {
		t.Fatalf("not highlighted:\n%s", v)
	}
}

// TestSearchAcrossCutLines: a file without line ends pages in lines of
// 16 KiB; a match across a cut is found in the line it starts in and
// highlighted on both sides of the cut.
func TestSearchAcrossCutLines(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 3<<20)
	copy(data[70*maxLine-3:], "needle") // 3 bytes in line 70, 3 in line 71
	m := openText(t, data, 64, 10)
	m = press(m, "w")
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 70")
	v := m.View()
	if !strings.Contains(v, "xxx\x1b[7mnee\x1b[m\n\x1b[7mdle\x1b[mxxx") {
		t.Fatalf("the match across the cut:\n%s", v)
	}
}

// TestNewTextForgetsTheOldMatch: after a text that is not found, the
// status line does not go back to the match of the text before.
func TestNewTextForgetsTheOldMatch(t *testing.T) {
	m := openText(t, numbered(20, map[int]string{4: "needle"}), 60, 8)
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 4")
	m = search(m, "/", "thread")
	wantScreen(t, m, "Pattern not found: thread")
	m = press(m, "j")
	if s := screen(m); strings.Contains(s, "match 1") {
		t.Fatalf("the old match still shows:\n%s", s)
	}
	m = press(m, "n")
	wantScreen(t, m, "Pattern not found: thread")
}
