package session_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestMkdirsLocal: the missing levels are made, an existing one is used,
// the folder itself must be new, and a file in the way is named.
func TestMkdirsLocal(t *testing.T) {
	ctx, root := context.Background(), t.TempDir()
	var l session.Local
	first, err := session.Mkdirs(ctx, l, filepath.Join(root, "a", "b", "c"))
	if err != nil || first != filepath.Join(root, "a") {
		t.Fatalf("a/b/c: first %q, %v", first, err)
	}
	if st, err := os.Stat(filepath.Join(root, "a", "b", "c")); err != nil || !st.IsDir() {
		t.Fatalf("a/b/c not made: %v", err)
	}
	first, err = session.Mkdirs(ctx, l, filepath.Join(root, "a", "b", "d", "e"))
	if err != nil || first != filepath.Join(root, "a", "b", "d") {
		t.Fatalf("a/b/d/e: first %q, %v", first, err)
	}
	if _, err := session.Mkdirs(ctx, l, filepath.Join(root, "a", "b")); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("a/b exists: %v", err)
	}
	os.WriteFile(filepath.Join(root, "file"), []byte("x"), 0o644)
	_, err = session.Mkdirs(ctx, l, filepath.Join(root, "file", "sub"))
	if err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Fatalf("under a file: %v", err)
	}
}

// TestMkdirsRemote: on every server, MKD for each missing level; an
// existing level (whatever the server answers to MKD) is used; the new
// folders are there on disk.
func TestMkdirsRemote(t *testing.T) {
	targets := testsrv.Embedded(t)[:1]
	if testsrv.InCI() { // elsewhere RealAll would skip the embedded server's run too
		targets = append(targets, testsrv.RealAll(t)...)
	}
	for _, tg := range targets {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			var sent, replies []string // MKD and the replies to it
			mkd := false
			r, err := session.Dial(ctx, config(tg, variant{}), session.WithTrace(func(d session.TraceDir, line string) {
				switch {
				case d == session.TraceSent:
					mkd = strings.HasPrefix(line, "MKD ")
					if mkd {
						sent = append(sent, line)
					}
				case mkd:
					replies = append(replies, line)
					mkd = false
				}
			}))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			base := tg.Path("mkdirs-" + strings.ReplaceAll(t.Name(), "/", "-"))
			if err := r.Mkdir(ctx, base); err != nil {
				t.Fatal(err)
			}
			defer r.RemoveAll(ctx, base)
			sent = nil
			first, err := session.Mkdirs(ctx, r, base+"/a/b/c")
			if err != nil || first != base+"/a" {
				t.Fatalf("a/b/c: first %q, %v", first, err)
			}
			if got := strings.Join(sent, ","); got != "MKD "+base+"/a,MKD "+base+"/a/b,MKD "+base+"/a/b/c" {
				t.Errorf("sent %s", got)
			}
			first, err = session.Mkdirs(ctx, r, base+"/a/x/y")
			if err != nil || first != base+"/a/x" {
				t.Fatalf("a/x/y: first %q, %v", first, err)
			}
			for _, p := range []string{"a/b/c", "a/x/y"} {
				if e, err := r.Stat(ctx, base+"/"+p); err != nil || !e.IsDir() {
					t.Errorf("%s: %+v %v", p, e, err)
				}
			}
			if _, err := session.Mkdirs(ctx, r, base+"/a/b"); err == nil {
				t.Error("a/b exists, yet no error")
			}
			// A level the walk up did not see (a listing that hides it):
			// MKD gets the server's own "exists" answer, which is fine.
			sent, replies = nil, nil
			blind := &blindStat{FS: r, miss: map[string]bool{base + "/a": true, base + "/a/b": true}}
			first, err = session.Mkdirs(ctx, blind, base+"/a/b/z")
			if err != nil || first != base+"/a/b/z" {
				t.Fatalf("a/b/z past a refused MKD: first %q, %v (replies %q)", first, err, replies)
			}
			if len(sent) != 3 || !strings.HasPrefix(replies[0], "5") {
				t.Errorf("sent %q, replies %q: want MKD a refused as existing", sent, replies)
			}
		})
	}
}

// blindStat is an FS whose Stat does not see the paths in miss, once.
type blindStat struct {
	session.FS
	miss map[string]bool
}

func (b *blindStat) Stat(ctx context.Context, p string) (session.Entry, error) {
	if b.miss[p] {
		delete(b.miss, p)
		return session.Entry{}, fs.ErrNotExist
	}
	return b.FS.Stat(ctx, p)
}
