package transfer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

// TestRestartUpload: restart N keeps the target's first N bytes and sends
// the rest from byte N (REST), through the .part like every copy.
func TestRestartUpload(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.put("/t.txt", []byte("HELLO-old-tail-longer"))
	r.local.put("/src.txt", []byte("HELLO-new-content"))
	j := r.upload("/src.txt", "/t.txt")
	j.Offset = 6
	js := r.wait(r.q.Add(j), Done)
	mustFile(t, r.remote, "/t.txt", []byte("HELLO-new-content"))
	if got := r.local.openLog(); len(got) != 1 || got[0] != "/src.txt@6" {
		t.Fatalf("source opened at %v, want once at byte 6", got)
	}
	if js.Note != "" {
		t.Errorf("note %q: the server could restart", js.Note)
	}
}

// TestRestartWithoutRestStream: a server whose FEAT lacks REST STREAM
// gets the whole file, and the job says why (tnftp does the same).
func TestRestartWithoutRestStream(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.noRest = true
	r.remote.put("/t.txt", []byte("old"))
	r.local.put("/src.txt", []byte("the whole new file"))
	j := r.upload("/src.txt", "/t.txt")
	j.Offset = 4
	js := r.wait(r.q.Add(j), Done)
	mustFile(t, r.remote, "/t.txt", []byte("the whole new file"))
	if got := r.local.openLog(); len(got) != 1 || got[0] != "/src.txt@0" {
		t.Fatalf("source opened at %v, want once from byte 0", got)
	}
	if !strings.Contains(js.Note, "no REST STREAM") || !strings.Contains(js.Note, "whole file") {
		t.Errorf("note %q, want it to say the restart was refused and the whole file sent", js.Note)
	}
}

// TestModTimeKept: a copy gets the source's modification time, from the
// job (a listing) or asked of the source.
func TestModTimeKept(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.put("/a.bin", []byte("data"))
	when := time.Date(2020, 5, 17, 8, 30, 0, 0, time.UTC)
	r.remote.times["/a.bin"] = when
	r.local.dirs["/in"] = true
	r.wait(r.q.Add(r.download("/a.bin", "/in/a.bin")), Done)
	if got := r.local.times["/in/a.bin"]; !got.Equal(when) {
		t.Errorf("downloaded file's time %v, want the source's %v", got, when)
	}
	listed := time.Date(2019, 1, 2, 3, 4, 5, 0, time.UTC)
	j := r.download("/a.bin", "/in/b.bin")
	j.ModTime = listed
	r.wait(r.q.Add(j), Done)
	if got := r.local.times["/in/b.bin"]; !got.Equal(listed) {
		t.Errorf("time %v, want the listing's %v", got, listed)
	}
}

// TestLocalFolderMissingFailsAtOnce: a download into a folder that does
// not exist fails on the first try with the real cause, and the server is
// never asked for the file (no RETR for nothing).
func TestLocalFolderMissingFailsAtOnce(t *testing.T) {
	remote := newStore()
	remote.put("/a.txt", []byte("abc"))
	q, err := New(Options{NoJournal: true, Dial: remote.dial, Local: session.Local{}})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	dst := filepath.Join(t.TempDir(), "missing", "a.txt")
	id := q.Add(Job{Src: RemoteEndpoint(fakeServer), Dst: LocalEndpoint(), SrcPath: "/a.txt", DstPath: dst})
	js := waitState(t, q, id, Failed)
	var te *Error
	if !errors.As(js.Err, &te) || te.Reason != ReasonNoFolder || js.Attempts != 1 {
		t.Fatalf("failed with %v after %d tries, want %q at once", js.Err, js.Attempts, ReasonNoFolder)
	}
	if !strings.Contains(js.Err.Error(), "no such file or directory") {
		t.Errorf("error %q lacks the system's words", js.Err)
	}
	if got := remote.openLog(); len(got) != 0 {
		t.Fatalf("the server was asked for %v before the local file could be made", got)
	}
	if _, err := os.Stat(filepath.Dir(dst)); err == nil {
		t.Fatal("the queue made the missing folder itself")
	}
}

// TestTriesPerJob: a job's own Tries bounds its retries (0 retries: one
// try, as classic ftp).
func TestTriesPerJob(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.put("/a.bin", []byte("data"))
	r.remote.hook = func(op, p string, off int64) error {
		if op == "open" {
			return reply(426)
		}
		return nil
	}
	j := r.download("/a.bin", "/a.bin")
	j.MaxTries = 1
	js := r.wait(r.q.Add(j), Failed)
	if js.Attempts != 1 {
		t.Fatalf("%d tries, want 1", js.Attempts)
	}
}

// TestSourceChangedDuringUpload: a local file rewritten while it is
// being uploaded is not accepted as copied: the copy starts over and the
// server ends with the file as it is now (not a mix of two versions).
func TestSourceChangedDuringUpload(t *testing.T) {
	r := newRig(t, Options{BufferSize: 1024})
	old, fresh := randBytes(t, 64<<10), randBytes(t, 64<<10)
	r.local.put("/src.bin", old)
	var changed bool
	r.local.readHook = func(p string, off int64) error {
		if !changed && off >= 32<<10 {
			changed = true
			r.local.put("/src.bin", fresh)
			r.local.mu.Lock()
			r.local.times["/src.bin"] = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
			r.local.mu.Unlock()
		}
		return nil
	}
	js := r.wait(r.q.Add(r.upload("/src.bin", "/dst.bin")), Done, Failed)
	if js.State != Done {
		t.Fatalf("upload %v: %v", js.State, js.Err)
	}
	mustFile(t, r.remote, "/dst.bin", fresh)
	if n := len(r.local.openLog()); n != 2 {
		t.Fatalf("source opened %d times, want 2 (a second pass after the change)", n)
	}
}

// TestSetLimit: a site's parallel limit bounds the connections the queue
// uses on that server.
func TestSetLimit(t *testing.T) {
	r := newRig(t, Options{Workers: 4})
	r.q.SetLimit(r.cfg, 1)
	r.local.dirs["/home"] = true
	var ids []ID
	for i := range 6 {
		r.remote.put("/srv/f"+itoa(i), randBytes(t, 20_000))
		ids = append(ids, r.q.Add(r.download("/srv/f"+itoa(i), "/home/f"+itoa(i))))
	}
	for _, id := range ids {
		r.wait(id, Done)
	}
	if n := r.remote.dials.Load(); n != 1 {
		t.Fatalf("%d connections for a limit of 1", n)
	}
	if got := r.q.Limit(r.cfg); got != 1 {
		t.Fatalf("limit %d, want 1", got)
	}
}

// TestAppendIsNotJournaled: an append done again after a crash would
// append twice, so it never comes back from the journal; a restart
// offset and a kept time do.
func TestAppendIsNotJournaled(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, "queue.jsonl")
	r := newRig(t, Options{JournalPath: journal})
	r.local.put("/a.txt", []byte("more"))
	r.local.put("/b.txt", []byte("data"))
	r.q.PauseAll()
	ap := r.upload("/a.txt", "/t.txt")
	ap.Append = true
	r.q.Add(ap)
	off := r.upload("/b.txt", "/u.txt")
	off.Offset, off.ModTime = 2, time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	id := r.q.Add(off)
	r.q.PauseAll()
	if err := r.q.Close(); err != nil {
		t.Fatal(err)
	}
	again := newRigOn(t, Options{JournalPath: journal}, r.remote, r.local)
	var restored []JobState
	for _, js := range again.q.Snapshot() {
		restored = append(restored, js)
	}
	if len(restored) != 1 || restored[0].SrcPath != "/b.txt" {
		t.Fatalf("restored %+v, want only the offset job", restored)
	}
	if js := restored[0]; js.Offset != 2 || !js.ModTime.Equal(off.ModTime) || js.ID != id {
		t.Fatalf("restored job lost its offset or time: %+v", js)
	}
}

// TestTreeFilesTrustTheirListing: the files of a folder copy take their
// size and time from the folder's listing, so a tree of small files costs
// no SIZE or MDTM round trip per file; the copies keep the listed time.
func TestTreeFilesTrustTheirListing(t *testing.T) {
	r := newRig(t, Options{})
	for i := range 5 {
		r.remote.put("/srv/t/f"+itoa(i), randBytes(t, 1000+i))
	}
	var mu sync.Mutex
	asked := 0
	r.remote.hook = func(op, p string, off int64) error {
		if op == "stat" && strings.HasPrefix(p, "/srv/t/f") {
			mu.Lock()
			asked++
			mu.Unlock()
		}
		return nil
	}
	r.local.dirs["/home"] = true
	j := r.download("/srv/t", "/home/t")
	id := r.q.AddTree(j)
	r.wait(id, Done)
	for _, js := range r.q.Snapshot() {
		r.wait(js.ID, Done)
	}
	for i := range 5 {
		p := "/home/t/f" + itoa(i)
		if got := r.local.times[p]; !got.Equal(r.remote.times["/srv/t/f"+itoa(i)]) {
			t.Errorf("%s: time %v, want the listing's", p, got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if asked != 0 {
		t.Errorf("%d SIZE/stat calls for 5 listed files, want none", asked)
	}
}

// TestFreshFolderSkipsTargetChecks: the files of a folder copy into a
// folder the copy just made cannot be in each other's way, so their
// first try asks nothing of the target but the verification: one stat
// (one SIZE on a server) per file instead of four.
func TestFreshFolderSkipsTargetChecks(t *testing.T) {
	r := newRig(t, Options{})
	for i := range 4 {
		r.remote.put("/srv/t/f"+itoa(i), randBytes(t, 1000+i))
	}
	var mu sync.Mutex
	stats := 0
	r.local.hook = func(op, p string, off int64) error {
		if op == "stat" && strings.HasPrefix(p, "/home/t/") {
			mu.Lock()
			stats++
			mu.Unlock()
		}
		return nil
	}
	r.local.dirs["/home"] = true
	r.wait(r.q.AddTree(r.download("/srv/t", "/home/t")), Done)
	for _, js := range r.q.Snapshot() {
		r.wait(js.ID, Done)
	}
	for i := range 4 {
		mustFile(t, r.local, "/home/t/f"+itoa(i), r.remote.files["/srv/t/f"+itoa(i)])
	}
	mu.Lock()
	defer mu.Unlock()
	if stats > 4 {
		t.Errorf("%d stats of targets for 4 files in a new folder, want one each", stats)
	}
}
