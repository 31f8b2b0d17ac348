package shell

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestListing(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "d/one.txt"), "12345")
	writeFile(t, filepath.Join(e.root, "d/two.txt"), "12")
	writeFile(t, filepath.Join(e.root, "top.txt"), "t")
	mustContain(t, "ls", e.run("ls"), "d", "top.txt")
	mustContain(t, "dir d", e.run("dir d"), "one.txt", "two.txt", " 5 ")
	e.run("ls d listing.txt")
	b, _ := os.ReadFile(filepath.Join(e.local, "listing.txt"))
	mustContain(t, "ls to file", string(b), "one.txt", "two.txt")
	if out := e.run("nlist d"); !strings.Contains(out, "one.txt") {
		t.Errorf("nlist: %q", out)
	}
	e.run("nlist d names.txt")
	b, _ = os.ReadFile(filepath.Join(e.local, "names.txt"))
	mustContain(t, "nlist to file", string(b), "one.txt\n", "two.txt\n")
	e.run("mls d/*.txt top.txt mls.txt")
	b, _ = os.ReadFile(filepath.Join(e.local, "mls.txt"))
	if strings.Count(string(b), "\n") != 3 {
		t.Errorf("mls: %q, want three names", b)
	}
	mustContain(t, "mdir", e.run("mdir d top.txt -"), "one.txt", "top.txt")
	mustContain(t, "size", e.run("size d/one.txt"), "d/one.txt\t5")
	mustContain(t, "modtime", e.run("modtime top.txt"), "top.txt\t", "GMT")
	mustContain(t, "size missing", e.fail("size nope"), "550")
}

func TestNavigation(t *testing.T) {
	e := newEnv(t)
	os.MkdirAll(filepath.Join(e.root, "a/b"), 0o755)
	e.run("cd a/b")
	mustContain(t, "pwd", e.run("pwd"), "Remote directory: /a/b")
	e.run("cdup")
	mustContain(t, "cdup", e.run("pwd"), "Remote directory: /a\n")
	mustContain(t, "cd missing", e.fail("cd nope"), "550")
	os.Mkdir(filepath.Join(e.local, "sub"), 0o755)
	mustContain(t, "lcd", e.run("lcd sub"), "Local directory now: "+filepath.Join(e.local, "sub"))
	mustContain(t, "lpwd", e.run("lpwd"), "Local directory: "+filepath.Join(e.local, "sub")+"\n")
	mustContain(t, "lpwd arg", e.fail("lpwd x"), "lpwd")
	if e.sh.LocalDir() != filepath.Join(e.local, "sub") {
		t.Fatalf("LocalDir = %s", e.sh.LocalDir())
	}
	home, _ := os.UserHomeDir()
	mustContain(t, "lcd home", e.run("lcd"), "Local directory now: "+home)
	mustContain(t, "lcd missing", e.fail("lcd /nonexistent-ftpane"), "no such file")
}

func TestServerInfo(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "system", e.run("system"), "215")
	mustContain(t, "rstatus", e.run("rstatus"), "211")
	mustContain(t, "rhelp", e.run("rhelp"), "214", "STOU")
	out := e.run("status")
	mustContain(t, "status", out, "Connected to "+e.addr, "Type: binary", "Structure: file",
		"Prompting: on", "Macros: none")
}

func TestLsOptionsAndCat(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, ".hidden"), "h")
	writeFile(t, filepath.Join(e.root, "shown.txt"), "line1\r\nline2\r\n")
	if out := e.run("ls"); strings.Contains(out, ".hidden") {
		t.Errorf("ls shows dot files: %q", out)
	}
	mustContain(t, "ls -la", e.run("ls -la"), ".hidden", "shown.txt")
	if out := e.run("get shown.txt -"); out != "line1\r\nline2\r\n" {
		t.Errorf("get - in binary: %q", out)
	}
	e.run("ascii")
	e.out.take()
	if out := e.run("get shown.txt -"); out != "line1\nline2\n" {
		t.Errorf("get - in ascii: %q", out)
	}
}

func TestTickAndTrace(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "t.bin"), bigContent(30000))
	e.run("tick")
	mustContain(t, "tick", e.run("get t.bin"), "Bytes transferred: 30000\n")
	e.run("tick")
	e.run("trace")
	mustContain(t, "trace", e.run("get t.bin t2.bin"), "# data connection", "30000 bytes")
}

// TestLpwdWithoutConnection: lpwd is local, so it needs no server, and it
// reports the shell's own folder, not the process's.
func TestLpwdWithoutConnection(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	sh := New(Options{Out: &out, LocalDir: dir})
	defer sh.Close()
	if err := sh.Run(context.Background(), "lpwd"); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "Local directory: "+dir+"\n"; got != want {
		t.Fatalf("lpwd printed %q, want %q", got, want)
	}
}
