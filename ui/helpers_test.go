package ui

import (
	"context"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// sampleLocal and sampleRemote are the trees the UI tests browse.
func sampleLocal() *fakefs.FS {
	f := fakefs.New("local", "/home/ann")
	f.File("/home/ann/notes.txt", "line one\nline two\n")
	f.File("/home/ann/.profile", "export X=1\n")
	f.File("/home/ann/big.iso", strings.Repeat("x", 3000))
	f.MkdirAll("/home/ann/photos")
	f.File("/home/ann/photos/cat.jpg", "meow")
	return f
}

func sampleRemote() *fakefs.FS {
	f := fakefs.New("ann@ftp.example.org:21", "/pub")
	f.MkdirAll("/pub/docs/api")
	f.File("/pub/docs/guide.md", "# Guide\n")
	f.File("/pub/README.md", "hello from the server\n")
	f.File("/pub/文档说明.txt", "中文")
	f.File("/pub/evil\x1b[31mred.txt", "x")
	f.Add("/pub/latest", session.Entry{Kind: session.KindLink, Target: "/pub/docs"}, nil)
	f.File("/pub/data.csv", strings.Repeat("a,b\n", 5000))
	return f
}

// newTest builds a root model at w×h over the fakes and runs Init.
func newTest(t *testing.T, left, right *fakefs.FS, w, h int) Model {
	t.Helper()
	o := Options{Keys: keymap.Default(), Local: left, NoColor: true, Still: true, Editor: "true"}
	if right != nil {
		o.Remote = &session.Config{Host: "ftp.example.org", User: "ann", Password: "secret"}
		o.Dial = func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return right, nil }
	}
	m := New(o)
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, m, m.Init())
}

// run executes cmd and every command that follows, feeding each message
// to the model, until nothing is left to do.
func run(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			return m
		default:
			mm, next := m.Update(msg)
			m = mm.(Model)
			queue = append(queue, next)
		}
	}
	return m
}

// send delivers one message and runs what follows.
func send(t *testing.T, m Model, msg tea.Msg) Model {
	t.Helper()
	mm, cmd := m.Update(msg)
	return run(t, mm.(Model), cmd)
}

// press types keys, each a key name ("down", "f7", "ctrl+a") or text.
func press(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}
	return m
}

// typeText types literal text, one key per character.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func keyMsg(k string) tea.KeyPressMsg {
	codes := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"space": tea.KeySpace, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome,
		"end": tea.KeyEnd, "insert": tea.KeyInsert, "delete": tea.KeyDelete,
		"f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6, "f9": tea.KeyF9, "f7": tea.KeyF7, "f8": tea.KeyF8,
	}
	if c, ok := codes[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	if k == "shift+f6" {
		return tea.KeyPressMsg{Code: tea.KeyF6, Mod: tea.ModShift}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is what the user sees, colours stripped.
func screen(m Model) string { return ansi.Strip(m.Render()) }

func wantScreen(t *testing.T, m Model, want ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func dontWantScreen(t *testing.T, m Model, bad ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range bad {
		if strings.Contains(s, w) {
			t.Fatalf("screen shows %q:\n%s", w, s)
		}
	}
}

// cursorName is the entry under the focused pane's cursor.
func cursorName(m Model) string {
	e, _ := m.active().Current()
	return e.Name
}

func sessionLink(target string) session.Entry {
	return session.Entry{Kind: session.KindLink, Target: target}
}

func bgDark() tea.BackgroundColorMsg { return tea.BackgroundColorMsg{Color: color.Black} }

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
