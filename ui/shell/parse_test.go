package shell

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
		err  bool
	}{
		{"", nil, false},
		{"   ", nil, false},
		{"get a b", []string{"get", "a", "b"}, false},
		{"  get   a\tb  ", []string{"get", "a", "b"}, false},
		{`get "my file.txt" local`, []string{"get", "my file.txt", "local"}, false},
		{`get my\ file.txt`, []string{"get", "my file.txt"}, false},
		{`get don't.txt`, []string{"get", "don't.txt"}, false},
		{`get 'a b'`, []string{"get", "'a", "b'"}, false},
		{`get "say \"hi\""`, []string{"get", `say "hi"`}, false},
		{`get ""`, []string{"get", ""}, false},
		{`get a"b c"d`, []string{"get", "ab cd"}, false},
		{"!ls -l", []string{"!", "ls -l"}, false},
		{"!", []string{"!"}, false},
		{"! ", []string{"!"}, false},
		{"$ mac a b", []string{"$", "mac", "a", "b"}, false},
		{"$mac", []string{"$", "mac"}, false},
		{`get "open`, nil, true},
		{`get trailing\`, nil, true},
		{"get a\rDELE b", nil, true},
		{"get a\nb", nil, true},
		{"get a\x00b", nil, true},
	}
	for _, tt := range tests {
		got, err := Split(tt.line)
		if (err != nil) != tt.err {
			t.Errorf("Split(%q) error = %v, want error %v", tt.line, err, tt.err)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrBadLine) {
				t.Errorf("Split(%q) error %v does not wrap ErrBadLine", tt.line, err)
			}
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestQuoteRoundTrip(t *testing.T) {
	for _, s := range []string{"plain", "with space", `back\slash`, `quo"te`, "it's", "", "$x", "!x"} {
		got, err := Split("get " + Quote(s))
		if err != nil || len(got) != 2 || got[1] != s {
			t.Errorf("Quote(%q) = %s: split back to %q, %v", s, Quote(s), got, err)
		}
	}
}

func TestExpand(t *testing.T) {
	args := []string{"one", "two"}
	tests := []struct{ line, i, want string }{
		{"get $1 $2", "", "get one two"},
		{"get $3", "", "get "},
		{"get $i", "x", "get x"},
		{`echo \$1`, "", "echo $1"},
		{"cost $", "", "cost $"},
		{"a$b", "", "a$b"},
		{"$9$1", "", "one"},
	}
	for _, tt := range tests {
		if got := Expand(tt.line, args, tt.i); got != tt.want {
			t.Errorf("Expand(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct{ name, want, err string }{
		{"bin", "binary", ""},
		{"prom", "prompt", ""},
		{"deb", "debug", ""},
		{"BYE", "bye", ""},
		{"quit", "bye", ""},
		{"?", "help", ""},
		{"recv", "get", ""},
		{"send", "put", ""},
		{"disconnect", "close", ""},
		{"dir", "ls", ""},
		{"mkd", "mkdir", ""},
		{"pr", "", "could be prompt, proxy"},
		{"m", "", "Ambiguous"},
		{"frobnicate", "", "Invalid command"},
	}
	for _, tt := range tests {
		c, err := lookup(tt.name)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("lookup(%q) error = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || c.name != tt.want {
			t.Errorf("lookup(%q) = %v, %v; want %s", tt.name, c, err, tt.want)
		}
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands {
		text, err := HelpText(c.name)
		if err != nil || strings.Count(text, "\n") < 2 {
			t.Errorf("%s: help text %q, %v: want a synopsis and a summary line", c.name, text, err)
		}
	}
}

func TestParseAnswer(t *testing.T) {
	for in, want := range map[string]Answer{"": AnswerYes, "y": AnswerYes, "n": AnswerNo, "NO": AnswerNo,
		"a": AnswerAll, "q": AnswerQuit, "quit\n": AnswerQuit, "x": AnswerYes} {
		if got := ParseAnswer(in); got != want {
			t.Errorf("ParseAnswer(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseMirror(t *testing.T) {
	o, err := parseMirror([]string{"-R", "--parallel", "3", "--only-newer", "--delete", "--dry-run",
		"--include-glob", "*.txt", "--exclude=tmp", "--continue", "--ignore-time", "--ignore-size",
		"--only-missing", "--only-existing", "-v", "--use-cache", "-p", "src", "dst"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := mirrorOpts{reverse: true, parallel: 3, onlyNewer: true, del: true, dryRun: true, cont: true,
		ignoreTime: true, ignoreSize: true, onlyMissing: true, onlyExisting: true, src: "src", dst: "dst"}
	pats := o.patterns
	o.patterns = nil
	if !reflect.DeepEqual(o, want) {
		t.Errorf("parseMirror = %+v, want %+v", o, want)
	}
	if len(pats) != 2 || !pats[0].include || pats[0].glob != "*.txt" || pats[1].include || pats[1].rx.String() != "tmp" {
		t.Errorf("patterns %+v, want include glob *.txt then exclude regexp tmp", pats)
	}
	for _, bad := range [][]string{{}, {"--parallel"}, {"--parallel", "0", "a"}, {"--bogus", "a"}, {"a", "b", "c"},
		{"--include-glob", "[", "a"}, {"-x", "(", "a"}} {
		if _, err := parseMirror(bad, nil); err == nil {
			t.Errorf("parseMirror(%q, nil) = nil error", bad)
		}
	}
	// Short options bundled as getopt reads lftp's.
	o, err = parseMirror([]string{"-Rnc", "-P8", "-x^tmp/", "-vv", "src"}, nil)
	if err != nil || !o.reverse || !o.onlyNewer || !o.cont || o.parallel != 8 ||
		len(o.patterns) != 1 || o.patterns[0].rx.String() != "^tmp/" || o.src != "src" {
		t.Errorf("-Rnc -P8 -x^tmp/ -vv src: %+v, %v", o, err)
	}
	if _, err := parseMirror([]string{"-Rq", "src"}, nil); err == nil || !strings.Contains(err.Error(), `"-q"`) {
		t.Errorf("-Rq: %v, want -q named as unknown", err)
	}
	// A glob given where lftp takes a regular expression says so.
	_, err = parseMirror([]string{"--exclude", "*.tmp", "a"}, nil)
	if err == nil || !strings.Contains(err.Error(), "--exclude-glob") {
		t.Errorf("--exclude *.tmp: %v, want a pointer to --exclude-glob", err)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{`get "a b" c`, `put a\ b`, "!ls", "$ m 1 2", `'x`, `"\`, "mget *.txt"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words, err := Split(line)
		if err != nil {
			return
		}
		for _, w := range words {
			if strings.ContainsAny(w, "\r\n\x00") {
				t.Fatalf("Split(%q) let a control character through: %q", line, w)
			}
		}
		if len(words) == 0 || words[0] == "!" || words[0] == "$" {
			return
		}
		// Quoting each word and splitting again gives the same words.
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = Quote(w)
		}
		line2 := strings.Join(quoted, " ")
		again, err := Split(line2)
		if err != nil || !reflect.DeepEqual(again, words) {
			t.Fatalf("Split(%q) = %q; requoted %q splits to %q, %v", line, words, line2, again, err)
		}
	})
}

func TestCommandLine(t *testing.T) {
	got := CommandLine("put", "my file.txt", `a"b`, "plain")
	if got != `put "my file.txt" "a\"b" plain` {
		t.Fatalf("CommandLine = %s", got)
	}
	words, err := Split(got)
	if err != nil || !reflect.DeepEqual(words, []string{"put", "my file.txt", `a"b`, "plain"}) {
		t.Fatalf("Split(CommandLine) = %q, %v", words, err)
	}
}

func FuzzExpand(f *testing.F) {
	f.Add("get $1 $2", "a b", "x")
	f.Add(`[\,$i`, "", "")
	f.Fuzz(func(t *testing.T, line, arg, i string) {
		_ = Expand(line, []string{arg}, i)
	})
}
