package ui

import (
	"context"
	"errors"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// tlsFS is a fake server reached over TLS.
type tlsFS struct{ *fakefs.FS }

func (tlsFS) TLS() session.TLSMode { return session.TLSExplicit }

func (tlsFS) Fingerprint() string {
	return "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
}

// servers answers by host name, for two servers side by side.
type servers map[string]session.FS

func (s servers) dial(_ context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
	if f, ok := s[cfg.Host]; ok {
		return f, nil
	}
	return nil, errors.New("no such host " + cfg.Host)
}

func newServersTest(t *testing.T, s servers) Model {
	t.Helper()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Dial: s.dial,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"}})
	m = send(t, m, windowSize(120, 40))
	return run(t, m, m.Init())
}

func TestFingerprintOnDemand(t *testing.T) {
	m := newServersTest(t, servers{"ftp.example.org": tlsFS{sampleRemote()}})
	wantScreen(t, m, "🔒 explicit")
	m = press(t, m, "F")
	wantScreen(t, m, "Server certificate", "SHA-256 fingerprint:",
		"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
	m = press(t, m, "enter")
	dontWantScreen(t, m, "Server certificate")
}

func TestFingerprintWithoutTLS(t *testing.T) {
	m := newServersTest(t, servers{"ftp.example.org": sampleRemote()})
	m = press(t, m, "?")
	dontWantScreen(t, m, "certificate") // disabled: nothing to show
}

func TestTwoServersSideBySide(t *testing.T) {
	other := fakefs.New("bob@mirror.example.net:21", "/srv")
	other.File("/srv/mirror.txt", "from the mirror\n")
	remote := sampleRemote()
	m := newServersTest(t, servers{"ftp.example.org": remote, "mirror.example.net": other})
	m = press(t, m, "tab", "c") // the left pane
	wantScreen(t, m, "Connect to an FTP server (left pane)")
	m = typeText(t, m, "mirror.example.net")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "bob")
	m = press(t, m, "enter")
	wantScreen(t, m, "ftpane  bob@mirror.example.net:21  binary · passive ⇄ ann@ftp.example.org:21", "mirror.txt", "README.md")

	m = press(t, m, "down", "f5", "enter") // server to server
	m = settle(t, m, allFinished)
	if got := remote.Content("/pub/mirror.txt"); got != "from the mirror\n" {
		t.Fatalf("relayed mirror.txt = %q", got)
	}
	wantScreen(t, m, "⇄ relay    mirror.txt", "100%")

	m = press(t, m, "D") // the left pane goes back to the local disk
	wantScreen(t, m, "local ⇄ ann@ftp.example.org:21", "notes.txt")
}
