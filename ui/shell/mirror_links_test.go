//go:build unix

package shell

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMirrorDoesNotWriteThroughLinks: in mirror's local target, a
// subfolder that is a symbolic link is refused (what it points to is not
// touched), and a dangling file link is replaced by the file, never
// followed to create what it points at.
func TestMirrorDoesNotWriteThroughLinks(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "m/d/in.txt"), "in d")
	writeFile(t, filepath.Join(e.root, "m/x.txt"), "the file")
	outside, nowhere := t.TempDir(), filepath.Join(t.TempDir(), "created-through-link")
	os.MkdirAll(filepath.Join(e.local, "m"), 0o755)
	os.Symlink(outside, filepath.Join(e.local, "m", "d"))
	os.Symlink(nowhere, filepath.Join(e.local, "m", "x.txt"))
	out := e.fail("mirror m")
	mustContain(t, "mirror over links", out, "symbolic link")
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("mirror wrote %d entries through the folder link", len(ents))
	}
	if _, err := os.Lstat(nowhere); err == nil {
		t.Fatal("mirror created the dangling link's target")
	}
	if st, err := os.Lstat(filepath.Join(e.local, "m", "x.txt")); err != nil || !st.Mode().IsRegular() {
		t.Fatalf("x.txt is not the copied file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(e.local, "m", "x.txt")); string(b) != "the file" {
		t.Fatalf("x.txt holds %q", b)
	}
}
