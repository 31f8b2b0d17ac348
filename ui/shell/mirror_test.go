package shell

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
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
		o.Dial = func(ctx context.Context, c session.Config, _ ...session.DialOption) (*session.Remote, error) {
			dials.Add(1)
			return session.Dial(ctx, c)
		}
	})
	for _, n := range []string{"src/a.txt", "src/b/c.bin", "src/b/d/e.txt", "src/skip.tmp"} {
		writeFile(t, filepath.Join(e.root, n), n+bigContent(2000))
	}
	before := dials.Load()
	e.run("mirror --parallel 3 --exclude-glob *.tmp src")
	if n := dials.Load() - before; n != 0 {
		t.Errorf("mirror dialled %d connections of the shell's own, want none: the queue carries the copies", n)
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
	mustContain(t, "second mirror", e.run("mirror -X *.tmp src"), "; 0 transferred")
	// upload with -R, --include, --delete
	writeFile(t, filepath.Join(e.local, "up/x.txt"), "x")
	writeFile(t, filepath.Join(e.local, "up/y.log"), "y")
	writeFile(t, filepath.Join(e.root, "dst/old.txt"), "old")
	writeFile(t, filepath.Join(e.root, "dst/olddir/deep/x"), "old")
	mustContain(t, "dry run delete", e.run("mirror -R --dry-run --include-glob *.txt --delete up dst"),
		"put ", "rm /dst/old.txt", "rm -r /dst/olddir")
	e.run("mirror -R -i \\.txt$ --delete up dst")
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

// TestMirrorComparisonOptions: lftp's --only-missing, --only-existing,
// --ignore-size and --ignore-time choose what a mirror copies, with the
// bytes on disk to show it.
func TestMirrorComparisonOptions(t *testing.T) {
	e := newEnv(t)
	old := time.Now().Add(-time.Hour)
	for _, n := range []string{"o/there.txt", "o/missing.txt"} {
		writeFile(t, filepath.Join(e.root, n), "server's "+n)
	}
	local := filepath.Join(e.local, "o", "there.txt")
	writeFile(t, local, "mine, longer than the server's")
	os.Chtimes(local, old, old)
	mustContain(t, "only missing", e.run("mirror --only-missing o"), "; 1 transferred")
	if b, _ := os.ReadFile(local); string(b) != "mine, longer than the server's" {
		t.Fatalf("--only-missing replaced a file that was there: %q", b)
	}
	os.Remove(filepath.Join(e.local, "o", "missing.txt"))
	mustContain(t, "only existing", e.run("mirror --only-existing o"), "; 1 transferred")
	if exists(filepath.Join(e.local, "o", "missing.txt")) {
		t.Fatal("--only-existing made a file that was missing")
	}
	if b, _ := os.ReadFile(local); string(b) != "server's o/there.txt" {
		t.Fatalf("--only-existing did not update the file that was there: %q", b)
	}
	// Same time, other size: only --ignore-size leaves it.
	writeFile(t, local, "short")
	now := time.Now()
	os.Chtimes(local, now, now)
	os.Chtimes(filepath.Join(e.root, "o", "there.txt"), now, now)
	mustContain(t, "ignore size", e.run("mirror --ignore-size --only-existing o"), "; 0 transferred")
	// Same size, older here: only --ignore-time leaves it.
	writeFile(t, local, "server's o/there.txX")
	os.Chtimes(local, old, old)
	mustContain(t, "ignore time", e.run("mirror --ignore-time --only-existing o"), "; 0 transferred")
	mustContain(t, "by time", e.run("mirror --only-existing o"), "; 1 transferred")
	if b, _ := os.ReadFile(local); string(b) != "server's o/there.txt" {
		t.Fatalf("a file older here was not replaced: %q", b)
	}
}

// hookFS is the local filesystem with a hook before each listing.
type hookFS struct {
	session.Local
	beforeList func(p string) error
}

func (h hookFS) List(ctx context.Context, p string) (session.Listing, error) {
	if err := h.beforeList(p); err != nil {
		return session.Listing{}, err
	}
	return h.Local.List(ctx, p)
}

// mirrorUp runs mirror -R of up to dst with the source's listings hooked,
// as cmdMirror does.
func mirrorUp(t *testing.T, e *env, args string, before func(string) error) error {
	t.Helper()
	o, err := parseMirror(strings.Fields(args), nil)
	if err != nil {
		t.Fatal(err)
	}
	m := &mirrorRun{s: e.sh, o: o, st: newTree(), dt: newTree()}
	m.roots()
	m.src = hookFS{beforeList: before}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return m.exec(ctx)
}

// TestMirrorCopiesWhileListing: files already found are copied while the
// rest of the tree is still being listed. The last folder's listing waits
// until a file has arrived at the server: a mirror that lists the whole
// tree before copying anything never gets there.
func TestMirrorCopiesWhileListing(t *testing.T) {
	e := newEnv(t)
	for _, n := range []string{"up/a/1", "up/a/2", "up/b/3", "up/z/4"} {
		writeFile(t, filepath.Join(e.local, n), n)
	}
	var copiedFirst string
	err := mirrorUp(t, e, "-R --parallel 2 up dst", func(p string) error {
		if filepath.Base(p) != "z" {
			return nil
		}
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
			for _, n := range []string{"a/1", "a/2", "b/3"} {
				if exists(filepath.Join(e.root, "dst", n)) {
					copiedFirst = n
					return nil
				}
			}
			time.Sleep(5 * time.Millisecond) // polling the server's disk, with a deadline
		}
		return errors.New("no file was copied while the tree was being listed")
	})
	if err != nil {
		t.Fatal(err)
	}
	if copiedFirst == "" {
		t.Fatal("the listing hook did not run")
	}
	for _, n := range []string{"a/1", "a/2", "b/3", "z/4"} {
		if got, err := os.ReadFile(filepath.Join(e.root, "dst", n)); err != nil || string(got) != "up/"+n {
			t.Errorf("dst/%s on the server: %q, %v", n, got, err)
		}
	}
}

// TestMirrorDeleteNeedsWholeSource: when part of the source cannot be
// listed, --delete removes nothing: the files it did not see may be there.
func TestMirrorDeleteNeedsWholeSource(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.local, "up/a/1"), "1")
	writeFile(t, filepath.Join(e.local, "up/b/2"), "2")
	writeFile(t, filepath.Join(e.root, "dst/b/2"), "2")
	writeFile(t, filepath.Join(e.root, "dst/b/keep"), "keep")
	err := mirrorUp(t, e, "-R --delete up dst", func(p string) error {
		if filepath.Base(p) == "b" {
			return errors.New("permission denied")
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("mirror with an unreadable source folder: %v, want the listing's error", err)
	}
	if !exists(filepath.Join(e.root, "dst/b/keep")) {
		t.Fatal("--delete removed a target file although the source was not read completely")
	}
	if got, _ := os.ReadFile(filepath.Join(e.root, "dst/a/1")); string(got) != "1" {
		t.Fatalf("the readable part was not copied: %q", got)
	}
}

// A file is newer only at the coarser precision of the two sides: the
// local disk's nanoseconds against the seconds a server keeps (MLSD,
// MFMT) or a LIST line's minutes.
func TestMirrorNewerAtTheCoarserPrecision(t *testing.T) {
	at := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	local := func(d time.Duration) session.Entry { return session.Entry{Name: "a", ModTime: at.Add(d)} }
	mlsd := session.Entry{Name: "a", ModTime: at, Raw: "type=file;size=1;modify=20260506070809; a"}
	list := session.Entry{Name: "a", ModTime: at.Truncate(time.Minute), Raw: "-rw-r--r-- 1 u g 1 May  6 07:08 a"}
	for _, c := range []struct {
		name string
		a, b session.Entry
		want bool
	}{
		{"same second, local has nanoseconds", local(123 * time.Millisecond), mlsd, false},
		{"a second later", local(time.Second), mlsd, true},
		{"same minute as a LIST line", local(40 * time.Second), list, false},
		{"the next minute", local(time.Minute), list, true},
		{"the server's copy is newer", mlsd, local(-time.Second), true},
	} {
		if got := mtime.Newer(c.a, c.b); got != c.want {
			t.Errorf("%s: newer %v, want %v", c.name, got, c.want)
		}
	}
}

// TestMirrorSizeRangeAndNoRecursion: --size-range copies only files of
// those sizes; -r copies the top folder's files and leaves every folder
// alone, even with --delete.
func TestMirrorSizeRangeAndNoRecursion(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "s/small.txt"), "tiny")
	writeFile(t, filepath.Join(e.root, "s/big.bin"), bigContent(5000))
	writeFile(t, filepath.Join(e.root, "s/sub/deep.txt"), "deep")
	writeFile(t, filepath.Join(e.local, "s/keep/mine.txt"), "mine")
	mirrorGives(t, e, "mirror -r --delete --size-range=1k- s", "s", "big.bin keep/mine.txt")
	mirrorGives(t, e, "mirror --size-range -100 s", "s", "big.bin keep/mine.txt small.txt sub/deep.txt")
	mustContain(t, "bad range", e.fail("mirror --size-range 9-1 s"), "expected FROM-TO")
}

// mirrorGives runs a mirror command and checks that the local folder dir
// then holds exactly the files want names (sorted, space-separated).
func mirrorGives(t *testing.T, e *env, cmd, dir, want string) {
	t.Helper()
	e.run(cmd)
	if got := keys(treeSums(t, filepath.Join(e.local, dir))); got != want {
		t.Errorf("%s: local %s holds %s, want %s", cmd, dir, got, want)
	}
}
