package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session"
)

func TestStatusClearsItself(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 30)
	wantScreen(t, m, "connected to ann@ftp.example.org:21")
	old := m.status.seq
	m = press(t, m, "T") // a newer message
	wantScreen(t, m, "transfers: ascii")
	m = send(t, m, statusExpiredMsg{old}) // the first message's expiry: too late
	wantScreen(t, m, "transfers: ascii")
	m = send(t, m, statusExpiredMsg{m.status.seq})
	dontWantScreen(t, m, "transfers: ascii")
}

func TestLogScrollsWhenFocused(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 30)
	for i := range 100 {
		m = send(t, m, traceMsg{session.TraceReceived, fmt.Sprintf("200 line %03d", i)})
	}
	m = press(t, m, "L", "tab") // right pane → log
	wantScreen(t, m, "200 line 099", "pgup page up")
	dontWantScreen(t, m, "200 line 080")
	m = press(t, m, "pgup")
	wantScreen(t, m, "more below", "200 line 08")
	dontWantScreen(t, m, "200 line 099")
	m = send(t, m, traceMsg{session.TraceReceived, "200 new line"}) // the view stays put
	dontWantScreen(t, m, "200 new line")
	m = press(t, m, "home")
	if !strings.Contains(screen(m), "line 000") && !strings.Contains(screen(m), "220") {
		t.Fatalf("top of the log not shown:\n%s", screen(m))
	}
	m = press(t, m, "end")
	wantScreen(t, m, "200 new line")
	dontWantScreen(t, m, "more below")
	m = press(t, m, "tab") // back to the left pane
	if m.sub != SubNone || m.focus != FocusLeft {
		t.Fatalf("focus %v/%v after the log", m.focus, m.sub)
	}
}
