package shell

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

type fakeWatcher struct {
	dir  string
	del  bool
	on   bool
	fail error
}

func (f *fakeWatcher) Watch(dir string, del bool) (string, error) {
	if f.fail != nil {
		return "", f.fail
	}
	f.dir, f.del, f.on = dir, del, true
	return dir + " → srv:/pub", nil
}

func (f *fakeWatcher) Unwatch() (string, error) {
	if !f.on {
		return "", errors.New("not watching")
	}
	f.on = false
	return f.dir + " → srv:/pub", nil
}

func (f *fakeWatcher) Watching() string {
	if !f.on {
		return ""
	}
	return f.dir + " → srv:/pub"
}

// TestWatchCommand: watch starts, shows and stops the screen's watch; a
// relative folder is the local folder's; batch mode says why it cannot.
func TestWatchCommand(t *testing.T) {
	out := &lockedBuffer{}
	lcwd := t.TempDir()
	sh := New(Options{Out: out, LocalDir: lcwd})
	sh.SetLocalDir(lcwd)
	ctx := context.Background()
	if err := sh.Run(ctx, "watch"); err == nil || !strings.Contains(err.Error(), "batch mode has no panes") {
		t.Fatalf("batch: %v", err)
	}
	w := &fakeWatcher{}
	sh.SetWatcher(w)
	if err := sh.Run(ctx, "watch"); err != nil || out.take() != "Not watching.\n" {
		t.Fatal("watch with nothing watched")
	}
	if err := sh.Run(ctx, "watch --delete src"); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(lcwd, "src")
	if w.dir != want || !w.del {
		t.Fatalf("watched %q, delete %v", w.dir, w.del)
	}
	if got := out.take(); got != "Watching "+want+" → srv:/pub.\n" {
		t.Fatalf("output %q", got)
	}
	sh.Run(ctx, "watch")
	if got := out.take(); got != "Watching "+want+" → srv:/pub.\n" {
		t.Fatalf("show: %q", got)
	}
	if err := sh.Run(ctx, "watch off"); err != nil || out.take() != "Stopped watching "+want+" → srv:/pub.\n" {
		t.Fatalf("watch off: %v", err)
	}
	if err := sh.Run(ctx, "watch off"); err == nil || err.Error() != "watch off: not watching" {
		t.Fatalf("watch off again: %v", err)
	}
	if err := sh.Run(ctx, "watch"); err != nil || out.take() != "Not watching.\n" {
		t.Fatal("after off")
	}
	if err := sh.Run(ctx, "watch /abs/dir"); err != nil || w.dir != "/abs/dir" || w.del {
		t.Fatalf("absolute: %q %v %v", w.dir, w.del, err)
	}
	for line, msg := range map[string]string{
		"watch -x":  "watch: unknown option -x",
		"watch a b": "watch: one folder at a time",
	} {
		if err := sh.Run(ctx, line); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: %v", line, err)
		}
	}
	w.fail = errors.New("watch: the other pane is not a server")
	if err := sh.Run(ctx, "watch"); err != nil {
		t.Fatal(err) // showing needs no server
	}
	if err := sh.Run(ctx, "watch ."); err == nil || err.Error() != "watch: the other pane is not a server" {
		t.Fatalf("refused start: %v", err)
	}
}
