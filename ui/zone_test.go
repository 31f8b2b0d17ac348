package ui

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/zonesrv"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
)

// TestPaneShowsTrueLocalTimes: a server whose LIST shows times in
// UTC+05:30 (and MDTM in UTC) is detected from the first listing, and the
// pane, which reads folders as streams, shows each file's true time in
// the local zone.
func TestPaneShowsTrueLocalTimes(t *testing.T) {
	dir := t.TempDir()
	when := time.Now().Add(-48 * time.Hour).Truncate(time.Minute).UTC() // recent: LIST shows the time of day
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		p := filepath.Join(dir, n)
		os.WriteFile(p, []byte(n), 0o644)
		os.Chtimes(p, when, when)
	}
	addr := zonesrv.Start(t, dir, time.FixedZone("IST", 5*3600+1800))
	host, port, _ := net.SplitHostPort(addr)
	pn, _ := strconv.Atoi(port)
	cfg := session.Config{Host: host, Port: pn, User: zonesrv.User, Password: zonesrv.Pass}
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	want := when.In(time.Local).Format("15:04")
	wantScreen(t, m, "server time zone: UTC+05:30", want)
	e, ok := m.panes[1].Current()
	if !ok || !e.ModTime.Equal(when) {
		t.Fatalf("the pane's entry %q has time %v, want %v", e.Name, e.ModTime, when)
	}
}
