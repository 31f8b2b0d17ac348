package shell

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// TestQueuedTransfers: with the queue bound, get and put become queue
// jobs (relative remote names resolved in the shell's folder, since the
// queue's workers log in at home); reget keeps the direct path.
func TestQueuedTransfers(t *testing.T) {
	q, err := transfer.New(transfer.Options{NoJournal: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	e := newEnv(t, func(o *Options) { o.Transferer = Queued{Q: q, Direct: Direct{}} })
	content := strings.Repeat("queued bytes\n", 5000)
	os.MkdirAll(filepath.Join(e.root, "sub"), 0o755)
	writeFile(t, filepath.Join(e.root, "sub", "a.txt"), content)
	e.run("cd sub")
	e.run("get a.txt got.txt")
	if sum(t, filepath.Join(e.local, "got.txt")) != sumOf(content) {
		t.Fatal("get through the queue: bytes differ")
	}
	writeFile(t, filepath.Join(e.local, "up.txt"), content+"more\n")
	e.run("put up.txt")
	if sum(t, filepath.Join(e.root, "sub", "up.txt")) != sumOf(content+"more\n") {
		t.Fatal("put through the queue: bytes on the server differ")
	}
	jobs := q.Snapshot()
	if len(jobs) != 2 || jobs[0].State != transfer.Done || jobs[0].SrcPath != "/sub/a.txt" ||
		jobs[1].State != transfer.Done || jobs[1].DstPath != "/sub/up.txt" {
		t.Fatalf("queue jobs %+v: want get and put done, with absolute remote paths", jobs)
	}
	os.WriteFile(filepath.Join(e.local, "got.txt"), []byte(content[:100]), 0o644)
	e.run("reget a.txt got.txt")
	if sum(t, filepath.Join(e.local, "got.txt")) != sumOf(content) || len(q.Snapshot()) != 2 {
		t.Fatal("reget: want the direct path continuing the local file, and no new queue job")
	}
	out := e.fail("get missing.txt")
	if !strings.Contains(out, "missing.txt") {
		t.Fatalf("a failed queued get must say what failed: %q", out)
	}
}

// TestQueuedMirror: with the queue bound, mirror's files become queue
// jobs, and mirror logs in no extra connections of its own (the queue's
// workers have theirs).
func TestQueuedMirror(t *testing.T) {
	q, err := transfer.New(transfer.Options{NoJournal: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	var dials atomic.Int32
	e := newEnv(t, func(o *Options) {
		o.Transferer = Queued{Q: q, Direct: Direct{}}
		o.Dial = func(ctx context.Context, c session.Config) (*session.Remote, error) {
			dials.Add(1)
			return session.Dial(ctx, c)
		}
	})
	var names []string
	for d := range 3 {
		for f := range 4 {
			n := fmt.Sprintf("tree/d%d/f%d", d, f)
			names = append(names, n)
			writeFile(t, filepath.Join(e.root, n), n+bigContent(3000))
		}
	}
	before := dials.Load()
	e.run("mirror tree")
	if n := dials.Load() - before; n != 0 {
		t.Errorf("mirror through the queue dialled %d connections of its own, want none", n)
	}
	for _, n := range names {
		if sum(t, filepath.Join(e.local, n)) != sum(t, filepath.Join(e.root, n)) {
			t.Errorf("%s: bytes differ", n)
		}
	}
	if jobs := q.Snapshot(); len(jobs) != len(names) {
		t.Fatalf("%d queue jobs, want one per file (%d)", len(jobs), len(names))
	}
}
