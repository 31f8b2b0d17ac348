package shell

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
)

// TestRealServers runs the everyday commands against vsftpd, pure-ftpd and
// proftpd (skipped when they are not running, outside CI).
func TestRealServers(t *testing.T) {
	for _, tg := range testsrv.Real(t) {
		t.Run(tg.Name, func(t *testing.T) {
			out := &lockedBuffer{}
			e := &env{t: t, out: out, local: t.TempDir(), root: tg.Root}
			e.sh = New(Options{Out: out, LocalDir: e.local, NoNetrc: true, Batch: true, NoPrompt: true})
			defer e.sh.Close()
			e.run("open " + net.JoinHostPort(tg.Host, strconv.Itoa(tg.Port)))
			e.run("user " + tg.User + " " + tg.Pass)
			dir := fmt.Sprintf("shell-%d", time.Now().UnixNano())
			e.run("mkdir " + dir)
			defer e.sh.Run(t.Context(), "mdelete "+dir+"/*")
			e.run("cd " + dir)
			realServerScript(t, e, filepath.Join(tg.Root, dir))
			e.run("cdup")
			e.run("rmdir " + dir)
		})
	}
}

func realServerScript(t *testing.T, e *env, remoteDir string) {
	data := bigContent(70000)
	writeFile(t, filepath.Join(e.local, "up.bin"), data)
	e.run("put up.bin")
	if sum(t, filepath.Join(remoteDir, "up.bin")) != sumOf(data) {
		t.Fatal("put: bytes on the server differ")
	}
	e.run(`put up.bin "sp ace.bin"`)
	e.run(`get "sp ace.bin" down.bin`)
	if sum(t, filepath.Join(e.local, "down.bin")) != sumOf(data) {
		t.Fatal("get: bytes differ")
	}
	mustContain(t, "ls", e.run("ls"), "up.bin", "sp ace.bin")
	mustContain(t, "nlist", e.run("nlist"), "up.bin")
	mustContain(t, "size", e.run("size up.bin"), "up.bin\t70000")
	mustContain(t, "modtime", e.run("modtime up.bin"), "GMT")
	e.run("chmod 640 up.bin")
	if st, _ := os.Stat(filepath.Join(remoteDir, "up.bin")); st.Mode().Perm() != 0o640 {
		t.Errorf("chmod: mode %v", st.Mode().Perm())
	}
	e.run("sunique")
	mustContain(t, "sunique", e.run("put up.bin"), "File stored as")
	e.run("sunique")
	e.run("rename up.bin moved.bin")
	e.run("mget *.bin")
	if !exists(filepath.Join(e.local, "moved.bin")) {
		t.Error("mget: moved.bin missing")
	}
	e.run("restart 1000")
	e.run("get moved.bin")
	e.run("mdelete *")
	realMirror(t, e, remoteDir)
}

// realMirror sends a small tree up with mirror -R on three connections and
// brings it back, then removes it.
func realMirror(t *testing.T, e *env, remoteDir string) {
	for _, n := range []string{"tree/a.txt", "tree/b/c.bin", "tree/b/d/e.txt", "tree/f.bin"} {
		writeFile(t, filepath.Join(e.local, n), n+bigContent(3000))
	}
	e.run("mirror -R --parallel 3 tree tree")
	e.run("mirror --parallel 2 tree back")
	up, back := treeSums(t, filepath.Join(remoteDir, "tree")), treeSums(t, filepath.Join(e.local, "back"))
	if keys(up) != "a.txt b/c.bin b/d/e.txt f.bin" || keys(back) != keys(up) {
		t.Fatalf("mirror: remote %s, back %s", keys(up), keys(back))
	}
	for k, v := range up {
		if back[k] != v || v != sum(t, filepath.Join(e.local, "tree", k)) {
			t.Errorf("mirror: %s differs", k)
		}
	}
	mustContain(t, "mirror again", e.run("mirror tree back"), "; 0 transferred")
	os.Mkdir(filepath.Join(e.local, "empty"), 0o755)
	e.run("mirror -R --delete empty tree")
	if ents, err := os.ReadDir(filepath.Join(remoteDir, "tree")); err != nil || len(ents) != 0 {
		t.Errorf("mirror --delete left %v (%v)", ents, err)
	}
	e.run("rmdir tree")
	if out := e.run("nlist"); strings.Contains(out, ".bin") {
		t.Errorf("mdelete left %q", out)
	}
}
