package ui

import (
	"context"
	"crypto/sha256"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/memcheck"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// bigLines is the number of lines of the big file: 1,000,000 of 33
// bytes, 33 MB.
const bigLines = 1_000_000

// heapBound is what F3 and F4 may hold above the program's own heap
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
				wantScreen(t, m, "line 000000001", "22/1000000 0%")
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

// sinkFS is a fake server whose uploads are hashed, not kept, so that
// the test's own memory does not count.
type sinkFS struct {
	*fakefs.FS
	sum hash.Hash
	n   int64
}

func (s *sinkFS) Create(context.Context, string, int64) (io.WriteCloser, error) {
	s.sum = sha256.New()
	return s, nil
}

func (s *sinkFS) Write(p []byte) (int, error) { s.n += int64(len(p)); return s.sum.Write(p) }
func (s *sinkFS) Close() error                { return nil }

// TestEditNeverHoldsTheFile: F4 on a 33 MB remote file streams it to the
// temporary copy and back, and tells a change by a hash: the heap stays
// within a few MiB.
func TestEditNeverHoldsTheFile(t *testing.T) {
	fake := fakefs.New("ann@ftp.example.org:21", "/pub")
	fake.File("/pub/big.txt", numberedLines(bigLines))
	s := &sinkFS{FS: fake}
	var ready editReadyMsg
	var unchanged, done opDoneMsg
	peak := memcheck.Peak(func() {
		ready = downloadForEdit(editJob{FS: s, Path: "/pub/big.txt", Remote: true, Pane: 1})().(editReadyMsg)
		if ready.err != nil {
			return
		}
		unchanged = uploadEdited(ready.job)().(opDoneMsg)
		ready = downloadForEdit(editJob{FS: s, Path: "/pub/big.txt", Remote: true, Pane: 1})().(editReadyMsg)
		f, _ := os.OpenFile(ready.job.Local, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("one more line\n")
		f.Close()
		done = uploadEdited(ready.job)().(opDoneMsg)
	})
	if ready.err != nil || !strings.Contains(unchanged.Text, "not changed") || done.Err != nil {
		t.Fatalf("download %v; unchanged %+v; edited %+v", ready.err, unchanged, done)
	}
	if want := int64(33*bigLines + 14); s.n != want || !strings.Contains(done.Text, "uploaded /pub/big.txt (33000014 bytes)") {
		t.Fatalf("uploaded %d bytes, want %d: %s", s.n, want, done.Text)
	}
	t.Logf("peak heap %d KiB", peak>>10)
	if peak > heapBound {
		t.Fatalf("peak heap %d MiB while editing a 33 MB file", peak>>20)
	}
}
