package transfer

import (
	"errors"
	"io"
	iofs "io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// gate blocks the first read that reaches byte at, until released.
type gate struct {
	at      int64
	once    sync.Once
	reached chan struct{}
	release chan struct{}
}

func newGate(t *testing.T, at int64) *gate {
	g := &gate{at: at, reached: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(g.open)
	return g
}

func (g *gate) open() {
	select {
	case <-g.release:
	default:
		close(g.release)
	}
}

func (g *gate) hook(_ string, off int64) error {
	if off < g.at {
		return nil
	}
	first := false
	g.once.Do(func() { first = true })
	if first {
		close(g.reached)
		<-g.release
	}
	return nil
}

func (g *gate) wait(t *testing.T) {
	t.Helper()
	select {
	case <-g.reached:
	case <-time.After(20 * time.Second):
		t.Fatal("transfer never reached the gate")
	}
}

func TestPauseKeepsPartAndResumeContinuesAtItsEnd(t *testing.T) {
	r := newRig(t, Options{})
	data := randBytes(t, 500_000)
	r.remote.put("/srv/p.bin", data)
	r.local.dirs["/home"] = true
	g := newGate(t, 100_000)
	r.remote.readHook = g.hook
	id := r.q.Add(r.download("/srv/p.bin", "/home/p.bin"))
	g.wait(t)
	r.q.Pause(id)
	g.open()
	r.wait(id, Paused)
	part, ok := r.local.get("/home/p.bin.part")
	if !ok || len(part) < 100_000 {
		t.Fatalf("paused job left .part of %d bytes (exists %v), want at least 100000", len(part), ok)
	}
	mustAbsent(t, r.local, "/home/p.bin")
	r.q.Resume(id)
	r.wait(id, Done)
	mustFile(t, r.local, "/home/p.bin", data)
	opens := r.remote.openLog()
	want := []string{"/srv/p.bin@0", "/srv/p.bin@" + itoa(len(part))}
	if !slices.Equal(opens, want) {
		t.Errorf("opens %v, want %v", opens, want)
	}
}

func TestCancelNeverLeavesHalfFileUnderFinalName(t *testing.T) {
	r := newRig(t, Options{})
	data := randBytes(t, 400_000)
	r.remote.put("/srv/c.bin", data)
	r.local.dirs["/home"] = true
	g := newGate(t, 50_000)
	r.remote.readHook = g.hook
	id := r.q.Add(r.download("/srv/c.bin", "/home/c.bin"))
	g.wait(t)
	r.q.Cancel(id)
	g.open()
	r.wait(id, Canceled)
	mustAbsent(t, r.local, "/home/c.bin")
	if _, ok := r.local.get("/home/c.bin.part"); !ok {
		t.Error("canceled job: .part removed, want it kept for Retry")
	}
	r.q.Retry(id)
	r.wait(id, Done)
	mustFile(t, r.local, "/home/c.bin", data)
	if opens := r.remote.openLog(); len(opens) != 2 || opens[1] == "/srv/c.bin@0" {
		t.Errorf("opens %v: retry should continue the .part", opens)
	}
}

// failOnce breaks the first read past byte at like a dropped connection.
func failOnce(at int64) func(string, int64) error {
	var done atomic.Bool
	return func(_ string, off int64) error {
		if off >= at && !done.Swap(true) {
			return io.ErrUnexpectedEOF
		}
		return nil
	}
}

func TestBrokenTransferRetriesWithBackoffAtTheByteItStopped(t *testing.T) {
	r := newRig(t, Options{BackoffMin: 3 * time.Second})
	data := randBytes(t, 300_000)
	r.remote.put("/srv/r.bin", data)
	r.local.dirs["/home"] = true
	r.remote.readHook = failOnce(120_000)
	id := r.q.Add(r.download("/srv/r.bin", "/home/r.bin"))
	js := r.wait(id, Done)
	mustFile(t, r.local, "/home/r.bin", data)
	if js.Attempts != 2 {
		t.Errorf("attempts %d, want 2", js.Attempts)
	}
	if w := r.clock.Waits(); !slices.Equal(w, []time.Duration{3 * time.Second}) {
		t.Errorf("backoff waits %v, want [3s]", w)
	}
	opens := r.remote.openLog()
	if len(opens) != 2 || !strings.HasPrefix(opens[1], "/srv/r.bin@") || opens[1] == "/srv/r.bin@0" {
		t.Fatalf("opens %v, want a second one at the .part's size", opens)
	}
	if got := opens[1]; got != "/srv/r.bin@"+itoa(122880) {
		t.Errorf("resumed at %s, want byte 122880 (what had been written)", got)
	}
	evs := kinds(r.events.of(id))
	if !slices.Contains(evs, EventRetrying) {
		t.Errorf("events %v: no retrying", evs)
	}
}

func TestTransientErrorsFailAfterMaxAttemptsWithDoublingBackoff(t *testing.T) {
	r := newRig(t, Options{MaxAttempts: 4, BackoffMin: time.Second, BackoffMax: 3 * time.Second})
	r.remote.put("/srv/x.bin", randBytes(t, 10_000))
	r.local.dirs["/home"] = true
	r.remote.readHook = func(string, int64) error { return io.ErrUnexpectedEOF }
	id := r.q.Add(r.download("/srv/x.bin", "/home/x.bin"))
	js := r.wait(id, Failed)
	if w := r.clock.Waits(); !slices.Equal(w, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}) {
		t.Errorf("waits %v, want [1s 2s 3s]", w)
	}
	if !strings.Contains(js.Err.Error(), "connection problem") {
		t.Errorf("error %q, want words", js.Err)
	}
	mustAbsent(t, r.local, "/home/x.bin")
}

func TestTooManyConnectionsLowersLimitAndNeverFails(t *testing.T) {
	r := newRig(t, Options{Workers: 4})
	r.remote.limit = 2
	r.local.dirs["/home"] = true
	// The first downloads wait until a 421 has lowered the limit, so that
	// the other workers try to log in while two connections are busy.
	deadline := time.Now().Add(10 * time.Second)
	r.remote.readHook = func(string, int64) error {
		for r.q.Limit(r.cfg) > 2 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond) // polling the queue's state, with a deadline
		}
		return nil
	}
	var ids []ID
	datas := map[string][]byte{}
	for i := range 8 {
		name := "/f" + itoa(i)
		datas[name] = randBytes(t, 50_000+i)
		r.remote.put("/srv"+name, datas[name])
		ids = append(ids, r.q.Add(r.download("/srv"+name, "/home"+name)))
	}
	for _, id := range ids {
		r.wait(id, Done)
	}
	for name, d := range datas {
		mustFile(t, r.local, "/home"+name, d)
	}
	if got := r.q.Limit(r.cfg); got > 2 {
		t.Errorf("limit %d after 421s, want at most 2", got)
	}
	if n := r.remote.dials.Load(); n > 4 {
		t.Errorf("%d logins for 8 files: connections are not reused", n)
	}
}

func TestProgressIsThrottledAndDoneAlwaysDelivered(t *testing.T) {
	r := newRig(t, Options{BufferSize: 1024})
	r.local.dirs["/home"] = true
	var ids []ID
	for i := range 20 {
		r.remote.put("/srv/t"+itoa(i), randBytes(t, 100_000))
		ids = append(ids, r.q.Add(r.download("/srv/t"+itoa(i), "/home/t"+itoa(i))))
	}
	for _, id := range ids {
		r.wait(id, Done)
	}
	r.q.Close()
	<-r.events.done
	for _, id := range ids {
		evs := r.events.of(id)
		n := 0
		for _, e := range evs {
			if e.Kind == EventProgress {
				n++
			}
		}
		// The clock stands still: one Progress per run, where an
		// unthrottled queue would send one per 1 KiB buffer (about 100).
		if n > 2 {
			t.Errorf("job %v: %d progress events with a frozen clock, want at most 2", id, n)
		}
		if last := evs[len(evs)-1]; last.Kind != EventDone || last.Done != 100_000 {
			t.Errorf("job %v: last event %v %d bytes, want done 100000", id, last.Kind, last.Done)
		}
	}
}

func TestSlowReaderLosesProgressNotStateChanges(t *testing.T) {
	b := newBus()
	defer b.close()
	for i := range 10_000 {
		b.push(Event{Kind: EventProgress, ID: 1, Done: int64(i)})
	}
	b.push(Event{Kind: EventDone, ID: 1, Done: 10_000})
	var got []Event
	for e := range b.out {
		got = append(got, e)
		if e.Kind == EventDone {
			break
		}
	}
	if len(got) > 100 {
		t.Errorf("%d events for an unread burst of 10000 progress, want them coalesced", len(got))
	}
	if got[len(got)-2].Kind != EventProgress || got[len(got)-2].Done != 9_999 {
		t.Errorf("event before done: %+v, want the latest progress", got[len(got)-2])
	}
}

func TestErrorsHaveWordsAndTheQueueGoesOn(t *testing.T) {
	r := newRig(t, Options{})
	r.local.dirs["/home"] = true
	r.remote.dirs["/up"] = true
	r.remote.put("/srv/ok.bin", randBytes(t, 1000))
	r.local.put("/home/big.bin", randBytes(t, 1000))
	r.local.put("/home/nospace.bin", nil)
	r.remote.put("/srv/gone.bin", []byte("x"))
	r.remote.hook = func(op, p string, _ int64) error {
		switch {
		case op == "open" && p == "/srv/gone.bin":
			return reply(550)
		case op == "create" && strings.HasPrefix(p, "/up/big.bin"):
			return reply(552)
		}
		return nil
	}
	r.local.hook = func(op, p string, _ int64) error {
		switch {
		case op == "write" && strings.HasPrefix(p, "/home/full.bin"):
			return errNoSpace
		case op == "create" && strings.HasPrefix(p, "/home/locked.bin"):
			return &iofs.PathError{Op: "open", Path: p, Err: syscall.EACCES}
		}
		return nil
	}
	r.remote.put("/srv/full.bin", randBytes(t, 1000))
	cases := []struct {
		job  Job
		want string
	}{
		{r.download("/srv/gone.bin", "/home/gone.bin"), "file vanished on the server"},
		{r.upload("/home/big.bin", "/up/big.bin"), "quota exceeded"},
		{r.download("/srv/full.bin", "/home/full.bin"), "disk full"},
		{r.download("/srv/ok.bin", "/home"), "target is a folder"},
		{r.download("/srv/ok.bin", "/home/locked.bin"), "permission denied"},
	}
	for _, c := range cases {
		id := r.q.Add(c.job)
		js := r.wait(id, Failed)
		if js.Err == nil || !strings.Contains(js.Err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.job.SrcPath, js.Err, c.want)
		}
		var te *Error
		if !errors.As(js.Err, &te) {
			t.Errorf("%s: error %T, want *Error", c.job.SrcPath, js.Err)
		}
	}
	id := r.q.Add(r.download("/srv/ok.bin", "/home/ok.bin"))
	r.wait(id, Done)
}

func TestMoveReordersAndPauseAllResumeAll(t *testing.T) {
	r := newRig(t, Options{Workers: 1})
	r.local.dirs["/home"] = true
	g := newGate(t, 10_000)
	r.remote.readHook = func(p string, off int64) error {
		if p == "/srv/first" {
			return g.hook(p, off)
		}
		return nil
	}
	var ids []ID
	for _, n := range []string{"first", "a", "b", "c"} {
		r.remote.put("/srv/"+n, randBytes(t, 50_000))
		ids = append(ids, r.q.Add(r.download("/srv/"+n, "/home/"+n)))
	}
	g.wait(t)
	r.q.Move(ids[3], -2) // c before a
	r.q.PauseAll()
	g.open()
	for _, id := range ids {
		r.wait(id, Paused)
	}
	r.q.ResumeAll()
	for _, id := range ids {
		r.wait(id, Done)
	}
	var order []string
	for _, o := range r.remote.openLog() {
		order = append(order, strings.SplitN(strings.TrimPrefix(o, "/srv/"), "@", 2)[0])
	}
	if want := []string{"first", "first", "c", "a", "b"}; !slices.Equal(order, want) {
		t.Errorf("ran %v, want %v", order, want)
	}
	var names []string
	for _, js := range r.q.Snapshot() {
		names = append(names, js.SrcPath)
	}
	if names[1] != "/srv/c" {
		t.Errorf("queue order %v, want c second", names)
	}
}

func TestIdleConnectionsAreLoggedOut(t *testing.T) {
	r := newRig(t, Options{IdleTimeout: 20 * time.Millisecond})
	r.local.dirs["/home"] = true
	r.remote.put("/srv/i", []byte("idle"))
	r.wait(r.q.Add(r.download("/srv/i", "/home/i")), Done)
	deadline := time.Now().Add(10 * time.Second)
	for r.remote.live.Load() != 0 || r.q.pool.idleCount() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections still open after the idle timeout", r.remote.live.Load())
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

func TestServerWithoutRestStartsOver(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.noRest = true
	data := randBytes(t, 200_000)
	r.remote.put("/srv/n.bin", data)
	r.local.dirs["/home"] = true
	r.local.put("/home/n.bin.part", data[:50_000])
	r.remote.readHook = failOnce(100_000)
	r.wait(r.q.Add(r.download("/srv/n.bin", "/home/n.bin")), Done)
	mustFile(t, r.local, "/home/n.bin", data)
	if opens := r.remote.openLog(); !slices.Equal(opens, []string{"/srv/n.bin@0", "/srv/n.bin@0"}) {
		t.Errorf("opens %v, want every try from byte 0 (no REST)", opens)
	}
}
