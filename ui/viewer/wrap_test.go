package viewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapToggle: w wraps long lines to the width; the title still counts
// file lines, scrolling goes row by row, G shows the last row at the
// bottom, and w again cuts the lines as before.
func TestWrapToggle(t *testing.T) {
	long := strings.Repeat("abcdefghij", 10) // 100 cells: 5 rows of 20
	var b strings.Builder
	for i := 1; i <= 20; i++ {
		b.WriteString(long + "\n")
	}
	m := openText(t, []byte(b.String()), 20, 8) // 6 rows for the file
	if r := rows(m); r[1] != "abcdefghijabcdefghi…" || !strings.Contains(r[0], "6/20") {
		t.Fatalf("cut:\n%s", screen(m))
	}
	m = press(m, "w")
	r := rows(m)
	if r[1] != "abcdefghijabcdefghij" || r[5] != "abcdefghijabcdefghij" || !strings.Contains(r[0], "2/20") {
		t.Fatalf("wrapped:\n%s", screen(m))
	}
	m = press(m, "j", "j", "j", "j", "j") // five rows: the second line on top
	if m.offset != 1 || m.sub != 0 || !strings.Contains(rows(m)[0], "3/20") {
		t.Fatalf("row by row: offset %d sub %d\n%s", m.offset, m.sub, screen(m))
	}
	m = press(m, "G")
	if m.offset != 18 || m.sub != 4 || !strings.Contains(rows(m)[0], "20/20 100%") {
		t.Fatalf("G: offset %d sub %d\n%s", m.offset, m.sub, screen(m))
	}
	m = press(m, "j")
	if m.offset != 18 || m.sub != 4 {
		t.Fatal("scrolled past the end")
	}
	m = press(m, "k")
	if m.offset != 18 || m.sub != 3 {
		t.Fatalf("k: offset %d sub %d", m.offset, m.sub)
	}
	m = press(m, "w")
	if r := rows(m); r[1] != "abcdefghijabcdefghi…" || m.sub != 0 {
		t.Fatalf("unwrapped:\n%s", screen(m))
	}
}

// TestWrapKeepsEscaping: wrapped rows show exactly the escaped line: no
// control byte reaches the screen, a wide character is never split, and
// the rows put back together are the line as the pager escapes it.
func TestWrapKeepsEscaping(t *testing.T) {
	line := "ab\x1b]0;title\x07cd中文字\tef\x9b2J\u202egh\xff" + strings.Repeat("é", 9)
	m := openText(t, []byte(line+"\n"), 9, 30)
	m = press(m, "w")
	var joined strings.Builder
	for _, r := range rows(m)[1 : m.rows()+1] {
		if ansi.StringWidth(r) > 9 {
			t.Fatalf("row %q is wider than the screen", r)
		}
		for _, c := range r {
			if c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x202e {
				t.Fatalf("row %q holds %U", r, c)
			}
		}
		joined.WriteString(r)
	}
	if want := escapeText([]byte(line)); joined.String() != want {
		t.Fatalf("rows put together:\n%q\nwant\n%q", joined.String(), want)
	}
}

// TestSearchRevealsTheMatch: a match far along a long line comes into
// view: sideways when lines are cut, down the rows when wrapped.
func TestSearchRevealsTheMatch(t *testing.T) {
	data := []byte("short\n" + strings.Repeat("x", 500) + "needle" + strings.Repeat("y", 300) + "\n")
	m := openText(t, data, 40, 8)
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 2", "needle")
	if m.hscroll == 0 {
		t.Fatal("no sideways scroll")
	}
	if r := rows(m)[2]; !strings.HasPrefix(r, strings.Repeat("x", 13)+"needle") {
		t.Fatalf("the match a third into the screen: %q", r)
	}
	for range 25 {
		m = press(m, "left")
	}
	if m.hscroll != 0 || strings.Contains(screen(m), "needle") {
		t.Fatalf("left: %d", m.hscroll)
	}
	m = press(m, "w", "g")
	m = search(m, "/", "needle")
	wantScreen(t, m, "match 1 · line 2", "needle")
	if m.sub == 0 {
		t.Fatal("wrapped: the match's row was not scrolled to")
	}
}

// TestScrollRightStops: → moves half a screen, no further than half a
// screen of the widest line stays in view.
func TestScrollRightStops(t *testing.T) {
	m := openText(t, []byte(strings.Repeat("0123456789", 10)+"\nshort\n"), 40, 8)
	m = press(m, "right")
	if m.hscroll != 20 || !strings.HasPrefix(rows(m)[1], "0123456789") {
		t.Fatalf("right: %d\n%s", m.hscroll, screen(m))
	}
	m = press(m, "right", "right", "right", "right")
	if m.hscroll != 80 {
		t.Fatalf("right stops at %d, want 80", m.hscroll)
	}
}
