package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBang(t *testing.T) {
	dir := t.TempDir()
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: dir, NoNetrc: true, Batch: true})
	if err := sh.Run(t.Context(), "!echo hi > made.txt; echo said"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "made.txt")); string(b) != "hi\n" {
		t.Fatalf("! did not run in the local folder: %q", b)
	}
	mustContain(t, "! output", out.take(), "said")
	if err := sh.Run(t.Context(), "!"); err == nil || !strings.Contains(err.Error(), "terminal") {
		t.Fatalf("! without a command in batch mode: %v", err)
	}
	if err := sh.Run(t.Context(), "! exit 3"); err == nil {
		t.Fatal("a failing command succeeded")
	}
}

func TestHelp(t *testing.T) {
	out := &lockedBuffer{}
	sh := New(Options{Out: out, NoNetrc: true})
	if err := sh.Run(t.Context(), "help"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "help", out.take(), "Commands may be abbreviated", "mget", "nmap", "mirror")
	if err := sh.Run(t.Context(), "? bin"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "? bin", out.take(), "binary", "Also: bin")
	if err := sh.Run(t.Context(), "help frob"); err == nil {
		t.Fatal("help of an unknown command succeeded")
	}
}
