package viewer

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
)

func TestScrollAndClose(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString("row\x1b[1m\r\n")
	}
	m := New("f.txt", []byte(b.String()), false, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(30, 11)
	if v := ansi.Strip(m.View()); !strings.Contains(v, `row\x1b[1m`) || !strings.Contains(v, "10/50 20%") {
		t.Fatalf("view:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	if !strings.Contains(m.View(), "50/50 100%") {
		t.Fatal("end")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if !strings.Contains(m.View(), "47/50") {
		t.Fatal("wheel up")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if !m.Closed() {
		t.Fatal("esc did not close")
	}
}
