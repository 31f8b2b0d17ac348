package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func findTree(t *testing.T, e *env) {
	t.Helper()
	writeFile(t, filepath.Join(e.root, "top.txt"), "t")
	writeFile(t, filepath.Join(e.root, "d/one.txt"), "12345")
	writeFile(t, filepath.Join(e.root, "d/sub/two.TXT"), "12")
	writeFile(t, filepath.Join(e.root, "d/evil\x1b[31m.txt"), "x")
	// The server shows a link to a folder as a folder: a loop.
	if err := os.Symlink("..", filepath.Join(e.root, "d", "back")); err != nil {
		t.Fatal(err)
	}
}

// split parts find's output into the paths, in order, and its error
// lines (which come with the batch their folder was in).
func split(out string) (paths, errs string) {
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(l, "find: ") {
			errs += l
		} else {
			paths += l
		}
	}
	return paths, errs
}

func TestFindListsTheTree(t *testing.T) {
	e := newEnv(t)
	findTree(t, e)
	paths, errs := split(e.run("find"))
	if want := "./\n./d/\n./top.txt\n./d/back/\n./d/evil\\x1b[31m.txt\n./d/one.txt\n./d/sub/\n./d/sub/two.TXT\n"; paths != want {
		t.Errorf("find:\n%s\nwant:\n%s", paths, want)
	}
	if want := "find: /d/back: not searched: a link back to a folder above it (it lists the same entries as /)\n"; errs != want {
		t.Errorf("find's errors:\n%s\nwant:\n%s", errs, want)
	}
	// From d, the link back to / is entered once: / is not above d.
	paths, errs = split(e.run("find --iname *.txt d"))
	if want := "d/evil\\x1b[31m.txt\nd/one.txt\nd/back/top.txt\nd/sub/two.TXT\n"; paths != want {
		t.Errorf("find --iname:\n%s", paths)
	}
	mustContain(t, "find --iname", errs, "find: /d/back/d: not searched: a link back")
	e.run("cd d")
	if got, _ := split(e.run("find --name=*.txt --type f -d 1")); got != "./evil\\x1b[31m.txt\n./one.txt\n" {
		t.Errorf("find --name --type -d, in d:\n%s", got)
	}
	got, _ := split(e.run("find --size >3 -l /"))
	if !strings.HasPrefix(got, "-rw") || !strings.Contains(got, " 5 ") || !strings.HasSuffix(got, " /d/one.txt\n") ||
		strings.Count(got, "\n") != 1 {
		t.Errorf("find --size >3 -l: want one long line for /d/one.txt:\n%s", got)
	}
	if got, _ := split(e.run("find --name sub/* /d")); got != "/d/sub/two.TXT\n" {
		t.Errorf("a pattern with a slash matches the path from the start folder:\n%s", got)
	}
}

func TestFindErrors(t *testing.T) {
	e := newEnv(t)
	findTree(t, e)
	for line, want := range map[string]string{
		"find --bogus":      `find: unknown option "--bogus" (see help find)`,
		"find --size big":   `find: size "big": want >N, <N or N`,
		"find --mtime 7d":   `find: modified "7d": want -N (within N days)`,
		"find --type x":     `find: type "x": want f (files), d (folders) or both`,
		"find -d 0":         `find: --maxdepth "0": want a number from 1 up`,
		"find --name [a- .": `find: pattern "[a-": syntax error in pattern`,
		"find --name":       "find: --name needs a value",
		"find nosuch d":     "find: 1 folder could not be read",
	} {
		if got := e.fail(line); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", line, got, want)
		}
	}
	// The folders that could be read are listed all the same.
	e.sh.Run(t.Context(), "find nosuch d")
	mustContain(t, "find nosuch d", e.out.take(), "find: ", "/nosuch", "d/one.txt\n")
}
