package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// TestTUICommandLine drives the : line of the built binary: Tab completes
// a command name and a remote name, a get lands on disk through the queue,
// and the history comes back after a restart.
func TestTUICommandLine(t *testing.T) {
	bin := buildFtpane(t)
	root, local, home := t.TempDir(), t.TempDir(), t.TempDir()
	content := strings.Repeat("quarterly,numbers\n", 4000)
	os.WriteFile(filepath.Join(root, "report.csv"), []byte(content), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-e2e"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	url := "ftp://u:pw-e2e@" + srv.Addr() + "/"

	u := startTUIHome(t, bin, local, home, nil, 110, 30, url)
	u.waitFor("report.csv")
	u.keys(":", "text:sta", "Tab")
	u.waitFor(":status")
	u.keys("Enter")
	u.waitFor("done: status")
	u.keys(":", "text:get rep", "Tab")
	u.waitFor(":get report.csv")
	u.keys("Enter")
	// The queue row is the lasting evidence (the status line moves on).
	u.waitFor("transfers (1)", "download report.csv")
	waitSha(t, filepath.Join(local, "report.csv"), sha([]byte(content)))
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")

	again := startTUIHome(t, bin, local, home, nil, 110, 30, url)
	again.waitFor("report.csv")
	again.keys(":", "Up")
	again.waitFor(":get report.csv")
	again.keys("Up")
	again.waitFor(":status")
	again.keys("Escape") // apart from q: ESC then q at once reads as Alt+q
	again.waitFor("q quit")
	again.keys("q")
	again.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}
