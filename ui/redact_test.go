package ui

import (
	"github.com/ftpane/ftpane/session"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryNeverKeepsAPassword types every way of giving a password
// on the command line, then reads the history file and the screen.
func TestHistoryNeverKeepsAPassword(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "ftpane", "history")
	m := newCmdTest(t, hist)
	lines := []string{
		"quote PASS hunter2", "literal ACCT acct-s3", "quote pass hunter2", "user bob hunter2 acct-s3",
		"account acct-s3", "proxy user bob hunter2", "proxy quote PASS hunter2",
		"open ftp://bob:hunter2@127.0.0.1:1/", "proxy open ftps://bob:hunter2@127.0.0.1:1",
		"get ftp://bob:hunter2@127.0.0.1:1/file", `user bob "hunter2`, "pwd",
	}
	for _, l := range lines {
		m = press(t, m, ":")
		m = typeText(t, m, l)
		m = press(t, m, "enter")
		m = drainSink(t, m)
		if s := screen(m); strings.Contains(s, "hunter2") || strings.Contains(s, "acct-s3") {
			t.Fatalf("after %q the screen shows the secret:\n%s", l, s)
		}
	}
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "hunter2") || strings.Contains(string(data), "acct-s3") {
		t.Fatalf("history file keeps a secret:\n%s", data)
	}
	for _, want := range []string{"quote PASS ***\n", "user bob *** ***\n", "proxy user bob ***\n",
		"open ftp://bob:***@127.0.0.1:1/\n", "pwd\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("history file lacks %q:\n%s", want, data)
		}
	}
	for _, l := range m.log.Lines() {
		if strings.Contains(l, "hunter2") {
			t.Fatalf("log line %q", l)
		}
	}
}

// TestConnectDialogTakesAURL: a URL typed as the host connects with its
// parts, and an error never echoes its password.
func TestConnectDialogTakesAURL(t *testing.T) {
	d := &dialer{fs: sampleRemote(), pass: "hunter2"}
	m := newDialTest(t, nil, d)
	m = typeText(t, m, "ftp://ann:hunter2@nowhere.invalid:2121/pub")
	m = press(t, m, "enter")
	wantScreen(t, m, "lookup nowhere.invalid: no such", "Connect to an FTP server")
	if s := screen(m); strings.Contains(s, "hunter2") {
		t.Fatalf("the password shows:\n%s", s)
	}
	got := d.tried[len(d.tried)-1]
	if got.Host != "nowhere.invalid" || got.Port != 2121 || got.User != "ann" || got.Password != "hunter2" || got.Dir != "/pub" {
		t.Fatalf("dialled %+v", got)
	}
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "gopher://ann:hunter2@ftp.example.org")
	m = press(t, m, "enter")
	wantScreen(t, m, `gopher://ann:***@ftp.example.org`, "scheme must be ftp")
	if n := strings.Count(screen(m), "hunter2"); n != 1 { // the field being typed in, not the error
		t.Fatalf("the password shows %d times:\n%s", n, screen(m))
	}
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "ftpes://ann:hunter2@ftp.example.org")
	m = press(t, m, "enter")
	wantScreen(t, m, "connected to ann@ftp.example.org")
	if got := d.tried[len(d.tried)-1]; got.TLS != session.TLSExplicit {
		t.Fatalf("TLS = %v", got.TLS)
	}
}
