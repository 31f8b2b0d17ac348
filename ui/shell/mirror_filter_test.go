package shell

import (
	"strings"
	"testing"
)

// TestMirrorPatternsAsLftp: -x/-i take regular expressions, -X/-I globs
// matched against as many trailing path components as they have slashes
// plus one; a folder's path ends in "/"; the last pattern that matches
// decides, and a path none matches is wanted unless the first pattern
// is an include (a folder is entered all the same).
func TestMirrorPatternsAsLftp(t *testing.T) {
	for _, c := range []struct {
		args string
		rel  string
		dir  bool
		want bool
	}{
		{`-x \.o$`, "a/b.o", false, false},
		{`-x \.o$`, "a/b.c", false, true},
		{`-X *.o`, "a/b.o", false, false},
		{`-X *.o`, "a/b.o", true, true}, // no slash: never a folder
		{`-X b/*.o`, "a/b/c.o", false, false},
		{`-X b/*.o`, "a/x/c.o", false, true},
		{`-X .git/`, "src/.git", true, false},
		{`-X .git/`, "src/.git", false, true}, // a file of that name stays
		{`-x ^tmp/`, "tmp", true, false},
		{`-x ^tmp/`, "a/tmp", true, true},
		{`--exclude=logreport/`, "logreport", true, false},
		{`-I *.js`, "a/b.js", false, true},
		{`-I *.js`, "a/b.css", false, false},
		{`-I *.js`, "a", true, true},
		{`-X *.log -I keep.log`, "d/keep.log", false, true},
		{`-X *.log -I keep.log`, "d/x.log", false, false},
		{`-X *.log -I keep.log`, "d/y.txt", false, true},
		{`-I *.txt -X secret*`, "secret.txt", false, false},
		{`-I *.txt -X secret*`, "a.txt", false, true},
		{`-I *.txt -X secret*`, "b.bin", false, false},
		{``, "anything", false, true},
	} {
		o, err := parseMirror(append(strings.Fields(c.args), "src"), nil)
		if err != nil {
			t.Fatalf("%s: %v", c.args, err)
		}
		if got := o.wanted(c.rel, c.dir); got != c.want {
			t.Errorf("%s: wanted(%q, folder %v) = %v, want %v", c.args, c.rel, c.dir, got, c.want)
		}
	}
}

func TestParseSizeRange(t *testing.T) {
	for _, c := range []struct {
		in      string
		in1, n1 int64 // a size in the range and one outside (-1: none)
	}{
		{"100-2000", 100, 99},
		{"100-2000", 2000, 2001},
		{"1k-", 1024, 1023},
		{"-1M", 1 << 20, 1<<20 + 1},
		{"4096", 4096, 4097},
		{"0:10", 10, 11},
		{"any", 1 << 40, -1},
	} {
		r, err := parseSizeRange(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if !r.has(c.in1) || (c.n1 >= 0 && r.has(c.n1)) {
			t.Errorf("%q: has(%d) = %v, has(%d) = %v", c.in, c.in1, r.has(c.in1), c.n1, r.has(c.n1))
		}
	}
	for _, bad := range []string{"", "-", "x", "10-5", "1q", "5-z", "99999999999T"} {
		if _, err := parseSizeRange(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
