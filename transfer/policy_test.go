package transfer

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/ftpane/ftpane/session"
)

func TestConflictPolicies(t *testing.T) {
	src := []byte(strings.Repeat("new content ", 10_000))
	old := []byte("old")
	cases := []struct {
		policy    Policy
		dst       []byte // existing target
		dstTime   time.Time
		wantState State
		wantPath  string
		want      []byte
		wantOpen  string
	}{
		{policy: Overwrite, dst: old, wantState: Done, wantPath: "/home/f", want: src, wantOpen: "/srv/f@0"},
		{policy: Skip, dst: old, wantState: Skipped, wantPath: "/home/f", want: old},
		{policy: Resume, dst: src[:5000], wantState: Done, wantPath: "/home/f", want: src, wantOpen: "/srv/f@5000"},
		{policy: Resume, dst: src, wantState: Skipped, wantPath: "/home/f", want: src},
		{policy: Unique, dst: old, wantState: Done, wantPath: "/home/f.1", want: src, wantOpen: "/srv/f@0"},
		{policy: Newer, dst: old, dstTime: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), wantState: Skipped, wantPath: "/home/f", want: old},
		{policy: Newer, dst: old, dstTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), wantState: Done, wantPath: "/home/f", want: src, wantOpen: "/srv/f@0"},
	}
	for _, c := range cases {
		t.Run(c.policy.String(), func(t *testing.T) {
			r := newRig(t, Options{})
			r.remote.put("/srv/f", src)
			r.local.put("/home/f", c.dst)
			if !c.dstTime.IsZero() {
				r.local.times["/home/f"] = c.dstTime
			}
			j := r.download("/srv/f", "/home/f")
			j.Conflict = c.policy
			js := r.wait(r.q.Add(j), Done, Skipped, Failed)
			if js.State != c.wantState {
				t.Fatalf("state %v (%v), want %v", js.State, js.Err, c.wantState)
			}
			mustFile(t, r.local, c.wantPath, c.want)
			opens := r.remote.openLog()
			if c.wantOpen == "" && len(opens) > 0 || c.wantOpen != "" && (len(opens) != 1 || opens[0] != c.wantOpen) {
				t.Errorf("opens %v, want %q", opens, c.wantOpen)
			}
			if c.policy == Unique {
				mustFile(t, r.local, "/home/f", old)
			}
		})
	}
}

func TestCheckNameRefusesEscapes(t *testing.T) {
	for _, n := range []string{"", ".", "..", "../etc", "a/b", `a\b`, "/abs", "C:x", "a\x00b", "a\nb"} {
		if err := CheckName(n); err == nil || !strings.Contains(err.Error(), "unsafe name") {
			t.Errorf("CheckName(%q) = %v, want unsafe name", n, err)
		}
	}
	for _, n := range []string{"a", ".hidden", "a..b", "名前.txt", "file name with spaces"} {
		if err := CheckName(n); err != nil {
			t.Errorf("CheckName(%q) = %v, want nil", n, err)
		}
	}
}

// hostileFS lists names that try to escape the target folder.
type hostileFS struct{ *memFS }

func (h hostileFS) List(ctx context.Context, dir string) (session.Listing, error) {
	l, err := h.memFS.List(ctx, dir)
	for _, n := range []string{"../../evil", "/etc/passwd", `..\win`, "sub/../../x"} {
		l.Entries = append(l.Entries, session.Entry{Name: n, Kind: session.KindFile, Size: 1})
	}
	return l, err
}

func TestHostileNamesAreRefusedTheRestIsCopied(t *testing.T) {
	store := newStore()
	r := newRig(t, Options{Dial: func(ctx context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
		fs, err := store.dial(ctx, cfg)
		return hostileFS{fs.(*memFS)}, err
	}})
	r.remote = store
	store.put("/srv/tree/ok.txt", []byte("fine"))
	store.put("/srv/tree/sub/deep.txt", []byte("deep"))
	r.local.dirs["/home"] = true
	id := r.q.AddTree(r.download("/srv/tree", "/home/tree"))
	r.wait(id, Done)
	waitIdle(t, r.q)
	mustFile(t, r.local, "/home/tree/ok.txt", []byte("fine"))
	mustFile(t, r.local, "/home/tree/sub/deep.txt", []byte("deep"))
	for _, p := range r.local.names() {
		if !strings.HasPrefix(p, "/home/tree/") {
			t.Errorf("wrote %s outside the target", p)
		}
	}
	unsafe := 0
	for _, js := range r.q.Snapshot() {
		if js.State == Failed && strings.Contains(js.Err.Error(), "unsafe name") {
			unsafe++
		}
	}
	if unsafe != 8 { // four per folder, two folders
		t.Errorf("%d refused names, want 8", unsafe)
	}
}

// waitIdle waits until no job is queued, active, verifying or waiting.
func waitIdle(t *testing.T, q *Queue) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		busy := false
		for _, js := range q.Snapshot() {
			busy = busy || !js.State.Final() && js.State != Paused
		}
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue still busy: %+v", q.Snapshot())
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

func TestTreeBothWaysAndMove(t *testing.T) {
	r := newRig(t, Options{})
	files := map[string][]byte{"/a.txt": []byte("a"), "/d/b.bin": randBytes(t, 70_000), "/d/e/c": {}}
	for p, b := range files {
		r.local.put("/home/src"+p, b)
	}
	r.local.dirs["/home/src/empty"] = true
	r.wait(r.q.AddTree(r.upload("/home/src", "/up")), Done)
	waitIdle(t, r.q)
	for p, b := range files {
		mustFile(t, r.remote, "/up"+p, b)
	}
	if !r.remote.dirs["/up/empty"] {
		t.Error("empty folder not created on the server")
	}
	down := r.download("/up", "/home/back")
	down.Move = true
	r.wait(r.q.AddTree(down), Done)
	waitIdle(t, r.q)
	for p, b := range files {
		mustFile(t, r.local, "/home/back"+p, b)
		mustAbsent(t, r.remote, "/up"+p)
	}
	for _, d := range []string{"/up", "/up/d", "/up/d/e", "/up/empty"} {
		if r.remote.dirs[d] {
			t.Errorf("moved folder %s is still on the server", d)
		}
	}
	for _, js := range r.q.Snapshot() {
		if js.State != Done {
			t.Errorf("%s: %v %v", js.SrcPath, js.State, js.Err)
		}
	}
}

func TestVerifyMismatchRestartsOnceThenFails(t *testing.T) {
	for _, lies := range []int32{1, 5} {
		r := newRig(t, Options{})
		r.remote.sums = true
		r.remote.sumLie.Store(lies)
		data := randBytes(t, 100_000)
		r.remote.put("/srv/m.bin", data)
		r.local.dirs["/home"] = true
		js := r.wait(r.q.Add(r.download("/srv/m.bin", "/home/m.bin")), Done, Failed)
		opens := r.remote.openLog()
		if len(opens) != 2 || opens[1] != "/srv/m.bin@0" {
			t.Errorf("lies %d: opens %v, want a restart from zero", lies, opens)
		}
		if lies == 1 {
			if js.State != Done {
				t.Fatalf("one bad checksum: %v %v, want done after the restart", js.State, js.Err)
			}
			mustFile(t, r.local, "/home/m.bin", data)
			continue
		}
		if js.State != Failed || !strings.Contains(js.Err.Error(), "verification failed") {
			t.Fatalf("checksum always wrong: %v %v, want failed with words", js.State, js.Err)
		}
		mustAbsent(t, r.local, "/home/m.bin")
	}
}

func TestASCIIConvertsLineEndsBothWays(t *testing.T) {
	r := newRig(t, Options{ASCIIExt: []string{"txt"}})
	text := []byte("one\ntwo\n\nthree\n")
	r.remote.put("/srv/r.txt", text) // the server's own LF: CRLF on the wire
	r.local.put("/home/l.txt", text)
	r.wait(r.q.Add(r.download("/srv/r.txt", "/home/r.txt")), Done)
	mustFile(t, r.local, "/home/r.txt", text)
	r.remote.dirs["/up"] = true
	id := r.q.Add(r.upload("/home/l.txt", "/up/l.txt"))
	js := r.wait(id, Done)
	if js.Type != session.TypeASCII {
		t.Errorf("type %v, want ascii chosen by extension", js.Type)
	}
	mustFile(t, r.remote, "/up/l.txt", text)
	r.remote.mu.Lock()
	sent := r.remote.wire["/up/l.txt.part"]
	r.remote.mu.Unlock()
	if want := bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n")); !bytes.Equal(sent, want) {
		t.Errorf("sent %q on the wire, want %q", sent, want)
	}
}

func TestLineEndConvertersAcrossReadBoundaries(t *testing.T) {
	wire := "a\r\nb\r\r\nc\rd\r\n\r\n"
	local := "a\nb\r\nc\rd\n\n"
	got, err := io.ReadAll(&crlfToLF{r: iotest.OneByteReader(strings.NewReader(wire))})
	if err != nil || string(got) != local {
		t.Errorf("crlfToLF = %q, %v; want %q", got, err, local)
	}
	got, err = io.ReadAll(&lfToCRLF{r: iotest.OneByteReader(strings.NewReader("a\nb\r\n\n"))})
	if err != nil || string(got) != "a\r\nb\r\n\r\n" {
		t.Errorf("lfToCRLF = %q, %v", got, err)
	}
}

func TestMovedFolderIsKeptWhenSomethingWasNotMoved(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.put("/src/ok", []byte("ok"))
	r.remote.put("/src/bad", []byte("bad"))
	r.remote.hook = func(op, p string, _ int64) error {
		if op == "open" && p == "/src/bad" {
			return reply(550)
		}
		return nil
	}
	j := r.download("/src", "/home/dst")
	j.Move = true
	r.local.dirs["/home"] = true
	r.wait(r.q.AddTree(j), Done)
	waitIdle(t, r.q)
	var rm *JobState
	for _, js := range r.q.Snapshot() {
		if js.Kind == KindRemoveDir {
			rm = &js
		}
	}
	if rm == nil || rm.State != Skipped || !strings.Contains(rm.Note, "folder kept") {
		t.Fatalf("remove-folder job %+v, want skipped with the folder kept", rm)
	}
	mustFile(t, r.remote, "/src/bad", []byte("bad"))
	mustAbsent(t, r.remote, "/src/ok")
	mustFile(t, r.local, "/home/dst/ok", []byte("ok"))
}

// Newer compares at the second: a local file a fraction of a second past
// the server's copy of it (the server keeps seconds) is not newer, one a
// second later is.
func TestNewerAtTheSecond(t *testing.T) {
	for _, c := range []struct {
		after time.Duration
		want  State
	}{{400 * time.Millisecond, Skipped}, {time.Second, Done}} {
		r := newRig(t, Options{})
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // the fake server's time
		r.remote.put("/up/f", []byte("server"))
		r.local.put("/home/f", []byte("local"))
		r.local.times["/home/f"] = at.Add(c.after)
		j := r.upload("/home/f", "/up/f")
		j.Conflict = Newer
		if js := r.wait(r.q.Add(j), Done, Skipped, Failed); js.State != c.want {
			t.Errorf("local %v after the server's: %v (%v), want %v", c.after, js.State, js.Err, c.want)
		}
	}
}

// TestNewerAtTheListingsPrecision: a server without MLST (vsftpd) gives a
// file's time from its LIST line, to the minute, or to the day for an
// older file. A local file within that minute or day is not newer: the
// copy it made would otherwise be sent again every time.
func TestNewerAtTheListingsPrecision(t *testing.T) {
	minute := time.Date(2026, 1, 1, 10, 47, 0, 0, time.UTC)
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		server time.Time
		raw    string
		local  time.Time
		want   State
	}{
		{"same minute", minute, "-rw-r--r-- 1 u g 6 Jan  1 10:47 f", minute.Add(30 * time.Second), Skipped},
		{"next minute", minute, "-rw-r--r-- 1 u g 6 Jan  1 10:47 f", minute.Add(65 * time.Second), Done},
		{"same day", day, "-rw-r--r-- 1 u g 6 Mar  4  2025 f", day.Add(14 * time.Hour), Skipped},
		{"next day", day, "-rw-r--r-- 1 u g 6 Mar  4  2025 f", day.Add(25 * time.Hour), Done},
	} {
		r := newRig(t, Options{})
		r.remote.put("/up/f", []byte("server"))
		r.remote.times["/up/f"] = c.server
		r.remote.raws = map[string]string{"/up/f": c.raw}
		r.local.put("/home/f", []byte("local"))
		r.local.times["/home/f"] = c.local
		j := r.upload("/home/f", "/up/f")
		j.Conflict = Newer
		if js := r.wait(r.q.Add(j), Done, Skipped, Failed); js.State != c.want {
			t.Errorf("%s: %v (%v), want %v", c.name, js.State, js.Err, c.want)
		}
	}
}
