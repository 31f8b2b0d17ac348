package transfer

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

// fakeClock never sleeps: After fires at once and records the wait; Now
// stands still unless advanced.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newClock() *fakeClock { return &fakeClock{now: time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	ch := make(chan time.Time, 1)
	ch <- c.now.Add(d)
	return ch
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// rig is a queue between a fake local disk and a fake server.
type rig struct {
	t      *testing.T
	q      *Queue
	remote *memStore
	local  *memStore
	clock  *fakeClock
	cfg    session.Config
	events *recorder
}

var fakeServer = session.Config{Host: "fake.example", Port: 21, User: "u", Password: "pw-secret"}

func newRig(t *testing.T, opts Options) *rig {
	t.Helper()
	return newRigOn(t, opts, newStore(), newStore())
}

// newRigOn is a rig on existing stores: a second queue after a crash.
func newRigOn(t *testing.T, opts Options, remote, local *memStore) *rig {
	t.Helper()
	r := &rig{t: t, remote: remote, local: local, clock: newClock(), cfg: fakeServer}
	if opts.Dial == nil {
		opts.Dial = r.remote.dial
	}
	opts.Local = diskFS{&memFS{m: r.local}}
	if opts.Clock == nil {
		opts.Clock = r.clock
	}
	if opts.JournalPath == "" {
		opts.NoJournal = true
	}
	q, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	r.q = q
	r.events = recordEvents(q)
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return r
}

func (r *rig) download(src, dst string) Job {
	return Job{Src: RemoteEndpoint(r.cfg), Dst: LocalEndpoint(), SrcPath: src, DstPath: dst}
}

func (r *rig) upload(src, dst string) Job {
	return Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(r.cfg), SrcPath: src, DstPath: dst}
}

// wait polls until the job reaches one of the states, or fails the test
// after a deadline.
func (r *rig) wait(id ID, states ...State) JobState {
	r.t.Helper()
	return waitState(r.t, r.q, id, states...)
}

func waitState(t testing.TB, q *Queue, id ID, states ...State) JobState {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		js, ok := q.Get(id)
		for _, s := range states {
			if ok && js.State == s {
				return js
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %v: state %v (err %v), want %v", id, js.State, js.Err, states)
		}
		<-tick.C
	}
}

// recorder keeps every event the queue sends.
type recorder struct {
	mu   sync.Mutex
	all  []Event
	done chan struct{}
}

func recordEvents(q *Queue) *recorder {
	r := &recorder{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for e := range q.Events() {
			r.mu.Lock()
			r.all = append(r.all, e)
			r.mu.Unlock()
		}
	}()
	return r
}

func (r *recorder) of(id ID) []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Event
	for _, e := range r.all {
		if e.ID == id {
			out = append(out, e)
		}
	}
	return out
}

// kinds is the job's event kinds with runs of Progress folded into one.
func kinds(evs []Event) []EventKind {
	var out []EventKind
	for _, e := range evs {
		if e.Kind == EventProgress && len(out) > 0 && out[len(out)-1] == EventProgress {
			continue
		}
		out = append(out, e.Kind)
	}
	return out
}

func randBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// mustFile checks that p holds exactly want.
func mustFile(t testing.TB, m *memStore, p string, want []byte) {
	t.Helper()
	got, ok := m.get(p)
	if !ok {
		t.Fatalf("%s: missing (have %v)", p, m.names())
	}
	if sum(got) != sum(want) {
		t.Fatalf("%s: sha256 %s (%d bytes), want %s (%d bytes)", p, sum(got)[:12], len(got), sum(want)[:12], len(want))
	}
}

func mustAbsent(t testing.TB, m *memStore, p string) {
	t.Helper()
	if _, ok := m.get(p); ok {
		t.Fatalf("%s exists, want none", p)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// reply is a server refusal with the given code.
func reply(code int) error { return &session.ReplyError{Op: "op", Code: code, Msg: "refused"} }

var errNoSpace = fmt.Errorf("write: %w", syscall.ENOSPC)

func splitHostPort(addr string) (string, int, error) {
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(p)
	return h, n, err
}

// diskFS is the fake standing in for the local disk, which (like
// session.Local) answers no SIZE: existence is a stat there.
type diskFS struct{ *memFS }

// Size hides memFS's SIZE: a different signature, so diskFS is no sizer.
func (diskFS) Size() {}
