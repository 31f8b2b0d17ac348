package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// TestTUISiteManager adds a site in the dialog, connects to it from
// there, then again with ftpane @name: the remote pane shows the server's
// files, and no file ftpane wrote holds the password.
func TestTUISiteManager(t *testing.T) {
	bin := buildFtpane(t)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "served.txt"), []byte("x"), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "e2e", Pass: "right-pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	home := t.TempDir()
	u := startTUIHome(t, bin, t.TempDir(), home, []string{"DBUS_SESSION_BUS_ADDRESS="}, 100, 36)
	u.waitFor("Connect to an FTP server") // nothing saved yet: the plain dialog
	u.keys("Escape")
	u.waitGone("Connect to an FTP server")
	u.keys("c")
	u.waitFor("Sites and recent connections", "no sites yet")
	u.keys("F7")
	u.waitFor("New site", "Sync browse")
	u.keys("text:e2e site", "Tab", "Tab", "text:"+srv.Addr(), "Tab", "text:e2e", "Tab", "text:right-pw", "Enter")
	u.waitFor("saved site e2e site", "e2e@"+srv.Addr())
	u.keys("Enter")
	u.waitFor("connected to e2e@"+srv.Addr(), "served.txt")
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")

	for _, f := range []string{".config/ftpane/sites.toml", ".state/ftpane/recent.toml"} {
		data, err := os.ReadFile(filepath.Join(home, f))
		if err != nil || strings.Contains(string(data), "right-pw") || !strings.Contains(string(data), srv.Addr()) {
			t.Fatalf("%s (%v):\n%s", f, err, data)
		}
	}

	u = startTUIHome(t, bin, t.TempDir(), home, []string{"DBUS_SESSION_BUS_ADDRESS="}, 100, 36, "@e2e site")
	u.waitFor("Connect to an FTP server", "no keyring service") // no keyring here: asked, and told why
	u.keys("text:right-pw", "Enter")
	u.waitFor("connected to e2e@"+srv.Addr(), "served.txt")
	u.keys("c")
	u.waitFor("Recent", "@e2e site")
}
