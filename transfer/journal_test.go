package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/ftpane/ftpane/session"
)

func TestJournalRecoversUnfinishedJobsAfterACrash(t *testing.T) {
	dir := t.TempDir()
	journalA := filepath.Join(dir, "a.jsonl")
	a := newRig(t, Options{JournalPath: journalA})
	a.local.dirs["/home"] = true
	one, two := randBytes(t, 10_000), randBytes(t, 300_000)
	a.remote.put("/srv/one", one)
	a.remote.put("/srv/two", two)
	g := newGate(t, 100_000)
	a.remote.readHook = g.hook
	id1 := a.q.Add(a.download("/srv/one", "/home/one"))
	a.wait(id1, Done)
	id2 := a.q.Add(a.download("/srv/two", "/home/two"))
	g.wait(t)
	// The crash: the journal as it is on disk now is all the next start sees.
	crashed, b := filepath.Join(dir, "crashed.jsonl"), readFlushed(t, a.q, journalA)
	if strings.Contains(string(b), fakeServer.Password) {
		t.Fatalf("journal holds the password:\n%s", b)
	}
	b = append(b, []byte(`{"op":"set","id":2,"sta`)...) // a line torn by kill -9
	if err := os.WriteFile(crashed, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var dialled []session.Config
	next := newRigOn(t, Options{JournalPath: crashed,
		Restore: func(c session.Config) session.Config { c.Password = fakeServer.Password; return c },
		Dial: func(ctx context.Context, c session.Config, _ ...session.DialOption) (session.FS, error) {
			mu.Lock()
			dialled = append(dialled, c)
			mu.Unlock()
			return a.remote.dial(ctx, c)
		}}, a.remote, a.local)
	snap := next.q.Snapshot()
	if len(snap) != 2 || snap[0].ID != id1 || snap[0].State != Done || snap[1].ID != id2 || snap[1].State != Paused {
		t.Fatalf("restored %+v, want #1 done and #2 paused", snap)
	}
	next.q.ResumeAll()
	next.wait(id2, Done)
	mustFile(t, a.local, "/home/two", two)
	mustFile(t, a.local, "/home/one", one)
	opens := a.remote.openLog()
	if strings.Count(strings.Join(opens, " "), "/srv/one@") != 1 {
		t.Errorf("opens %v: a finished job ran twice", opens)
	}
	if last := opens[len(opens)-1]; last == "/srv/two@0" {
		t.Errorf("recovered job started from zero: opens %v", opens)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialled) == 0 || dialled[0].Password != fakeServer.Password || dialled[0].Host != fakeServer.Host {
		t.Errorf("dialled %+v, want the restored config with its password", dialled)
	}
	if id := next.q.Add(next.download("/srv/one", "/home/three")); id <= id2 {
		t.Errorf("new job got %v, want an ID after the restored ones", id)
	}
}

func TestJournalDefaultsToXDGStateAndClearFinishedForgets(t *testing.T) {
	t.Cleanup(xdg.Reload) // runs after Setenv has restored the environment
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	xdg.Reload()
	r := newRig(t, Options{}) // stores and clock only: its own queue has no journal
	want := filepath.Join(os.Getenv("XDG_STATE_HOME"), "ftpane", "queue.jsonl")
	q, err := New(Options{Local: &memFS{m: r.local}, Dial: r.remote.dial, Clock: r.clock})
	if err != nil {
		t.Fatal(err)
	}
	r.local.dirs["/home"] = true
	r.remote.put("/srv/x", []byte("x"))
	id := q.Add(Job{Src: RemoteEndpoint(r.cfg), Dst: LocalEndpoint(), SrcPath: "/srv/x", DstPath: "/home/x"})
	waitState(t, q, id, Done)
	id2 := q.Add(Job{Src: RemoteEndpoint(r.cfg), Dst: LocalEndpoint(), SrcPath: "/srv/x", DstPath: "/home/y"})
	waitState(t, q, id2, Done)
	r.remote.put("/srv/slow", randBytes(t, 100_000))
	g := newGate(t, 10_000)
	r.remote.readHook = g.hook
	slow := q.Add(Job{Src: RemoteEndpoint(r.cfg), Dst: LocalEndpoint(), SrcPath: "/srv/slow", DstPath: "/home/z"})
	g.wait(t)
	q.Pause(slow)
	g.open()
	waitState(t, q, slow, Paused)
	if err := q.ClearFinished(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(want)
	if n := strings.Count(string(b), "\n"); n != 1 {
		t.Errorf("journal has %d lines after clearing, want 1 (the paused job):\n%s", n, b)
	}
	q.Close()
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("no journal in the XDG state folder: %v", err)
	}
	q2, err := New(Options{Local: &memFS{m: r.local}, Dial: r.remote.dial, Clock: r.clock})
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	if snap := q2.Snapshot(); len(snap) != 1 || snap[0].DstPath != "/home/z" {
		t.Errorf("after clearing, restored %+v, want only the paused job", snap)
	}
}

func TestJobVerifiedBeforeACrashIsNotCopiedAgain(t *testing.T) {
	lines := `{"op":"add","id":7,"job":{"kind":0,"src":{"host":"fake.example","port":21,"user":"u"},"src_path":"/srv/f","dst_path":"/home/f","size":-1,"conflict":0,"move":true},"state":"queued"}
{"op":"set","id":7,"state":"active","target":"/home/f"}
{"op":"set","id":7,"state":"verifying","target":"/home/f","verified":true}
`
	for _, sourceLeft := range []bool{true, false} {
		verifiedBeforeCrash(t, lines, sourceLeft)
	}
}

func verifiedBeforeCrash(t *testing.T, lines string, sourceLeft bool) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	r := newRig(t, Options{JournalPath: path})
	if sourceLeft {
		r.remote.put("/srv/f", []byte("data"))
	}
	r.local.put("/home/f", []byte("data")) // renamed into place just before the crash
	if snap := r.q.Snapshot(); len(snap) != 1 || snap[0].ID != 7 || snap[0].State != Paused {
		t.Fatalf("restored %+v, want #7 paused", snap)
	}
	r.q.ResumeAll()
	js := r.wait(7, Done)
	if opens := r.remote.openLog(); len(opens) != 0 {
		t.Errorf("opens %v: a verified job was copied again", opens)
	}
	mustAbsent(t, r.remote, "/srv/f") // the move finishes
	if !strings.Contains(js.Note, "before the restart") {
		t.Errorf("note %q", js.Note)
	}
}

func TestSecondQueueOnTheSameJournalRunsWithoutIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	a := newRig(t, Options{JournalPath: path})
	a.remote.put("/srv/a", []byte("a"))
	a.local.dirs["/home"] = true
	a.wait(a.q.Add(a.download("/srv/a", "/home/a")), Done)
	b, err := New(Options{JournalPath: path, Local: &memFS{m: a.local}, Dial: a.remote.dial})
	if !errors.Is(err, ErrJournalBusy) || b == nil {
		t.Fatalf("second queue: %v, want ErrJournalBusy and a queue", err)
	}
	defer b.Close()
	if snap := b.Snapshot(); len(snap) != 0 {
		t.Errorf("second queue took the first one's jobs: %+v", snap)
	}
	a.q.Close()
	c, err := New(Options{JournalPath: path, Local: &memFS{m: a.local}, Dial: a.remote.dial})
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	defer c.Close()
	if snap := c.Snapshot(); len(snap) != 1 || snap[0].State != Done {
		t.Errorf("restored %+v, want the one done job", snap)
	}
}

// TestSetPasswordCompletesRestoredJobs: without a Restore callback (the
// user logs in through a dialog after start), SetPassword gives restored
// jobs their password, and they run with it.
func TestSetPasswordCompletesRestoredJobs(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, "a.jsonl")
	a := newRig(t, Options{JournalPath: journal})
	a.local.dirs["/home"] = true
	data := randBytes(t, 300_000)
	a.remote.put("/srv/two", data)
	g := newGate(t, 100_000)
	a.remote.readHook = g.hook
	id := a.q.Add(a.download("/srv/two", "/home/two"))
	g.wait(t)
	crashed := filepath.Join(dir, "crashed.jsonl")
	os.WriteFile(crashed, readFlushed(t, a.q, journal), 0o600)
	var mu sync.Mutex
	var passwords []string
	next := newRigOn(t, Options{JournalPath: crashed,
		Dial: func(ctx context.Context, c session.Config, _ ...session.DialOption) (session.FS, error) {
			mu.Lock()
			passwords = append(passwords, c.Password)
			mu.Unlock()
			return a.remote.dial(ctx, c)
		}}, a.remote, a.local)
	if st, ok := next.q.Get(id); !ok || st.State != Paused || st.Src.Remote.Password != "" {
		t.Fatalf("restored job %+v: want it paused and without a password", st)
	}
	other := fakeServer
	other.User = "someone-else"
	other.Password = "wrong"
	next.q.SetPassword(other) // another login: not this job's
	next.q.SetPassword(fakeServer)
	next.q.ResumeAll()
	next.wait(id, Done)
	mustFile(t, a.local, "/home/two", data)
	mu.Lock()
	defer mu.Unlock()
	if len(passwords) == 0 || passwords[0] != fakeServer.Password {
		t.Fatalf("dialled with passwords %q, want the one given to SetPassword", passwords)
	}
}

// readFlushed reads the journal at path once its writer has written
// everything handed to it so far (a crash loses only its last moments).
func readFlushed(t testing.TB, q *Queue, path string) []byte {
	t.Helper()
	flushJournal(t, q)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flushJournal waits until the journal's writer has written everything
// handed to it so far.
func flushJournal(t testing.TB, q *Queue) {
	t.Helper()
	if err := q.jr.flush(); err != nil {
		t.Fatal(err)
	}
}

// TestRestartLoadsUnfinishedAndTheLatestFinished: a journal of 11,000
// finished jobs and three unfinished ones (one under a folder job that
// finished long ago) comes back as the three, their folder and the 200
// that finished last; the journal is rewritten as that.
func TestRestartLoadsUnfinishedAndTheLatestFinished(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	var b strings.Builder
	add := func(id ID, parent ID, kind Kind, state string) {
		fmt.Fprintf(&b, `{"op":"add","id":%d,"job":{"kind":%d,"src_path":"/srv/%d","dst_path":"/home/%d","size":10,"conflict":0,"parent":%d},"state":"%s"}`+"\n",
			id, kind, id, id, parent, state)
	}
	add(1, 0, KindTree, "done")
	for id := ID(2); id <= 11_001; id++ {
		add(id, 1, KindFile, "queued")
		fmt.Fprintf(&b, `{"op":"set","id":%d,"state":"done"}`+"\n", id)
	}
	add(20_000, 1, KindFile, "active")
	add(20_001, 0, KindFile, "waiting to retry")
	add(20_002, 0, KindFile, "paused")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := newRig(t, Options{JournalPath: path})
	snap := r.q.Snapshot()
	if len(snap) != 1+keepFinished+3 || snap[0].ID != 1 || snap[1].ID != 11_001-keepFinished+1 {
		t.Fatalf("restored %d jobs from #%d, #%d: want the folder, the last %d done and 3 unfinished",
			len(snap), snap[0].ID, snap[1].ID, keepFinished)
	}
	for _, js := range snap[len(snap)-3:] {
		if js.State != Paused {
			t.Errorf("job %v restored %v, want paused", js.ID, js.State)
		}
	}
	r.q.Close()
	again, err := readJournal(path)
	if err != nil || len(again) != len(snap) {
		t.Fatalf("journal rewritten with %d jobs (%v), want %d", len(again), err, len(snap))
	}
}

// TestFinishedJobsLeaveTheJournalAsTheyRun: the journal of a queue that
// copied many files is compacted while it runs, not only at a restart.
func TestFinishedJobsLeaveTheJournalAsTheyRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	r := newRig(t, Options{JournalPath: path})
	r.local.dirs["/home"] = true
	const n = 3000
	var last ID
	for i := range n {
		r.remote.put(fmt.Sprintf("/srv/f%d", i), []byte("x"))
		last = r.q.Add(r.download(fmt.Sprintf("/srv/f%d", i), fmt.Sprintf("/home/f%d", i)))
	}
	r.wait(last, Done)
	waitIdle(t, r.q)
	flushJournal(t, r.q)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Each job wrote 5 lines (queued, active, verifying, size, done).
	if lines := strings.Count(string(b), "\n"); lines >= 4*n {
		t.Errorf("journal has %d lines after %d jobs: never compacted", lines, n)
	}
}

// TestRestoredJobShowsTheBytesOfItsPart: a download cut at 12.9 MB comes
// back paused with 12.9 MB done of its size, and counts so in the total
// line once resumed.
func TestRestoredJobShowsTheBytesOfItsPart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	lines := `{"op":"add","id":4,"job":{"kind":0,"src":{"host":"fake.example","port":21,"user":"u"},"src_path":"/srv/big.iso","dst_path":"/home/big.iso","size":-1,"conflict":0},"state":"queued"}
{"op":"set","id":4,"state":"active","target":"/home/big.iso","size":20000000}
`
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	local := newStore()
	local.put("/home/big.iso.part", make([]byte, 12_900_000))
	remote := newStore()
	remote.put("/srv/big.iso", make([]byte, 20_000_000))
	g := newGate(t, 12_900_000+100_000)
	remote.readHook = g.hook
	r := newRigOn(t, Options{JournalPath: path,
		Restore: func(c session.Config) session.Config { c.Password = fakeServer.Password; return c }}, remote, local)
	js, ok := r.q.Get(4)
	if !ok || js.State != Paused || js.Done != 12_900_000 || js.Total != 20_000_000 {
		t.Fatalf("restored %v %d of %d bytes, want paused with 12900000 of 20000000", js.State, js.Done, js.Total)
	}
	r.q.ResumeAll()
	g.wait(t)
	s := r.q.Summary()
	if s.Bytes != 20_000_000 || s.BytesDone < 12_900_000 || s.Files != 1 {
		t.Errorf("summary %+v: want 20000000 bytes of which at least 12900000 done", s)
	}
	g.open()
	r.wait(4, Done)
	if opens := remote.openLog(); len(opens) != 1 || opens[0] != "/srv/big.iso@12900000" {
		t.Errorf("opens %v, want one at the .part's end", opens)
	}
}

// TestClearFinishedAfterCloseDoesNotHang: the journal's writer has
// stopped, so compacting is refused instead of waited for.
func TestClearFinishedAfterCloseDoesNotHang(t *testing.T) {
	q, err := New(Options{JournalPath: filepath.Join(t.TempDir(), "q.jsonl"), Local: &memFS{m: newStore()}})
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	done := make(chan error, 1)
	go func() { done <- q.ClearFinished() }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("ClearFinished after Close: no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ClearFinished after Close hangs")
	}
}
