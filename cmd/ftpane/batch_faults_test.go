package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/faultproxy"
)

// proxied serves root through a fault proxy; it returns the proxy and
// its host and port.
func proxied(t *testing.T, root string) (*faultproxy.Proxy, string, string) {
	t.Helper()
	srv := startServer(t, root)
	px, err := faultproxy.Start(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { px.Close() })
	host, port, _ := net.SplitHostPort(px.Addr())
	return px, host, port
}

// TestBatchGetResumesAfterDrop: a download whose data and control
// connections both drop mid-way is retried, resumed where it stopped
// (REST), and the script exits 0 with the server's bytes; no .part is
// left and nothing half-written sits under the final name meanwhile.
func TestBatchGetResumesAfterDrop(t *testing.T) {
	root, local := t.TempDir(), t.TempDir()
	want := writeRandom(t, filepath.Join(root, "big.bin"), 16<<20)
	px, host, port := proxied(t, root)
	hit := px.CutDataAfter(4 << 20)
	go func() { <-hit; px.DropControl() }()
	code, out, errs := runBatchScript(t, local, "user e2e s3cret\nget big.bin\nbye\n", "-n", host, port)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if got := fileSha(t, filepath.Join(local, "big.bin")); got != want {
		t.Fatal("big.bin: bytes differ from the server's")
	}
	if _, err := os.Stat(filepath.Join(local, "big.bin.part")); err == nil {
		t.Error("a .part was left behind")
	}
	if !resumed(px.Commands()) {
		t.Errorf("no REST at a byte past 0 after the drop: %v", px.Commands())
	}
}

// resumed reports a REST at a non-zero offset among the commands.
func resumed(cmds []string) bool {
	for _, c := range cmds {
		if strings.HasPrefix(c, "REST ") && c != "REST 0" {
			return true
		}
	}
	return false
}

// TestBatchMirrorSurvives421AndDrops: mirror's copies are the queue's:
// a server refusing logins past two (421) gets fewer connections, a cut
// data connection is resumed, and the summary counts only verified
// files; the exit status is 0 and every file is right.
func TestBatchMirrorSurvives421AndDrops(t *testing.T) {
	root, local := t.TempDir(), t.TempDir()
	sums := map[string]string{}
	for d := range 3 {
		for f := range 6 {
			rel := fmt.Sprintf("tree/d%d/f%d.bin", d, f)
			sums[rel] = writeRandom(t, filepath.Join(root, rel), 200<<10+d*1000+f)
		}
	}
	sums["tree/big.bin"] = writeRandom(t, filepath.Join(root, "tree", "big.bin"), 8<<20)
	px, host, port := proxied(t, root)
	px.LimitControl(3)
	px.CutDataAfter(2 << 20)
	code, out, errs := runBatchScript(t, local, "user e2e s3cret\nmirror --parallel 6 tree\nbye\n", "-n", host, port)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for rel, want := range sums {
		if got := fileSha(t, filepath.Join(local, rel)); got != want {
			t.Errorf("%s: bytes differ", rel)
		}
	}
	if !strings.Contains(out, fmt.Sprintf("%d files; %d transferred", len(sums), len(sums))) {
		t.Errorf("summary: %q, want all %d files transferred", lastLine(out), len(sums))
	}
	if px.Refused() == 0 {
		t.Error("the proxy never refused a login: the 421 path was not exercised")
	}
	parts, _ := filepath.Glob(filepath.Join(local, "tree", "*", "*.part"))
	if len(parts) > 0 {
		t.Errorf(".part files left: %v", parts)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestBatchActiveEverywhere: -A makes every data connection active, the
// shell's and the queue's (mirror's extra connections included).
func TestBatchActiveEverywhere(t *testing.T) {
	root, local := t.TempDir(), t.TempDir()
	want := writeRandom(t, filepath.Join(root, "one.bin"), 300<<10)
	for f := range 4 {
		writeRandom(t, filepath.Join(root, "tree", fmt.Sprintf("f%d", f)), 100<<10)
	}
	px, host, port := proxied(t, root)
	script := "user e2e s3cret\nget one.bin\nls\nmirror --parallel 3 tree\nbye\n"
	code, out, errs := runBatchScript(t, local, script, "-n", "-A", host, port)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if fileSha(t, filepath.Join(local, "one.bin")) != want {
		t.Fatal("one.bin: bytes differ")
	}
	active := 0
	for _, c := range px.Commands() {
		switch {
		case strings.HasPrefix(c, "EPSV"), strings.HasPrefix(c, "PASV"):
			t.Fatalf("-A sent %q: a passive data connection", c)
		case strings.HasPrefix(c, "EPRT"), strings.HasPrefix(c, "PORT"):
			active++
		}
	}
	if active < 6 { // get, ls, and four files of the mirror
		t.Errorf("%d active data connections, want at least 6: %v", active, px.Commands())
	}
}
