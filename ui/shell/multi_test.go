package shell

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// scripted answers per-file questions from a list and records them.
type scripted struct {
	answers []Answer
	asked   []string
}

func (p *scripted) Confirm(q string) (Answer, error) {
	p.asked = append(p.asked, q)
	if len(p.answers) == 0 {
		return AnswerYes, nil
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return a, nil
}

func (p *scripted) Line(prompt string, _ bool) (string, error) { return "", ErrNoTerminal }

func localNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestMgetGlobAndPrompt(t *testing.T) {
	p := &scripted{answers: []Answer{AnswerNo, AnswerYes, AnswerQuit}}
	e := newEnv(t, func(o *Options) { o.Prompter = p })
	for _, n := range []string{"a.txt", "b.txt", "c.txt", "d.dat", ".hidden.txt"} {
		writeFile(t, filepath.Join(e.root, n), n)
	}
	os.Mkdir(filepath.Join(e.root, "sub.txt"), 0o755)
	e.run("mget *.txt")
	if got := localNames(t, e.local); len(got) != 1 || got[0] != "b.txt" {
		t.Fatalf("mget with answers no, yes, quit: got %v", got)
	}
	os.Mkdir(filepath.Join(e.root, "d"), 0o755)
	writeFile(t, filepath.Join(e.root, "d/in.txt"), "in")
	writeFile(t, filepath.Join(e.root, "top.bin"), "top")
	os.Mkdir(filepath.Join(e.local, "d"), 0o755)
	p.answers = nil
	// an absolute name is refused as a local path; the other files still come
	mustContain(t, "mget /top.*", e.fail("mget d/*.txt /top.*"), `"/top.bin"`, "absolute path")
	if !exists(filepath.Join(e.local, "d/in.txt")) {
		t.Fatal("mget d/*.txt did not keep the folder part")
	}
	os.RemoveAll(filepath.Join(e.local, "d"))
	p.asked = p.asked[:3]
	if len(p.asked) != 3 || p.asked[0] != "mget a.txt? " {
		t.Fatalf("questions: %q", p.asked)
	}
	p.answers = []Answer{AnswerAll}
	e.run("mget *.txt *.dat")
	if got := localNames(t, e.local); len(got) != 4 {
		t.Fatalf("mget after all: %v (dot files and folders are not matched)", got)
	}
	e.run("prompt")
	mustContain(t, "mget no match", e.fail("mget *.none"), "no match")
}

func TestMgetGlobOff(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoGlob = true; o.NoPrompt = true })
	writeFile(t, filepath.Join(e.root, "*.txt"), "star")
	writeFile(t, filepath.Join(e.root, "a.txt"), "a")
	e.run("mget *.txt")
	if got := localNames(t, e.local); len(got) != 1 || got[0] != "*.txt" {
		t.Fatalf("mget with glob off: %v", got)
	}
	mustContain(t, "glob", e.run("glob"), "Globbing on")
}

func TestMputMdelete(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoPrompt = true })
	for _, n := range []string{"x1.log", "x2.log", "y.txt", ".dot.log"} {
		writeFile(t, filepath.Join(e.local, n), n)
	}
	os.Mkdir(filepath.Join(e.local, "dir.log"), 0o755)
	mustContain(t, "mput", e.run("mput *.log y.txt"), "dir.log: not a plain file")
	if got := localNames(t, e.root); len(got) != 3 {
		t.Fatalf("mput: remote has %v (* must not match dot files)", got)
	}
	e.run("mdelete *.log")
	if got := localNames(t, e.root); len(got) != 1 || got[0] != "y.txt" {
		t.Fatalf("mdelete: remote has %v", got)
	}
}

func TestNameMapping(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoPrompt = true })
	writeFile(t, filepath.Join(e.root, "README.TXT"), "r")
	writeFile(t, filepath.Join(e.root, "a1.a2.a3"), "a")
	writeFile(t, filepath.Join(e.root, "LL1"), "l")
	mustContain(t, "case", e.run("case"), "Case mapping on")
	e.run("mget README.TXT")
	e.run("case")
	e.run("nmap $1.$2.$3 [$1,$2].[$2,$3]")
	e.run("get a1.a2.a3")
	e.run("nmap")
	e.run("ntrans 1 R")
	e.run("get LL1")
	e.run("ntrans")
	got := localNames(t, e.local)
	want := []string{"LLR", "a1.a2", "readme.txt"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("mapped names %v, want %v", got, want)
	}
	// put maps the remote name (ntrans, nmap), not case
	e.run("ntrans x y")
	writeFile(t, filepath.Join(e.local, "xx.TXT"), "x")
	e.run("put xx.TXT")
	if !exists(filepath.Join(e.root, "yy.TXT")) {
		t.Fatal("put with ntrans: yy.TXT missing")
	}
}
