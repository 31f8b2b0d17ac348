package session_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

// TestDemoTreeOverFTP lists the demo tree the way a pane will: names with
// CJK characters and spaces come through intact, a link to a folder
// inside the tree can be entered, a link pointing outside cannot.
func TestDemoTreeOverFTP(t *testing.T) {
	dir := t.TempDir()
	if err := ftpd.PrepareDemo(dir, 1<<20); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "escape")); err != nil {
		t.Fatal(err)
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: "127.0.0.1:0", User: "demo", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, _ := session.ParseURL("ftp://demo:pw@" + srv.Addr())
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	root, err := r.List(ctx, "/")
	if err != nil {
		t.Fatal(err)
	}
	for name, kind := range map[string]session.Kind{"文档": session.KindDir, "My Documents": session.KindDir,
		"README.md": session.KindFile, ftpd.DemoBigFile: session.KindFile, ftpd.DemoLatest: session.KindFile} {
		if e, ok := find(root, name); !ok || e.Kind != kind {
			t.Errorf("/%s: got %+v, want a %v", name, e, kind)
		}
	}
	if e, _ := find(root, ftpd.DemoBigFile); e.Size != 1<<20 {
		t.Errorf("big file size %d", e.Size)
	}
	docs, err := r.List(ctx, "/docs")
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := find(docs, "current"); !ok || e.Kind != session.KindDir {
		t.Fatalf("docs/current (a link to api/v1) should be a folder to enter: %+v", e)
	}
	if p, err := r.Chdir(ctx, "/docs/current"); err != nil || p != "/docs/current" {
		t.Fatalf("cd into the link: %q, %v", p, err)
	}
	if _, err := r.Chdir(ctx, "/escape"); err == nil {
		t.Fatal("a link out of the served folder must not be enterable")
	}
	if got := get(t, r, "/文档/说明.txt", 0); len(got) == 0 {
		t.Fatal("CJK-named file came back empty")
	}
}
