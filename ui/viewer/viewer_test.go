package viewer

import (
	"fmt"
	"io"
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
	m := NewText("f.txt", []byte(b.String()), keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(30, 11)
	if v := ansi.Strip(m.View()); !strings.Contains(v, `row\x1b[1m`) || !strings.Contains(v, "9/50 18%") {
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

// tenByteLines is "l00000001\n" ... for lines from to to-1.
func tenByteLines(from, to int) []byte {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "l%08d\n", i)
	}
	return []byte(b.String())
}

// TestPagesWhatHasArrived: a remote file shows while it downloads: the
// lines that arrived are paged, the title says how much was read, and
// the rest appears when it comes.
func TestPagesWhatHasArrived(t *testing.T) {
	pr, pw := io.Pipe()
	d, err := startDownload(pr, func() {})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	defer pw.CloseWithError(io.ErrClosedPipe) // unblock the copy, whatever happens
	m := New("slow.txt", d, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(40, 6)
	go pw.Write(tenByteLines(0, 7000)) // 70,000 bytes, then the server stalls
	m, cmd := m.Update(m.Init()())
	batch := cmd().(tea.BatchMsg) // the next scan (waiting for bytes) and the window
	m = drain(m, batch[1])
	m, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	m = drain(m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "7000/7000… 68 KiB read") || !strings.Contains(v, "l00006999") {
		t.Fatalf("while downloading:\n%s", v)
	}
	next := make(chan tea.Msg)
	go func() { next <- batch[0]() }()
	go func() { pw.Write(tenByteLines(7000, 10000)); pw.Close() }()
	m, cmd = m.Update(<-next)
	m = drain(m, cmd)
	m, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	m = drain(m, cmd)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "10000/10000 100%") || !strings.Contains(v, "l00009999") {
		t.Fatalf("downloaded:\n%s", v)
	}
}

// TestLongLinesAreCut: a file of one 100 KB line (no line end) pages as
// lines of 16 KiB, each shown from its start and cut at the edge.
func TestLongLinesAreCut(t *testing.T) {
	m := NewText("one.txt", []byte(strings.Repeat("0123456789", 10_000)), keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(30, 11)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "7/7 100%") || !strings.Contains(v, "\n01234567890123456789012345678…\n") {
		t.Fatalf("view:\n%s", v)
	}
	if got := len(m.Lines()[0]); got != maxLine {
		t.Fatalf("a line holds %d bytes", got)
	}
}
