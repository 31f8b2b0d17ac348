package shell

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

// treeSums maps every file under dir to its sha256.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = sum(t, p)
		}
		return nil
	})
	return out
}

func keys(m map[string]string) string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

func TestMirrorDownloadUpload(t *testing.T) {
	var dials atomic.Int32
	e := newEnv(t, func(o *Options) {
		o.Dial = func(ctx context.Context, c session.Config) (*session.Remote, error) {
			dials.Add(1)
			return session.Dial(ctx, c)
		}
	})
	for _, n := range []string{"src/a.txt", "src/b/c.bin", "src/b/d/e.txt", "src/skip.tmp"} {
		writeFile(t, filepath.Join(e.root, n), n+bigContent(2000))
	}
	before := dials.Load()
	e.run("mirror --parallel 3 --exclude *.tmp src")
	if n := dials.Load() - before; n != 2 {
		t.Errorf("--parallel 3 dialled %d extra connections, want 2", n)
	}
	got := treeSums(t, filepath.Join(e.local, "src"))
	if keys(got) != "a.txt b/c.bin b/d/e.txt" {
		t.Fatalf("mirror: local tree %s", keys(got))
	}
	for rel, s := range got {
		if s != sum(t, filepath.Join(e.root, "src", rel)) {
			t.Errorf("mirror: %s differs", rel)
		}
	}
	// up to date: nothing to transfer
	mustContain(t, "second mirror", e.run("mirror --exclude *.tmp src"), "; 0 transferred")
	// upload with -R, --include, --delete
	writeFile(t, filepath.Join(e.local, "up/x.txt"), "x")
	writeFile(t, filepath.Join(e.local, "up/y.log"), "y")
	writeFile(t, filepath.Join(e.root, "dst/old.txt"), "old")
	writeFile(t, filepath.Join(e.root, "dst/olddir/deep/x"), "old")
	mustContain(t, "dry run delete", e.run("mirror -R --dry-run --include *.txt --delete up dst"),
		"put ", "rm /dst/old.txt", "rm -r /dst/olddir")
	e.run("mirror -R --include *.txt --delete up dst")
	if got := treeSums(t, filepath.Join(e.root, "dst")); keys(got) != "x.txt" {
		t.Fatalf("mirror -R: remote tree %s", keys(got))
	}
	if exists(filepath.Join(e.root, "dst/olddir")) {
		t.Fatal("mirror --delete left a folder the source does not have")
	}
}

func TestMirrorOptions(t *testing.T) {
	e := newEnv(t)
	data := bigContent(5000)
	writeFile(t, filepath.Join(e.root, "m/f.bin"), data)
	writeFile(t, filepath.Join(e.local, "m/f.bin"), data[:1200])
	mustContain(t, "dry run", e.run("mirror --dry-run m"), "get /m/f.bin")
	if b, _ := os.ReadFile(filepath.Join(e.local, "m/f.bin")); len(b) != 1200 {
		t.Fatal("--dry-run changed a file")
	}
	// --only-newer: the local copy is newer, so nothing happens
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(e.local, "m/f.bin"), future, future)
	e.run("mirror --only-newer m")
	if b, _ := os.ReadFile(filepath.Join(e.local, "m/f.bin")); len(b) != 1200 {
		t.Fatal("--only-newer replaced a newer file")
	}
	e.run("mirror --continue m")
	if sum(t, filepath.Join(e.local, "m/f.bin")) != sumOf(data) {
		t.Fatal("--continue did not complete the file")
	}
	mustContain(t, "bad option", e.fail("mirror --bogus m"), "unknown option")
	mustContain(t, "missing source", e.fail("mirror nope"), "550")
}
