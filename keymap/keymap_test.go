package keymap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultHasNoConflicts(t *testing.T) {
	km := Default()
	for _, c := range Contexts() {
		if err := km.checkConflicts("", c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
		for _, a := range km.Actions(c) {
			if a.Binding.Help().Desc == "" {
				t.Errorf("%s.%s has no help", c, a.Name)
			}
			for _, k := range a.Binding.Keys() {
				if !ValidKey(k) {
					t.Errorf("%s.%s: default key %q is not valid", c, a.Name, k)
				}
			}
		}
	}
}

func TestParseOverrides(t *testing.T) {
	km, err := Parse("[main]\nquit = [\"Q\", \"ctrl+q\"]\nmkdir = \"f7\"\n[viewer]\nclose = \"c\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(km.Quit.Keys(), ","); got != "Q,ctrl+q" {
		t.Errorf("quit keys = %s", got)
	}
	if km.Quit.Help().Key != "Q/ctrl+q" {
		t.Errorf("quit help = %q", km.Quit.Help().Key)
	}
	if got := strings.Join(km.ViewClose.Keys(), ","); got != "c" {
		t.Errorf("viewer close = %s", got)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	cases := []struct{ text, want string }{
		{"[main]\n\nfly = \"x\"\n", `3: unknown action "fly" in [main]`},
		{"[main]\nquit = \"ctrl+nope\"\n", `2: quit: unknown key "ctrl+nope"`},
		{"# c\n[main]\nquit = \"q\"\nview = \"j\"\n", `4: key "j" is bound to both down and view in [main]`},
		{"[mian]\nquit = \"q\"\n", `1: unknown context [mian]`},
		{"[main]\nquit = 3\n", `2: quit: want a key or a list of keys`},
		{"[main]\nquit = \n", `2: `},
	}
	for _, c := range cases {
		_, err := Parse(c.text)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want prefix %q", c.text, err, c.want)
		}
	}
}

func TestSameKeyInOtherContextsIsFine(t *testing.T) {
	if _, err := Parse("[viewer]\nclose = \"q\"\n[main]\nquit = \"q\"\n"); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	km, err := LoadFile(Path(dir))
	if err != nil || km.Quit.Keys()[0] != "q" {
		t.Fatalf("missing file: %v %v", km.Quit.Keys(), err)
	}
	p := Path(dir)
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("[main]\nbogus = \"x\"\n"), 0o644)
	_, err = LoadFile(p)
	if err == nil || !strings.Contains(err.Error(), "keys.toml:2: unknown action") {
		t.Fatalf("err = %v", err)
	}
}

func TestValidKey(t *testing.T) {
	for _, k := range []string{"a", "G", "~", "ctrl+a", "alt+shift+x", "f12", "pgdown", "space", "é"} {
		if !ValidKey(k) {
			t.Errorf("%q should be valid", k)
		}
	}
	for _, k := range []string{"", "ab", "f0", "f21", "ctrl+", "hyper+a", " "} {
		if ValidKey(k) {
			t.Errorf("%q should be invalid", k)
		}
	}
}

func TestQueueContextRebinds(t *testing.T) {
	km, err := Parse("[queue]\npause = \"z\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(km.JobPause.Keys(), ","); got != "z" {
		t.Errorf("pause keys = %s", got)
	}
	if _, err := Parse("[queue]\npause = \"z\"\nretry = \"z\"\n"); err == nil || !strings.Contains(err.Error(), "[queue]") {
		t.Errorf("conflict in [queue]: %v", err)
	}
}

// TestViewerSearchKeysRebind: the viewer's search, hex, wrap and sideways
// keys are named in keys.toml's [viewer] table like the others.
func TestViewerSearchKeysRebind(t *testing.T) {
	km, err := Parse("[viewer]\nsearch = [\"s\", \"f7\"]\nsearch_back = \"S\"\nnext = \"]\"\nprevious = \"[\"\nhex = \"H\"\nwrap = \"W\"\nleft = \"<\"\nright = \">\"\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		got  []string
		want string
	}{{km.ViewSearch.Keys(), "s,f7"}, {km.ViewSearchBack.Keys(), "S"}, {km.ViewNext.Keys(), "]"},
		{km.ViewPrev.Keys(), "["}, {km.ViewHex.Keys(), "H"}, {km.ViewWrap.Keys(), "W"},
		{km.ViewLeft.Keys(), "<"}, {km.ViewRight.Keys(), ">"}} {
		if got := strings.Join(c.got, ","); got != c.want {
			t.Errorf("keys %s, want %s", got, c.want)
		}
	}
	if _, err := Parse("[viewer]\nnext = \"q\"\n"); err == nil || !strings.Contains(err.Error(), `key "q" is bound to both close and next in [viewer]`) {
		t.Errorf("conflict: %v", err)
	}
}
