package ui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestGoldenViews(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"browse-80x24", 80, 24, []string{"down", "down", "space"}},
		{"browse-120x40", 120, 40, []string{"down", "down", "space"}},
		{"narrow-60x20", 60, 20, nil},
		{"help-120x40", 120, 40, []string{"down", "?"}},
		{"help-80x24", 80, 24, []string{"down", "?"}},
		{"delete-80x24", 80, 24, []string{"down", "f8"}},
		{"filter-80x24", 80, 24, []string{"/", "d"}},
		{"log-80x24", 80, 24, []string{"L"}},
		{"connect-80x24", 80, 24, []string{"c"}},
		{"viewer-80x24", 80, 24, []string{"G", "f3"}},
		{"chmod-120x40", 120, 40, []string{"down", "down", "m"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newTest(t, sampleLocal(), sampleRemote(), c.w, c.h)
			m = press(t, m, c.keys...)
			golden(t, c.name, screen(m))
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	// -update is registered by x/exp/golden (imported through teatest).
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/ -run Golden -update)", err)
	}
	if got != string(want) {
		t.Fatalf("%s differs (go test ./ui/ -run Golden -update):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

func TestEveryLineFitsTheWidth(t *testing.T) {
	for _, w := range []int{60, 61, 80, 97, 120, 200} {
		m := newTest(t, sampleLocal(), sampleRemote(), w, 20)
		lines := strings.Split(screen(m), "\n")
		if len(lines) != 20 {
			t.Fatalf("%d cols: %d lines, want 20", w, len(lines))
		}
		for i, l := range lines {
			if got := ansi.StringWidth(l); got != w {
				t.Fatalf("%d cols: line %d is %d cells: %q", w, i, got, l)
			}
		}
	}
}

func TestColumnsDropAsTheScreenNarrows(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 120, 20)
	wantScreen(t, m, "-rw-r--r--", "Mar 14  2020", "3.0kB")
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 20})
	dontWantScreen(t, m, "-rw-r--r--")
	wantScreen(t, m, "Mar 14  2020", "3.0kB")
	m = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	dontWantScreen(t, m, "Mar 14  2020")
	wantScreen(t, m, "3.0kB", "notes.txt")
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 20})
	wantScreen(t, m, "-rw-r--r--")
}

func TestWideNamesLineUp(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 20)
	var col []int
	for _, l := range strings.Split(screen(m), "\n") {
		if i := strings.Index(l, "Mar 14"); i >= 0 && strings.Contains(l, "│ ") {
			right := l[strings.Index(l, "│")+len("│"):]
			col = append(col, ansi.StringWidth(right[:strings.Index(right, "Mar 14")]))
		}
	}
	if len(col) < 6 {
		t.Fatalf("found %d rows", len(col))
	}
	for _, c := range col {
		if c != col[0] {
			t.Fatalf("time column at cells %v: CJK names push it", col)
		}
	}
}

func TestMouse(t *testing.T) {
	r := sampleRemote()
	for i := 0; i < 40; i++ {
		r.File("/pub/f"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt", "x")
	}
	m := newTest(t, sampleLocal(), r, 100, 20)
	m = send(t, m, tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft}) // left pane, 2nd row (under "..")
	if m.focus != FocusLeft || cursorName(m) != "photos" {
		t.Fatalf("click: focus %v on %q", m.focus, cursorName(m))
	}
	m = send(t, m, tea.MouseWheelMsg{X: 70, Y: 5, Button: tea.MouseWheelDown})
	if m.focus != FocusLeft {
		t.Fatal("wheel moved the focus")
	}
	m = press(t, m, "tab")
	if m.panes[1].AtParent() || cursorName(m) == "docs" {
		t.Fatal("wheel did not scroll the right pane")
	}
	m = send(t, m, tea.MouseWheelMsg{X: 70, Y: 5, Button: tea.MouseWheelUp})
	wantScreen(t, m, "docs/")
}

func TestHelpOverlay(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 120, 40)
	m = press(t, m, "down", "?") // on docs: "..", where the cursor starts, has no rename
	wantScreen(t, m, "Move", "Program", "mark by pattern", "reverse sort", "rename", "disconnect", "keys.toml")
	m = press(t, m, "j") // keys do not leak to the pane
	if cursorName(m) != "docs" {
		t.Fatal("key went through the help")
	}
	m = press(t, m, "esc")
	dontWantScreen(t, m, "mark by pattern")
}

func TestQuit(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q returned no command")
	}
}

func TestHelpFitsNarrowScreens(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 60, 40)
	m = press(t, m, "down", "?")
	wantScreen(t, m, "Move", "Mark", "Show", "Files", "Program", "rename", "quit")
	for i, l := range strings.Split(screen(m), "\n") {
		if w := ansi.StringWidth(l); w != 60 {
			t.Fatalf("line %d is %d cells: %q", i, w, l)
		}
	}
}

func TestCtrlCQuitsFromADialog(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	m = press(t, m, "f7")
	if _, cmd := m.Update(keyMsg("ctrl+c")); cmd == nil {
		t.Fatal("ctrl+c in a dialog did nothing")
	}
}

func TestHelpFits80x24(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	m = press(t, m, "?")
	wantScreen(t, m, "╭", "╰", "Move", "Program", "q quit", "keys.toml")
}
