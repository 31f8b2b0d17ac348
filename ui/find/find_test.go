package find

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
	"github.com/ftpane/ftpane/ui/styles"
)

func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// gated is a tree whose /top/held folder is listed only when the test
// lets it.
func gated(t *testing.T) (*fakefs.FS, func()) {
	f := fakefs.New("ann@ftp.example.org:21", "/top")
	f.File("/top/a.txt", "a")
	f.File("/top/held/b.txt", "b")
	f.File("/top/held/deeper/c.txt", "c")
	var once sync.Once
	gate := f.Gate("/top/held")
	release := func() { once.Do(gate) }
	t.Cleanup(release)
	return f, release
}

// startHeld starts a search that lists /top and then waits in /top/held.
func startHeld(t *testing.T, f *fakefs.FS) Model {
	t.Helper()
	m := New(Source{FS: f, Label: f.Label(), Dir: "/top", Workers: 2}, keymap.Default(), styles.New(styles.DefaultTheme(), false, true))
	m.SetSize(80, 20)
	m, start := m.Update(press("enter"))
	m, next := m.Update(start())
	for m.current != "/top/held" {
		m, next = m.Update(next())
	}
	if !m.Running() || m.walk == nil {
		t.Fatal("the walk should be under way")
	}
	return m
}

// ended waits for the walk's goroutines to end.
func ended(t *testing.T, m Model) {
	t.Helper()
	done := make(chan struct{})
	go func() { m.walk.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the walk's goroutines did not end")
	}
}

func TestEscStopsTheWalk(t *testing.T) {
	f, release := gated(t)
	m := startHeld(t, f)
	m, _ = m.Update(press("esc"))
	if m.Running() || m.Closed() || !strings.Contains(m.View(), "stopped: 2 found in 1 folder") {
		t.Fatalf("running %v, closed %v:\n%s", m.Running(), m.Closed(), m.View())
	}
	release() // the listing under way ends; nothing follows it
	ended(t, m)
	if n := m.Results(); n != 2 {
		t.Errorf("%d results after the stop, want 2 (a.txt and held)", n)
	}
	m, _ = m.Update(press("esc"))
	if !m.Closed() {
		t.Error("a second esc should close the results")
	}
}

func TestClosingTheResultsStopsTheWalk(t *testing.T) {
	f, release := gated(t)
	m := startHeld(t, f)
	m, _ = m.Update(press("q"))
	if !m.Closed() {
		t.Fatal("q should close")
	}
	release()
	ended(t, m)
}

// TestAWalkArrivingLateIsCancelled: a search closed before its walk
// started cancels the walk when it arrives (the model, or Drop when the
// root has let the model go).
func TestAWalkArrivingLateIsCancelled(t *testing.T) {
	for _, viaDrop := range []bool{false, true} {
		f, release := gated(t)
		m := New(Source{FS: f, Label: f.Label(), Dir: "/top", Workers: 2}, keymap.Default(), styles.New(styles.DefaultTheme(), false, true))
		m, start := m.Update(press("enter"))
		m.Close()
		msg := start().(StartedMsg)
		if viaDrop {
			Drop(msg)
		} else {
			m.Update(msg)
		}
		release()
		done := make(chan struct{})
		go func() { msg.walk.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("drop %v: the late walk was not cancelled", viaDrop)
		}
	}
}
