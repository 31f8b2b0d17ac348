package viewer

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/internal/memcheck"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

// pump runs the pager's commands on goroutines, as Bubble Tea does, and
// hands their messages back to the test in order of arrival.
type pump struct {
	t    *testing.T
	msgs chan tea.Msg
}

func newPump(t *testing.T) *pump { return &pump{t: t, msgs: make(chan tea.Msg, 1024)} }

func (p *pump) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { p.msgs <- cmd() }()
	}
}

// until feeds messages to m until cond holds, or fails at the deadline.
func (p *pump) until(m Model, what string, cond func(Model) bool) Model {
	p.t.Helper()
	deadline := time.After(15 * time.Second)
	for !cond(m) {
		select {
		case msg := <-p.msgs:
			switch msg := msg.(type) {
			case tea.BatchMsg:
				for _, c := range msg {
					p.run(c)
				}
			case Msg:
				var cmd tea.Cmd
				m, cmd = m.Update(msg)
				p.run(cmd)
			}
		case <-deadline:
			p.t.Fatalf("never %s:\n%s", what, screen(m))
		}
	}
	return m
}

func (p *pump) keys(m Model, keys ...string) Model {
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		p.run(cmd)
	}
	return m
}

// TestSearchWaitsForTheFile: a remote file still arriving is searched as
// it comes: at the end of what arrived the search waits, says so, stops
// on Esc, and finds the text once it arrives.
func TestSearchWaitsForTheFile(t *testing.T) {
	pr, pw := io.Pipe()
	d, err := startDownload(pr, func() {})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	defer pw.CloseWithError(io.ErrClosedPipe) // unblock the copy, whatever happens
	m := New("slow.txt", d, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(70, 8)
	p := newPump(t)
	go pw.Write(tenByteLines(0, 7000)) // 70,000 bytes, then the server stalls
	p.run(m.Init())
	m = p.until(m, "counted the lines", func(m Model) bool { return m.total() == 7000 })

	waiting := func(m Model) bool { return m.find.running && m.find.pos == 70_000 }
	m = p.keys(m, "/", "n", "e", "e", "d", "l", "e", "enter")
	m = p.until(m, "reached the end of what arrived", waiting)
	wantScreen(t, m, "searching for needle… 68 KiB (waiting for the file) · esc stops")
	m = p.keys(m, "esc")
	if m.find.running || m.Closed() {
		t.Fatal("esc should stop the search, not the pager")
	}
	wantScreen(t, m, "search stopped")

	m = p.keys(m, "/", "enter") // the same text again
	m = p.until(m, "reached the end again", waiting)
	go func() {
		pw.Write([]byte("a needle\n"))
		pw.Write(tenByteLines(7001, 7100))
		pw.Close()
	}()
	m = p.until(m, "found the needle", func(m Model) bool {
		return m.find.has && m.pending < 0 && m.allRead() && m.holds(m.offset)
	})
	wantScreen(t, m, "match 1 · line 7001", "7006/7100 98%", "a needle")
	if m.find.wrapped {
		t.Fatal("the search wrapped before the file ended")
	}
}

// TestSearchBigFileHoldsLittle: a search through a 33 MB file reads it in
// steps: the heap stays within a few MiB.
func TestSearchBigFileHoldsLittle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	data := append(bytes.Repeat([]byte("haystack.\n"), 3_300_000), "the needle\n"...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	data = nil
	src, err := Open(session.Local{}, path)
	if err != nil {
		t.Fatal(err)
	}
	m := New("big.txt", src, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(80, 24)
	m = drain(m, m.Init())
	peak := memcheck.Peak(func() {
		m = search(m, "/", "needle")
		m = press(m, "N") // backward: round the start, then counted
	})
	wantScreen(t, m, "match 1 · line 3300001 · search wrapped", "the needle")
	t.Logf("peak heap %d KiB", peak>>10)
	if peak > 8<<20 {
		t.Fatalf("peak heap %d MiB while searching a 33 MB file", peak>>20)
	}
	m = press(m, "q")
}
