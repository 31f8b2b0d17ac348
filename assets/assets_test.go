package assets

import (
	"io/fs"
	"testing"
)

// maxDemoSize bounds the committed demo tree: the big file is generated at
// start, never stored.
const maxDemoSize = 200 << 10

func TestDemoTreeIsSmallAndComplete(t *testing.T) {
	var files int
	var total int64
	err := fs.WalkDir(Demo(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatalf("walk demo tree: %v", err)
	}
	if files < 24 {
		t.Errorf("demo tree has %d files, want a few dozen", files)
	}
	if total == 0 || total >= maxDemoSize {
		t.Errorf("demo tree is %d bytes, want between 1 and %d", total, maxDemoSize)
	}
	for _, name := range []string{
		"README.md",
		".hidden-config",
		"文档/说明.txt",
		"My Documents/notes for today.txt",
		"docs/api/v2/draft/notes.md",
		"docs/changelog.md",
		"docs/api/v1/endpoints.md",
	} {
		if _, err := fs.Stat(Demo(), name); err != nil {
			t.Errorf("demo tree lacks %q: %v", name, err)
		}
	}
}
