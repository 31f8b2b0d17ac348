package shell

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestMirrorEveryServer mirrors a tree up and back down against every
// server (the embedded one and each real one), passive and active, with
// a folder whose name has a space (servers that hand LIST's argument to
// /bin/ls split it). Every file must come back with the same bytes, and
// a second mirror must find nothing to do (times and sizes were kept).
// An empty file comes back empty, fetched or not.
//
// pyftpdlib 1.5.7 (Debian's and Ubuntu's) loses active data connections
// when sessions run in parallel: a second PORT/EPRT closes the session's
// spent connector, which still holds the number of a descriptor another
// session has reused (giampaolo/pyftpdlib#657). The lost connection
// never connects; ftpane's timeout notices and the try is repeated. The
// test's 5 s timeout keeps that from costing 30 s a time.
func TestMirrorEveryServer(t *testing.T) {
	for _, tg := range testsrv.All(t) {
		if tg.Implicit {
			continue // the same server as its explicit twin
		}
		for _, active := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/active=%v", tg.Name, active), func(t *testing.T) {
				mirrorOn(t, tg, active)
			})
		}
	}
}

func mirrorOn(t *testing.T, tg testsrv.Target, active bool) {
	out := &lockedBuffer{}
	e := &env{t: t, out: out, local: t.TempDir()}
	e.sh = New(Options{Out: out, LocalDir: e.local, NoNetrc: true, Batch: true, NoPrompt: true,
		Template: session.Config{Timeout: 5 * time.Second}})
	defer e.sh.Close()
	if active {
		e.run("passive off")
	}
	e.run("open " + net.JoinHostPort(tg.Host, strconv.Itoa(tg.Port)))
	e.run("user " + tg.User + " " + tg.Pass)
	dir := tg.Path(fmt.Sprintf("mirror-%d", time.Now().UnixNano()))
	onDisk := filepath.Join(tg.Root, filepath.FromSlash(dir))
	defer os.RemoveAll(onDisk)
	names := []string{"a.txt", "with space/b.bin", "with space/deep/c.bin", "d.bin"}
	for i, n := range names {
		writeFile(t, filepath.Join(e.local, "up", n), n+bigContent(20000+i*977))
	}
	// An empty file: where SIZE says 0 it is not fetched, only made.
	writeFile(t, filepath.Join(e.local, "up", "with space", "empty"), "")
	names = append(names, "with space/empty")
	e.run("mirror -R --parallel 3 up " + dir)
	e.run("mirror --parallel 2 " + dir + " back")
	for _, n := range names {
		want := sum(t, filepath.Join(e.local, "up", n))
		if got := sum(t, filepath.Join(onDisk, n)); got != want {
			t.Errorf("server's %s differs", n)
		}
		if got := sum(t, filepath.Join(e.local, "back", n)); got != want {
			t.Errorf("back/%s differs", n)
		}
	}
	mustContain(t, "second mirror", e.run("mirror "+dir+" back"), "; 0 transferred")
	// A changed file goes up over the old one: RNTO replaces it, or,
	// where a server refuses, the old one is deleted first.
	changed := filepath.Join(e.local, "up", "a.txt")
	writeFile(t, changed, "changed "+bigContent(30000))
	mustContain(t, "update", e.run("mirror -R up "+dir), "; 1 transferred")
	if sum(t, filepath.Join(onDisk, "a.txt")) != sum(t, changed) {
		t.Error("the server's a.txt was not replaced by the changed one")
	}
}
