package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ftpane/ftpane/internal/memcheck"
	"github.com/ftpane/ftpane/session"
)

// bigLines is the number of lines of the big file: 1,000,000 of 33
// bytes, 33 MB.
const bigLines = 1_000_000

// heapBound is what F3 (and F4) may hold above the program's own heap
// while they work on the big file: buffers and the lines on screen.
const heapBound = 8 << 20

// TestViewerNeverHoldsTheFile: F3 on a 33 MB file, local (read in place)
// and remote (copied to disk in the background), pages from the first
// line to the last while the heap stays within a few MiB.
func TestViewerNeverHoldsTheFile(t *testing.T) {
	content := numberedLines(bigLines)
	local := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(local, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	remote := sampleRemote()
	remote.File("/pub/big.txt", content)
	content = ""
	for _, c := range []struct {
		name string
		fs   session.FS
		path string
	}{{"local", session.Local{}, local}, {"remote", remote, "/pub/big.txt"}} {
		t.Run(c.name, func(t *testing.T) {
			m := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
			peak := memcheck.Peak(func() {
				m = send(t, m, viewCmd(c.fs, c.path)())
				wantScreen(t, m, "line 000000001", "23/1000000 0%")
				m = press(t, m, "G")
				wantScreen(t, m, "line 001000000", "1000000/1000000 100%")
				m = press(t, m, "q")
			})
			t.Logf("peak heap %d KiB", peak>>10)
			if peak > heapBound {
				t.Fatalf("peak heap %d MiB while paging a 33 MB file", peak>>20)
			}
		})
	}
}
