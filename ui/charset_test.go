package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCommandLineCharsetFollowsThePane: a server with a GBK name; the
// status line names the charset the names look like, and ":charset gbk"
// switches the pane's own session and lists the folder again, now showing
// the Chinese name.
func TestCommandLineCharsetFollowsThePane(t *testing.T) {
	root := t.TempDir()
	name, _ := simplifiedchinese.GBK.NewEncoder().String("说明.txt")
	if err := os.WriteFile(filepath.Join(root, name), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, _ := session.ParseURL("ftp://u:pw@" + srv.Addr())
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	wantScreen(t, m, "look like gbk", `˵\xc3\xf7.txt`) // the name's bytes, escaped

	m = press(t, m, ":")
	m = typeText(t, m, "charset gbk")
	m = press(t, m, "enter")
	m = drainSink(t, m)
	wantScreen(t, m, "说明.txt")
	dontWantScreen(t, m, `\xc3\xf7`)
	if enc := m.links[m.linked()].fs.(*session.Remote).Encoding(); enc != "gbk" {
		t.Fatalf("the pane's session reads names as %q, want gbk", enc)
	}
}

// TestCharsetKey: E offers the charsets and switches the pane's server
// live, as :charset does; the names show right at once.
func TestCharsetKey(t *testing.T) {
	root := t.TempDir()
	name, _ := simplifiedchinese.GBK.NewEncoder().String("说明.txt")
	if err := os.WriteFile(filepath.Join(root, name), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, _ := session.ParseURL("ftp://u:pw@" + srv.Addr())
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	m = press(t, m, "E")
	wantScreen(t, m, "Name charset", "utf-8")
	m = press(t, m, "right", "enter") // the next one: gbk
	wantScreen(t, m, "说明.txt", "now read as gbk")
	if enc := m.links[m.linked()].fs.(*session.Remote).Encoding(); enc != "gbk" {
		t.Fatalf("the pane's session reads names as %q, want gbk", enc)
	}
}
