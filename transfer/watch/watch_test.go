package watch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

func shaOf(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// TestManyWritesOneUpload: a file written in many small writes waits
// for quiet and is uploaded once, with what it holds at the end.
func TestManyWritesOneUpload(t *testing.T) {
	r := newRig(t, Options{})
	r.write("notes.txt", strings.Repeat("a line of notes\n", 64), 16)
	r.waitPending("notes.txt")
	if got := r.q.uploads(r.root); len(got) != 0 {
		t.Fatalf("uploaded before the quiet period: %q", got)
	}
	if got := r.settle(); !slices.Equal(got, []string{"notes.txt"}) {
		t.Fatalf("uploads = %q, want notes.txt once", got)
	}
	j := r.q.jobs[0]
	if j.DstPath != filepath.Join(r.dst, "notes.txt") || j.Conflict != transfer.Overwrite || !j.Src.IsLocal() {
		t.Fatalf("job %+v", j)
	}
}

// TestQuietRestartsWithEachWrite: a write before the quiet period is over
// starts it again.
func TestQuietRestartsWithEachWrite(t *testing.T) {
	r := newRig(t, Options{})
	r.write("a.txt", "one", 1)
	first := r.barrier()
	r.clock.Advance(quiet / 2)
	r.write("a.txt", "two", 1)
	r.barrier()
	if got, want := r.due("a.txt"), r.clock.Now().Add(quiet); !got.Equal(want) {
		t.Fatalf("due %v, want %v", got, want)
	}
	r.clock.Advance(quiet / 2) // the first marker is due, a.txt is not
	r.waitUploads(first, 1)
	if n := r.count("a.txt"); n != 0 {
		t.Fatalf("a.txt uploaded %d times before it was quiet", n)
	}
	r.clock.Advance(quiet / 2)
	r.waitUploads("a.txt", 1)
}

func (r *rig) due(rel string) time.Time {
	r.w.mu.Lock()
	defer r.w.mu.Unlock()
	if e := r.w.pending[rel]; e != nil {
		return e.Value.(*change).due
	}
	return time.Time{}
}

// TestRealQueueUploadsBytes: through a real queue (local to local), the
// target gets the file's last bytes, and a change afterwards another
// upload with the new bytes.
func TestRealQueueUploadsBytes(t *testing.T) {
	q, err := transfer.New(transfer.Options{NoJournal: true, Local: session.Local{}, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	r := newRig(t, Options{Queue: q})
	r.q = nil // uploads are checked on disk
	r.write("data.bin", strings.Repeat("0123456789", 5000), 25)
	r.advance()
	waitSha(t, filepath.Join(r.dst, "data.bin"), shaOf(t, r.path("data.bin")))
	r.write("data.bin", strings.Repeat("abc", 7000), 7)
	r.advance()
	waitSha(t, filepath.Join(r.dst, "data.bin"), shaOf(t, r.path("data.bin")))
	r.write("sub/deeper/in.txt", "nested", 2) // a new folder with a file
	r.advance()
	waitSha(t, filepath.Join(r.dst, "sub", "deeper", "in.txt"), shaOf(t, r.path("sub/deeper/in.txt")))
}

func waitSha(t *testing.T, p, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(p); err == nil {
			h := sha256.Sum256(b)
			if hex.EncodeToString(h[:]) == want {
				return
			}
		}
		if time.Now().After(deadline) {
			b, err := os.ReadFile(p)
			t.Fatalf("%s never got the right bytes (%d bytes, %v)", p, len(b), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestNewFolderIsWatched: a new folder (and one inside it) is uploaded
// once as a whole with what was written in it meanwhile; later changes
// inside it are seen and uploaded file by file.
func TestNewFolderIsWatched(t *testing.T) {
	r := newRig(t, Options{})
	if err := os.MkdirAll(r.path("site/css/deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.write("site/index.html", "<h1>hi</h1>", 3)
	r.write("site/css/deep/a.css", "body{}", 2)
	if got := r.settle(); !slices.Equal(got, []string{"site/"}) {
		t.Fatalf("uploads = %q, want the folder site/ once", got)
	}
	j := r.q.jobs[0]
	if j.Kind != transfer.KindTree || j.DstPath != filepath.Join(r.dst, "site") {
		t.Fatalf("folder job %+v", j)
	}
	r.write("site/css/deep/a.css", "body{color:red}", 2)
	r.waitPending("site/css/deep/a.css")
	if got := r.settle(); !slices.Equal(got, []string{"site/", "site/css/deep/a.css"}) {
		t.Fatalf("uploads = %q", got)
	}
}

// TestIgnoredNames: our .part files, editor swap, lock and backup files
// and version-control folders are never uploaded.
func TestIgnoredNames(t *testing.T) {
	r := newRig(t, Options{})
	for _, n := range []string{"big.iso.part", "big.iso.part.seg", ".notes.txt.swp", ".notes.txt.swx", "notes.txt~",
		".#notes.txt", "#notes.txt#", "4913", ".git/index", ".git/objects/ab/cdef"} {
		r.write(n, "x", 1)
	}
	if got := r.settle(); len(got) != 0 {
		t.Fatalf("uploaded %q", got)
	}
	for _, n := range []string{"notes.txt", "part", "a.partial", "#", "swp", "x.swp", "git/file"} {
		if Ignored(n) {
			t.Errorf("%s is ignored", n)
		}
	}
}

// TestRemovedFileIsNotUploaded: a file written then removed before it
// was quiet is not uploaded, and nothing is deleted on the other side.
func TestRemovedFileIsNotUploaded(t *testing.T) {
	r := newRig(t, Options{})
	os.WriteFile(filepath.Join(r.dst, "old.txt"), []byte("keep me"), 0o644)
	os.WriteFile(r.path("old.txt"), []byte("local"), 0o644)
	r.write("tmp.txt", "scratch", 3)
	r.waitPending("tmp.txt")
	os.Remove(r.path("tmp.txt"))
	os.Remove(r.path("old.txt"))
	if got := r.settle(); len(got) != 0 {
		t.Fatalf("uploaded %q", got)
	}
	if b, err := os.ReadFile(filepath.Join(r.dst, "old.txt")); err != nil || string(b) != "keep me" {
		t.Fatalf("the other side's old.txt: %q, %v", b, err)
	}
}

// TestRenameUploadsTheNewName: an editor's save by rename, and a plain
// rename, upload the name that is there at the end.
func TestRenameUploadsTheNewName(t *testing.T) {
	r := newRig(t, Options{})
	r.write("draft.tmp", "text", 2)
	os.Rename(r.path("draft.tmp"), r.path("final.txt"))
	if got := r.settle(); !slices.Equal(got, []string{"final.txt"}) {
		t.Fatalf("uploads = %q", got)
	}
}

// TestDeleteOption: with Delete on, what is removed here is removed on
// the other side: a file, and a folder with what is in it.
func TestDeleteOption(t *testing.T) {
	r := newRig(t, Options{Delete: true})
	os.MkdirAll(r.path("gone"), 0o755)
	os.WriteFile(r.path("gone/f.txt"), []byte("x"), 0o644)
	os.WriteFile(r.path("old.txt"), []byte("x"), 0o644)
	r.settle() // the folder gone/ was new
	os.MkdirAll(filepath.Join(r.dst, "gone"), 0o755)
	os.WriteFile(filepath.Join(r.dst, "gone", "f.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(r.dst, "old.txt"), []byte("x"), 0o644)
	os.RemoveAll(r.path("gone"))
	os.Remove(r.path("old.txt"))
	os.Remove(r.path("zzzz-sync-001")) // never on the other side: nothing to say
	r.settle()
	for _, p := range []string{"gone", "old.txt"} {
		if _, err := os.Lstat(filepath.Join(r.dst, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still on the other side: %v", p, err)
		}
	}
	var deleted []string
	for len(r.reports) > 0 {
		rep := <-r.reports
		switch rep.Kind {
		case Deleted:
			deleted = append(deleted, rep.Path)
		case Problem, Stopped:
			t.Errorf("report %v %s: %v", rep.Kind, rep.Path, rep.Err)
		}
	}
	if !slices.Equal(deleted, []string{"gone", "old.txt"}) {
		t.Fatalf("deleted reports %q", deleted)
	}
}

// TestChangeWhileUploadingQueuesOneMore: changes that settle while the
// file's upload runs give exactly one more upload, after it; a change
// while the upload is still queued gives none (it reads the file when it
// starts).
func TestChangeWhileUploadingQueuesOneMore(t *testing.T) {
	r := newRig(t, Options{})
	r.q.start = transfer.Active
	r.write("log.txt", "1", 1)
	r.settle() // upload #1 starts, and runs
	r.waitUploads("log.txt", 1)
	for i := range 3 {
		r.write("log.txt", strings.Repeat("x", i+2), 1)
		r.settle()
	}
	if got := r.count("log.txt"); got != 1 {
		t.Fatalf("%d uploads while the first ran", got)
	}
	r.q.start = transfer.Queued
	r.q.set(1, transfer.Done)
	r.waitUploads("log.txt", 2)
	r.write("log.txt", "queued meanwhile", 1) // #2 is still queued
	r.settle()
	if got := r.count("log.txt"); got != 2 {
		t.Fatalf("%d uploads, want 2", got)
	}
}

// TestStopEndsGoroutines: Stop returns once the watcher's goroutines,
// fsnotify's and the one waiting on a running job have ended.
func TestStopEndsGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	r := newRig(t, Options{})
	r.q.start = transfer.Active
	r.write("f", "1", 1)
	r.settle()
	r.write("f", "2", 1) // a change while it runs: a goroutine waits for the job
	r.settle()
	if r.count("f") != 1 {
		t.Fatalf("f uploaded %d times", r.count("f"))
	}
	r.w.Stop()
	r.w.Stop() // twice is fine
	select {
	case <-r.w.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestRootRemovedStops: the watch ends by itself, saying why, when its
// folder goes away.
func TestRootRemovedStops(t *testing.T) {
	r := newRig(t, Options{})
	os.RemoveAll(r.root)
	select {
	case <-r.w.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the watch goes on without its folder")
	}
	for rep := range r.reports {
		if rep.Kind == Stopped {
			if !strings.Contains(rep.Err.Error(), "was removed or moved away") {
				t.Fatalf("stopped: %v", rep.Err)
			}
			return
		}
	}
}

func TestStartRefusesAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	_, err := Start(Options{Root: f, Queue: newFakeQueue(), Target: Target{FS: session.Local{}, Dir: t.TempDir()}})
	if err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("err = %v", err)
	}
}

// TestLimitErrorNamesTheSetting: running out of inotify watches says
// which setting to raise, with its value.
func TestLimitErrorNamesTheSetting(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "max_user_watches"), []byte("8192\n"), 0o644)
	old := limitsDir
	limitsDir = dir
	defer func() { limitsDir = old }()
	err := limitError(fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC))
	for _, want := range []string{"limit on watched folders", "fs.inotify.max_user_watches = 8192", "sysctl"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the system's error is lost")
	}
	err = limitError(syscall.EMFILE)
	if !strings.Contains(err.Error(), "fs.inotify.max_user_instances") {
		t.Errorf("EMFILE: %v", err)
	}
}

// TestRescanAfterLostEvents: after the system dropped events, the scan
// finds the folders not watched yet (watched now, uploaded whole) and the
// files changed since shortly before the last event seen, not the rest.
func TestRescanAfterLostEvents(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "old.txt"), []byte("old"), 0o644)
	hour := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(root, "old.txt"), hour, hour)
	w, err := newWatcher(Options{Root: root, Queue: newFakeQueue(), Target: Target{FS: session.Local{}, Dir: t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.fsw.Close() // the loop never ran: its events are not read
	os.WriteFile(filepath.Join(root, "new.txt"), []byte("new"), 0o644)
	os.MkdirAll(filepath.Join(root, "fresh", "inner"), 0o755)
	os.WriteFile(filepath.Join(root, "fresh", "inner", "x"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, ".git"), []byte("ignored"), 0o644)
	if n := w.rescan(); n != 2 {
		t.Errorf("rescan found %d paths, want 2", n)
	}
	if got := w.Pending(); !slices.Equal(got, []string{"fresh", "new.txt"}) {
		t.Fatalf("pending %q", got)
	}
	if !w.dirs["fresh"] || !w.dirs["fresh/inner"] {
		t.Fatalf("the new folders are not watched: %v", w.dirs)
	}
}
