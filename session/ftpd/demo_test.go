package ftpd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrepareDemo(t *testing.T) {
	const bigSize = 1 << 20
	dir := t.TempDir()
	if err := PrepareDemo(dir, bigSize); err != nil {
		t.Fatalf("PrepareDemo: %v", err)
	}
	for _, name := range []string{
		"README.md", ".hidden-config", "文档/说明.txt", "My Documents/notes for today.txt",
		"docs/api/v2/draft/notes.md", "data/sales-2024.csv", "archive/firmware.bin",
	} {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("demo lacks %s: %v", name, err)
		} else if info.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, info.Mode().Perm())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "文档", "说明.txt")); !strings.Contains(string(b), "中文") {
		t.Errorf("文档/说明.txt holds %q, want readable Chinese text", b)
	}
	if info, err := os.Stat(filepath.Join(dir, "src", "scripts", "build.sh")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("build.sh: %v, want an executable script", err)
	}
	if entries, err := os.ReadDir(filepath.Join(dir, DemoUploads)); err != nil || len(entries) != 0 {
		t.Errorf("uploads folder: %d entries, %v; want an empty folder", len(entries), err)
	}
	checkDemoLinks(t, dir)
	checkBigFile(t, dir, bigSize)
}

func checkDemoLinks(t *testing.T, dir string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ link, resolves string }{
		{DemoLatest, "docs/changelog.md"},
		{DemoCurrent, "docs/api/v1"},
	} {
		p := filepath.Join(dir, filepath.FromSlash(tc.link))
		target, err := os.Readlink(p)
		if err != nil {
			t.Errorf("%s is not a symlink: %v", tc.link, err)
			continue
		}
		if filepath.IsAbs(target) {
			t.Errorf("%s -> %s: want a relative target", tc.link, target)
		}
		got, err := filepath.EvalSymlinks(p)
		want := filepath.Join(root, filepath.FromSlash(tc.resolves))
		if err != nil || got != want {
			t.Errorf("%s resolves to %s (%v), want %s inside the tree", tc.link, got, err, want)
		}
	}
}

func checkBigFile(t *testing.T, dir string, size int64) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, DemoBigFile))
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(b)) != size {
		t.Errorf("%s is %d bytes, want %d", DemoBigFile, len(b), size)
	}
	if bytes.Count(b, []byte{0}) > len(b)/100 {
		t.Errorf("%s looks empty (mostly zero bytes), want pseudo-random data", DemoBigFile)
	}
}

// TestPrepareDemoIsRepeatable: same bytes every time, and a second run over
// the same folder works (symlinks replaced, not duplicated).
func TestPrepareDemoIsRepeatable(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b, b} {
		if err := PrepareDemo(dir, 4096); err != nil {
			t.Fatalf("PrepareDemo(%s): %v", dir, err)
		}
	}
	if fileSum(t, filepath.Join(a, DemoBigFile)) != fileSum(t, filepath.Join(b, DemoBigFile)) {
		t.Error("two demo trees have different big files")
	}
	none := t.TempDir()
	if err := PrepareDemo(none, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(none, DemoBigFile)); !os.IsNotExist(err) {
		t.Errorf("bigSize 0 still made %s: %v", DemoBigFile, err)
	}
}

func TestPrepareDemoError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, file, nil)
	err := PrepareDemo(filepath.Join(file, "sub"), 0)
	if err == nil || !strings.HasPrefix(err.Error(), "prepare demo in ") {
		t.Errorf("PrepareDemo under a file: %v, want a wrapped error", err)
	}
}

// TestDemoOverFTP: the demo's odd names and symlinks work through the
// server, as the TUI will use them.
func TestDemoOverFTP(t *testing.T) {
	dir := t.TempDir()
	if err := PrepareDemo(dir, 64<<10); err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir})
	list := string(c.download("LIST"))
	for _, want := range []string{"文档", "My Documents", DemoLatest, DemoBigFile, DemoUploads} {
		if !strings.Contains(list, want) {
			t.Errorf("LIST lacks %q:\n%s", want, list)
		}
	}
	for _, tc := range []struct{ remote, local string }{
		{"/文档/说明.txt", "文档/说明.txt"},
		{"/My Documents/notes for today.txt", "My Documents/notes for today.txt"},
		{"/" + DemoLatest, "docs/changelog.md"},
		{"/" + DemoBigFile, DemoBigFile},
	} {
		got := c.download("RETR %s", tc.remote)
		if sum(got) != fileSum(t, filepath.Join(dir, filepath.FromSlash(tc.local))) {
			t.Errorf("RETR %s does not match %s", tc.remote, tc.local)
		}
	}
	c.must(250, "CWD /%s", DemoCurrent)
	if list := string(c.download("NLST")); !strings.Contains(list, "endpoints.md") {
		t.Errorf("NLST in %s lacks endpoints.md:\n%s", DemoCurrent, list)
	}
}
