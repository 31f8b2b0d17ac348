package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// dialer answers connection attempts: a wrong password gets the server's
// 530, and every config tried is recorded.
type dialer struct {
	fs    *fakefs.FS
	pass  string
	tried []session.Config
}

func (d *dialer) dial(_ context.Context, cfg session.Config, opts ...session.DialOption) (session.FS, error) {
	d.tried = append(d.tried, cfg)
	if cfg.Host != "ftp.example.org" {
		return nil, errors.New("connect " + cfg.Addr() + ": dial tcp: lookup " + cfg.Host + ": no such host")
	}
	if cfg.Password != d.pass {
		return nil, &session.ReplyError{Op: "login", Code: 530, Msg: "Login incorrect."}
	}
	if h := session.HooksOf(opts...); h.Trace != nil {
		h.Trace(session.TraceSent, "PASS ****")
	}
	return d.fs, nil
}

func newDialTest(t *testing.T, remote *session.Config, d *dialer) Model {
	t.Helper()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), Remote: remote, Dial: d.dial,
		NoColor: true, Still: true})
	m = send(t, m, windowSize(100, 30))
	return run(t, m, m.Init())
}

func TestConnectDialogWithoutHost(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, nil, d)
	wantScreen(t, m, "Connect to an FTP server", "Host", "Port", "User", "Password", "TLS", "‹ none ›", "passive",
		"not connected (c to connect)")
	m = typeText(t, m, "nowhere.invalid")
	m = press(t, m, "enter")
	wantScreen(t, m, "lookup nowhere.invalid: no such", "Connect to an FTP server")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "ftp.example.org")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "ann")
	m = press(t, m, "tab")
	m = typeText(t, m, "bad")
	dontWantScreen(t, m, "bad")
	wantScreen(t, m, "•••")
	m = press(t, m, "enter")
	wantScreen(t, m, "530 Login incorrect.", "Connect to an FTP server")
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "pw")
	m = press(t, m, "tab", "right", "tab", "right") // explicit TLS, active
	m = press(t, m, "enter")
	dontWantScreen(t, m, "Connect to an FTP server")
	wantScreen(t, m, "connected to ann@ftp.example.org:21", "README.md")
	last := d.tried[len(d.tried)-1]
	if last.TLS != session.TLSExplicit || !last.Active || last.User != "ann" {
		t.Fatalf("dialled %+v", last)
	}
}

func TestUserWithoutPasswordIsAsked(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann"}, d)
	if len(d.tried) != 0 {
		t.Fatal("dialled without asking for the password")
	}
	wantScreen(t, m, "Connect to an FTP server", "ftp.example.org", "ann")
	m = typeText(t, m, "pw") // the focus is on the password
	m = press(t, m, "enter")
	wantScreen(t, m, "connected to ann@ftp.example.org:21")
}

func TestPasswordGivenConnectsAtOnce(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"}, d)
	if len(d.tried) != 1 {
		t.Fatalf("%d attempts", len(d.tried))
	}
	dontWantScreen(t, m, "Connect to an FTP server")
	wantScreen(t, m, "README.md")
}

func TestWrongPasswordAtStartOpensDialog(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann", Password: "nope"}, d)
	wantScreen(t, m, "530 Login incorrect.", "Connect to an FTP server")
	m = press(t, m, "esc")
	wantScreen(t, m, "not connected (c to connect)")
	m = press(t, m, "c")
	wantScreen(t, m, "Connect to an FTP server", "ftp.example.org")
}

func TestDisconnectAndReconnect(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"}, d)
	m = press(t, m, "D")
	wantScreen(t, m, "disconnected from ann@ftp.example.org:21", "not connected (c to connect)")
	m = press(t, m, "?")
	wantScreen(t, m, "c connect")
	dontWantScreen(t, m, "D disconnect", "F7 mkdir") // nothing to act on: hidden
	m = press(t, m, "esc", "c")
	m = press(t, m, "enter") // the dialog remembers the last server
	wantScreen(t, m, "connected to ann@ftp.example.org:21", "README.md")
	if len(d.tried) != 2 {
		t.Fatalf("%d attempts", len(d.tried))
	}
}

func TestLogPaneShowsTranscriptAndErrors(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "pw"}
	m := newDialTest(t, &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"}, d)
	m = send(t, m, traceMsg{session.TraceSent, "PASS ****"})
	m = send(t, m, traceMsg{session.TraceReceived, "230 Logged in"})
	m = send(t, m, eventMsg{session.Event{Kind: session.EventDisconnected, Label: "ann@x", Err: errors.New("EOF")}})
	dontWantScreen(t, m, "230 Logged in")
	wantScreen(t, m, "ann@x: disconnected: EOF")
	m = press(t, m, "L")
	wantScreen(t, m, "─ log", "---> PASS ****", "230 Logged in", "error: ann@x: disconnected: EOF")
	if strings.Contains(screen(m), "pw") {
		t.Fatal("password on screen")
	}
	m = press(t, m, "L")
	dontWantScreen(t, m, "─ log")
}

func TestToggleTypeAndMode(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	wantScreen(t, m, "binary · passive")
	m = press(t, m, "T")
	wantScreen(t, m, "ascii · passive", "transfers: ascii, passive data connections")
	m = press(t, m, "P")
	wantScreen(t, m, "ascii · active")
	if r.Type() != session.TypeASCII || r.Passive() {
		t.Fatal("settings not applied to the session")
	}
	m = press(t, m, "T", "P")
	wantScreen(t, m, "binary · passive")
}
