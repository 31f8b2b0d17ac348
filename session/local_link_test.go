//go:build unix

package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCreateNeverWritesThroughALink: a link planted where a copy writes
// (NAME.part) is replaced by a new file, never written through; resuming
// one fails; what the link pointed to is untouched.
func TestCreateNeverWritesThroughALink(t *testing.T) {
	dir, outside := t.TempDir(), filepath.Join(t.TempDir(), "victim")
	os.WriteFile(outside, []byte("keep me"), 0o644)
	part := filepath.Join(dir, "a.txt.part")
	os.Symlink(outside, part)
	ctx := context.Background()
	if _, err := (Local{}).Create(ctx, part, 3); err == nil {
		t.Fatal("resuming a .part that is a link must fail")
	}
	w, err := (Local{}).Create(ctx, part, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("new bytes"))
	w.Close()
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Fatalf("the link's target was written: %q", b)
	}
	if st, err := os.Lstat(part); err != nil || !st.Mode().IsRegular() {
		t.Fatalf("%s is not a regular file now: %v", part, err)
	}
	os.Mkdir(filepath.Join(dir, "d.part"), 0o755)
	if _, err := (Local{}).Create(ctx, filepath.Join(dir, "d.part"), 0); err == nil ||
		!strings.Contains(err.Error(), "directory") {
		t.Fatalf("create over a folder: %v, want it refused", err)
	}
}
