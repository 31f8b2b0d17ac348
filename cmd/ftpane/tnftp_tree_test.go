package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// seedTime is the modification time of every seeded file, so that long
// listings of them are the same in every run.
var seedTime = time.Date(2020, 1, 2, 3, 4, 0, 0, time.UTC)

// remoteSeed is the remote tree each client starts from.
func remoteSeed() map[string]string {
	big := strings.Repeat("0123456789abcdef", 700) // 11200 bytes
	return map[string]string{
		"a.txt": "alpha\n", "b.bin": big[:3000], "big.bin": big, "UPPER.TXT": "upper\n",
		"a1.a2.a3": "nmap\n", "LL1": "ntrans\n", "m1.dat": "m1", "m2.dat": "m2", "mx.bin": "mx",
		"del1.log": "d1", "del2.log": "d2", "keep.log": "k", "todelete.txt": "t", "crlf.txt": "a\r\nb\nc\r\n",
		"old.txt": "remote old", "fresh.txt": "remote fresh", "listdir/one": "1", "listdir/two": "22",
	}
}

// localSeed is the local tree each client starts from, with the times of
// files whose age matters (newer).
func localSeed() (map[string]string, map[string]time.Time) {
	big := remoteSeed()["big.bin"]
	files := map[string]string{
		"up.txt": "upload me\n", "lp1.txt": "lp1", "lp2.txt": "lp2", "unix.txt": "x\ny\n",
		"big_part.bin": strings.Repeat("Z", 100), "big_reget.bin": big[:1000],
		"old.txt": "local old", "fresh.txt": "local fresh", "sub/keep": "k",
	}
	times := map[string]time.Time{"old.txt": time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		"fresh.txt": time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	return files, times
}

// seedLocal writes the local seed into a new folder.
func seedLocal(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, times := localSeed()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if tm, ok := times[name]; ok {
			os.Chtimes(p, tm, tm)
		}
	}
	return dir
}

// seedRemote creates dir on the server and uploads the remote seed into
// it; the folder is removed when the test ends.
func seedRemote(t *testing.T, tg testsrv.Target, dir string) {
	t.Helper()
	ctx := context.Background()
	r, err := session.Dial(ctx, session.Config{Host: tg.Host, Port: tg.Port, User: tg.User, Password: tg.Pass})
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	t.Cleanup(func() {
		r.RemoveAll(context.Background(), "/"+dir)
		r.Close()
	})
	for _, d := range []string{"/" + dir, "/" + dir + "/listdir"} {
		if err := r.Mkdir(ctx, d); err != nil {
			t.Fatalf("seed mkdir %s: %v", d, err)
		}
	}
	for name, content := range remoteSeed() {
		p := "/" + dir + "/" + name
		w, err := r.Create(ctx, p, 0)
		if err == nil {
			_, err = w.Write([]byte(content))
			err = errorsJoin(err, w.Close())
		}
		if err != nil {
			t.Fatalf("seed %s: %v", p, err)
		}
		if err := r.Chtimes(ctx, p, seedTime); err != nil {
			t.Fatalf("seed time %s: %v", p, err)
		}
	}
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// snapshot describes a tree: one line per entry with kind, mode, size and
// sha256, sorted by name.
func snapshot(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		if !d.IsDir() {
			line += fmt.Sprintf(" %d %s", info.Size(), fileSha(t, p))
		}
		out = append(out, line)
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", root, err)
	}
	sort.Strings(out)
	return out
}
