package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMacdefAndRun(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "a.txt"), "a")
	writeFile(t, filepath.Join(e.root, "b.txt"), "b")
	for _, line := range []string{"macdef fetch", "get $1 got-$2", "size $1", ""} {
		e.run(line)
	}
	if e.sh.Defining() {
		t.Fatal("still defining after the empty line")
	}
	mustContain(t, "$ fetch", e.run("$ fetch a.txt one"), "a.txt\t1")
	if b, _ := os.ReadFile(filepath.Join(e.local, "got-one")); string(b) != "a" {
		t.Fatalf("macro get: %q", b)
	}
	for _, line := range []string{"macdef each", "get $i", ""} {
		e.run(line)
	}
	e.run("$each a.txt b.txt")
	if !exists(filepath.Join(e.local, "a.txt")) || !exists(filepath.Join(e.local, "b.txt")) {
		t.Fatal("$i loop did not fetch both files")
	}
	mustContain(t, "status macros", e.run("status"), "Macros: each fetch")
	mustContain(t, "undefined", e.fail("$ nope"), "not defined")
	// a failing line does not stop the macro; the failure is reported
	e.DefineMacro("mixed", []string{"get missing.txt", "get a.txt mixed.txt"})
	mustContain(t, "mixed", e.fail("$ mixed"), "550")
	if !exists(filepath.Join(e.local, "mixed.txt")) {
		t.Fatal("the line after a failure did not run")
	}
	e.DefineMacro("loop", []string{"$ loop"})
	mustContain(t, "recursion", e.fail("$ loop"), "nested more than")
}

// DefineMacro is a shortcut for tests.
func (e *env) DefineMacro(name string, lines []string) { e.sh.DefineMacro(name, lines) }

func TestNetrcInitMacro(t *testing.T) {
	addr, root := startServer(t)
	host, port, _ := strings.Cut(addr, ":")
	writeFile(t, filepath.Join(root, "init.txt"), "from init")
	netrc := filepath.Join(t.TempDir(), "netrc")
	writeFile(t, netrc, "machine "+host+" login u password pw-secret\nmacdef init\nget init.txt\n\nmacdef other\npwd\n\n")
	os.Chmod(netrc, 0o600)
	local := t.TempDir()
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: local, NetrcPath: netrc})
	defer sh.Close()
	if err := sh.Run(t.Context(), "open "+host+" "+port); err != nil {
		t.Fatalf("open with netrc: %v\n%s", err, out.take())
	}
	if b, _ := os.ReadFile(filepath.Join(local, "init.txt")); string(b) != "from init" {
		t.Fatalf("init macro did not run: %q", b)
	}
	if err := sh.Run(t.Context(), "$ other"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "netrc macro", out.take(), "Remote directory: /")
}

func TestNoLoginWithoutTerminal(t *testing.T) {
	addr, _ := startServer(t)
	host, port, _ := strings.Cut(addr, ":")
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: t.TempDir(), NetrcPath: filepath.Join(t.TempDir(), "none")})
	defer sh.Close()
	if err := sh.Run(t.Context(), "open "+host+" "+port); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "no terminal", out.take(), "Not logged in", "user NAME")
	if err := sh.Run(t.Context(), "user u pw-secret"); err != nil {
		t.Fatal(err)
	}
}

// linePrompter answers Line with fixed text and records the prompts.
type linePrompter struct {
	scripted
	line    string
	prompts []string
	secret  []bool
}

func (p *linePrompter) Line(prompt string, secret bool) (string, error) {
	p.prompts = append(p.prompts, prompt)
	p.secret = append(p.secret, secret)
	return p.line, nil
}

func TestUserAsksPassword(t *testing.T) {
	addr, _ := startServer(t)
	host, port, _ := strings.Cut(addr, ":")
	p := &linePrompter{line: "pw-secret"}
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: t.TempDir(), NoNetrc: true, Prompter: p})
	defer sh.Close()
	for _, line := range []string{"open " + host + " " + port, "user u"} {
		if err := sh.Run(t.Context(), line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	if len(p.prompts) != 1 || p.prompts[0] != "Password: " || !p.secret[0] {
		t.Fatalf("prompts %q secret %v", p.prompts, p.secret)
	}
	if sh.Remote() == nil {
		t.Fatal("not logged in")
	}
}

// seqPrompter answers Line with its lines in turn.
type seqPrompter struct {
	scripted
	lines   []string
	prompts []string
}

func (p *seqPrompter) Line(prompt string, _ bool) (string, error) {
	p.prompts = append(p.prompts, prompt)
	if len(p.lines) == 0 {
		return "", ErrNoTerminal
	}
	l := p.lines[0]
	p.lines = p.lines[1:]
	return l, nil
}

func TestOpenAsksNameAndPassword(t *testing.T) {
	addr, _ := startServer(t)
	host, port, _ := strings.Cut(addr, ":")
	t.Setenv("USER", "someone")
	p := &seqPrompter{lines: []string{"u", "pw-secret"}}
	sh := New(Options{Out: &lockedBuffer{}, LocalDir: t.TempDir(), Prompter: p,
		NetrcPath: filepath.Join(t.TempDir(), "none")})
	defer sh.Close()
	if err := sh.Run(t.Context(), "open "+host+" "+port); err != nil {
		t.Fatal(err)
	}
	want := []string{"Name (" + host + ":someone): ", "Password: "}
	if len(p.prompts) != 2 || p.prompts[0] != want[0] || p.prompts[1] != want[1] || sh.Remote() == nil {
		t.Fatalf("prompts %q, logged in %v", p.prompts, sh.Remote() != nil)
	}
}
