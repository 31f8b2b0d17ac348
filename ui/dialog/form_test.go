package dialog

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
)

func press(code rune, text string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: text} }

func TestFormFieldsAndChoices(t *testing.T) {
	f := New(7, "Connect", nil, []Field{{Label: "Host"}, {Label: "Password", Masked: true},
		{Label: "TLS", Value: "none", Options: []string{"none", "explicit", "implicit"}}},
		keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	f.SetWidth(80)
	for _, r := range "h1" {
		f, _ = f.Update(press(r, string(r)))
	}
	f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	for _, r := range "pw" {
		f, _ = f.Update(press(r, string(r)))
	}
	f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyLeft})
	view := ansi.Strip(f.View())
	if strings.Contains(view, "pw") || !strings.Contains(view, "••") || !strings.Contains(view, "‹ implicit ›") {
		t.Fatalf("view:\n%s", view)
	}
	if done, _ := f.Done(); done {
		t.Fatal("done too early")
	}
	f, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if done, ok := f.Done(); !done || !ok || f.Purpose != 7 {
		t.Fatal("enter did not submit")
	}
	if got := strings.Join(f.Values(), ","); got != "h1,pw,implicit" {
		t.Fatalf("values %s", got)
	}
	f.SetError("530 Login incorrect.")
	if done, _ := f.Done(); done || !strings.Contains(ansi.Strip(f.View()), "530 Login incorrect.") {
		t.Fatal("error does not reopen the form")
	}
}

func TestConfirm(t *testing.T) {
	st := styles.New(styles.DefaultTheme(), false, false)
	f := New(1, "Delete", []string{"Delete 2 entries?"}, nil, keymap.Default(), st)
	if no, _ := f.Update(tea.KeyPressMsg{Code: tea.KeyEscape}); !isDone(no, false) {
		t.Fatal("esc is no")
	}
	if yes, _ := f.Update(press('y', "y")); !isDone(yes, true) {
		t.Fatal("y is yes")
	}
	if other, _ := f.Update(press('x', "x")); isDone(other, true) || isDone(other, false) {
		t.Fatal("x answered")
	}
}

func isDone(f Form, ok bool) bool {
	d, o := f.Done()
	return d && o == ok
}
