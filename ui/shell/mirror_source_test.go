package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMirrorRemoveSourceFiles: --Remove-source-files deletes each source
// file once its copy is verified, and each one the target already has the
// same (size and time); a file left out by a pattern, and one the target
// has newer, stay. Checked on the server's disk, both ways.
func TestMirrorRemoveSourceFiles(t *testing.T) {
	e := newEnv(t)
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	srv := func(n string) string { return filepath.Join(e.root, "rs", n) }
	loc := func(n string) string { return filepath.Join(e.local, "rs", n) }
	for n, body := range map[string]string{"new.txt": "new", "same.txt": "same", "skip.log": "log", "kept.txt": "old one"} {
		writeFile(t, srv(n), body)
		os.Chtimes(srv(n), at, at)
	}
	writeFile(t, loc("same.txt"), "same")
	os.Chtimes(loc("same.txt"), at, at)
	writeFile(t, loc("kept.txt"), "newer!!") // same size, newer here: not copied, not the same
	later := at.Add(time.Hour)
	os.Chtimes(loc("kept.txt"), later, later)

	mustContain(t, "dry run", e.run("mirror --dry-run --Remove-source-files -X *.log rs"),
		"rm /rs/same.txt", "get -E /rs/new.txt")
	if !exists(srv("new.txt")) || !exists(srv("same.txt")) {
		t.Fatal("--dry-run deleted a source file")
	}
	e.run("mirror --Remove-source-files -X *.log rs")
	for n, want := range map[string]bool{"new.txt": false, "same.txt": false, "skip.log": true, "kept.txt": true} {
		if exists(srv(n)) != want {
			t.Errorf("server's %s: there %v, want %v", n, !want, want)
		}
	}
	if b, _ := os.ReadFile(loc("new.txt")); string(b) != "new" {
		t.Errorf("the moved file's copy: %q", b)
	}
	if b, _ := os.ReadFile(loc("kept.txt")); string(b) != "newer!!" {
		t.Errorf("the newer local file was replaced: %q", b)
	}

	// Up: the local files go once they are on the server.
	writeFile(t, filepath.Join(e.local, "up2", "a.txt"), "aaa")
	e.run("mirror -R --Remove-source-files up2 rs2")
	if exists(filepath.Join(e.local, "up2", "a.txt")) {
		t.Error("mirror -R --Remove-source-files left the local file")
	}
	if b, _ := os.ReadFile(filepath.Join(e.root, "rs2", "a.txt")); string(b) != "aaa" {
		t.Errorf("the server's copy: %q", b)
	}
}

// TestMirrorNoEmptyDirs: with --no-empty-dirs a folder is made only when
// a file is copied into it or below it; without, every source folder is.
func TestMirrorNoEmptyDirs(t *testing.T) {
	e := newEnv(t)
	for _, n := range []string{"ne/a/b/x.jpg", "ne/a/c/y.txt", "ne/d/z.txt"} {
		writeFile(t, filepath.Join(e.root, n), n)
	}
	out := e.run("mirror --dry-run --no-empty-dirs -I *.jpg ne")
	mustContain(t, "dry run", out, "mkdir "+filepath.Join(e.local, "ne", "a")+"\n", "mkdir "+filepath.Join(e.local, "ne", "a", "b")+"\n")
	if strings.Contains(out, filepath.Join("ne", "d")) || strings.Contains(out, filepath.Join("a", "c")) {
		t.Errorf("dry run makes folders no file goes to:\n%s", out)
	}
	e.run("mirror --no-empty-dirs -I *.jpg ne")
	for d, want := range map[string]bool{"a/b": true, "a/c": false, "d": false} {
		if exists(filepath.Join(e.local, "ne", d)) != want {
			t.Errorf("--no-empty-dirs: folder %s there %v, want %v", d, !want, want)
		}
	}
	mirrorGives(t, e, "mirror --no-empty-dirs -I *.jpg ne", "ne", "a/b/x.jpg")
	e.run("mirror -I *.jpg ne")
	if !exists(filepath.Join(e.local, "ne", "d")) {
		t.Error("without --no-empty-dirs the folder d was not made")
	}
}
