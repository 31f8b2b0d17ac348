package viewer

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenViews: the pager's screens, ANSI stripped: a search's match
// and status line, hex rows, wrapped lines with wide characters.
func TestGoldenViews(t *testing.T) {
	prose := []byte("Midnight Commander's viewer: F4 shows hex, F2 wraps, F7 searches.\n" +
		"less: / searches forward, ? backward, n and N repeat.\n" +
		"\tA tab, then 中文 and an escape \x1b[31mred\x1b[0m shown as text.\n" +
		strings.Repeat("a long line that goes on ", 8) + "\n" +
		"the end\n")
	bin := append([]byte("\x7fELF\x02\x01\x01\x00"), prose...)
	for _, c := range []struct {
		name string
		data []byte
		w, h int
		keys []string
		find string
	}{
		{"search-80x12", prose, 80, 12, nil, "/searches"},
		{"hex-80x12", bin, 80, 12, nil, "/elf"},
		{"wrap-40x16", prose, 40, 16, []string{"w"}, "/line"},
		{"astext-80x12", bin, 80, 12, []string{"x"}, ""},
		{"prompt-60x8", prose, 60, 8, []string{"?", "n", "e"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := openText(t, c.data, c.w, c.h)
			m = press(m, c.keys...)
			if c.find != "" {
				m = search(m, c.find[:1], c.find[1:])
			}
			golden(t, c.name, screen(m))
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("%s differs (go test ./ui/viewer/ -run Golden -update):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}
