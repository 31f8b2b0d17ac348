package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// TestTUIWorkspace: the ":" line acts on the panes (issue 10). Enter a
// remote folder by keys; :pwd names it, :get fetches from it into the
// local pane's folder, :cd / moves the pane, :close disconnects it and
// the header follows.
func TestTUIWorkspace(t *testing.T) {
	bin := buildFtpane(t)
	root, local, home := t.TempDir(), t.TempDir(), t.TempDir()
	faq := strings.Repeat("frequently asked\n", 3000)
	os.MkdirAll(filepath.Join(root, "remote-dir", "docs"), 0o755)
	os.WriteFile(filepath.Join(root, "remote-dir", "faq.txt"), []byte(faq), 0o644)
	os.WriteFile(filepath.Join(root, "remote-dir", "docs", "faq.txt"), []byte("the wrong one\n"), 0o644)
	os.WriteFile(filepath.Join(root, "top.txt"), []byte("top\n"), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-ws"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	u := startTUIHome(t, bin, local, home, nil, 120, 32, "ftp://u:pw-ws@"+srv.Addr()+"/")
	u.waitFor("remote-dir", "top.txt")
	u.keys("Enter") // folders first: the cursor is on remote-dir
	u.waitFor("faq.txt", "docs")
	u.keys(":", "text:pwd", "Enter")
	u.waitFor(`Remote directory: /remote-dir`)
	u.keys(":", "text:get faq.txt", "Enter")
	waitSha(t, filepath.Join(local, "faq.txt"), sha([]byte(faq)))
	u.keys(":", "text:cd /", "Enter")
	u.waitFor("top.txt")
	u.waitGone("docs")
	u.keys(":", "text:close", "Enter")
	u.waitFor("not connected (c to connect)")
	u.waitLine(0, "not connected")
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
