package viewer

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
)

// openText pages data in a w×h screen, its first window read.
func openText(t *testing.T, data []byte, w, h int) Model {
	t.Helper()
	m := NewText("f.txt", data, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(w, h)
	return drain(m, m.fetch())
}

// keyMsg is a key press as Bubble Tea reports it: a named key or a
// character.
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome,
		"end": tea.KeyEnd, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "f4": tea.KeyF4, "f7": tea.KeyF7}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// press sends keys, each followed by the commands it starts (the file
// is all there, so none of them waits).
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		m = drain(m, cmd)
	}
	return m
}

// search types /text (or ?text) and Enter.
func search(m Model, prompt, text string) Model {
	m = press(m, prompt)
	for _, r := range text {
		m = press(m, string(r))
	}
	return press(m, "enter")
}

func screen(m Model) string { return ansi.Strip(m.View()) }

// rows is the screen's lines, the title and bottom line included.
func rows(m Model) []string { return strings.Split(screen(m), "\n") }

func wantScreen(t *testing.T, m Model, want ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// numbered is n lines "line 1" to "line n", with extra text on some.
func numbered(n int, extra map[int]string) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "line %d", i)
		if e, ok := extra[i]; ok {
			b.WriteString(" " + e)
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
