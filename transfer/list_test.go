package transfer

import (
	"context"
	"errors"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

// names is a listing's entry names, joined.
func names(l session.Listing) string {
	var out []string
	for _, e := range l.Entries {
		out = append(out, e.Name)
	}
	return strings.Join(out, " ")
}

// TestListOnPooledConnection: a listing runs on the queue's pool: the
// connection it dialled carries the next copy, none is dialled again.
func TestListOnPooledConnection(t *testing.T) {
	r := newRig(t, Options{Workers: 2})
	r.remote.put("/srv/a.txt", []byte("a"))
	r.remote.put("/srv/sub/b.txt", []byte("b"))
	r.local.dirs["/home"] = true
	l, err := r.q.List(context.Background(), r.cfg, "/srv", 0)
	if err != nil || names(l) != "a.txt sub" {
		t.Fatalf("List /srv: %q, %v", names(l), err)
	}
	id := r.q.Add(r.download("/srv/a.txt", "/home/a.txt"))
	r.wait(id, Done)
	mustFile(t, r.local, "/home/a.txt", []byte("a"))
	if n := r.remote.dials.Load(); n != 1 {
		t.Errorf("%d dials for a listing and a copy, want 1 (the listing's connection reused)", n)
	}
}

// TestListGoesBeforeQueuedJobs: with every slot busy and a job waiting
// for one, a listing waits too, and the slot freed next is the
// listing's: the waiting job runs after it.
func TestListGoesBeforeQueuedJobs(t *testing.T) {
	r := newRig(t, Options{Workers: 3})
	r.q.SetLimit(r.cfg, 2)
	r.local.dirs["/home"] = true
	var mu sync.Mutex
	var order []string
	note := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	gates := map[string]chan struct{}{"/srv/1": make(chan struct{}), "/srv/2": make(chan struct{})}
	t.Cleanup(func() {
		for _, g := range gates {
			select {
			case <-g:
			default:
				close(g)
			}
		}
	})
	r.remote.hook = func(op, p string, _ int64) error {
		switch op {
		case "open":
			note(p)
			if g := gates[p]; g != nil {
				<-g
			}
		case "list":
			note("list " + p)
		}
		return nil
	}
	var ids []ID
	for _, n := range []string{"1", "2", "3"} {
		r.remote.put("/srv/"+n, []byte(n))
		ids = append(ids, r.q.Add(r.download("/srv/"+n, "/home/"+n)))
	}
	r.wait(ids[0], Active)
	r.wait(ids[1], Active)
	listed := make(chan error, 1)
	go func() {
		_, err := r.q.List(context.Background(), r.cfg, "/srv", 0)
		listed <- err
	}()
	waitWanted(t, r.q, r.cfg)
	close(gates["/srv/1"])
	if err := <-listed; err != nil {
		t.Fatal(err)
	}
	close(gates["/srv/2"])
	for _, id := range ids {
		r.wait(id, Done)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(order) != 4 || order[2] != "list /srv" || order[3] != "/srv/3" {
		t.Fatalf("order %q: want the listing before the third copy", order)
	}
}

// waitWanted polls, with a deadline, until a listing waits for a slot.
func waitWanted(t *testing.T, q *Queue, cfg session.Config) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; {
		q.pool.mu.Lock()
		n := q.pool.server(poolKey(&cfg)).wanted
		q.pool.mu.Unlock()
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the listing never waited for a slot")
		}
		time.Sleep(time.Millisecond) // polling the queue's state, with a deadline
	}
}

// TestListCanceledWhileWaiting: a listing that waits for a slot ends
// with its context, and gives up its turn: the queued job runs next.
func TestListCanceledWhileWaiting(t *testing.T) {
	r := newRig(t, Options{Workers: 1})
	r.local.dirs["/home"] = true
	r.remote.put("/srv/1", []byte("1"))
	r.remote.put("/srv/2", []byte("2"))
	release := make(chan struct{})
	r.remote.hook = func(op, p string, _ int64) error {
		if op == "open" && p == "/srv/1" {
			<-release
		}
		return nil
	}
	first := r.q.Add(r.download("/srv/1", "/home/1"))
	r.wait(first, Active)
	second := r.q.Add(r.download("/srv/2", "/home/2"))
	ctx, cancel := context.WithCancel(context.Background())
	listed := make(chan error, 1)
	go func() {
		_, err := r.q.List(ctx, r.cfg, "/srv", 0)
		listed <- err
	}()
	waitWanted(t, r.q, r.cfg)
	cancel()
	select {
	case err := <-listed:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("canceled listing: %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a canceled listing kept waiting for a slot")
	}
	close(release)
	r.wait(first, Done)
	r.wait(second, Done)
	mustFile(t, r.local, "/home/2", []byte("2"))
}

// TestListRetriesLikeAJob: a listing whose connection broke is tried
// again on a new connection after the queue's backoff; a 421 at login
// lowers the server's limit and does not count as a try; a refusal is
// not retried.
func TestListRetriesLikeAJob(t *testing.T) {
	r := newRig(t, Options{Workers: 4, BackoffMin: time.Second})
	r.remote.put("/srv/a.txt", []byte("a"))
	broken := 0
	r.remote.hook = func(op, p string, _ int64) error {
		if op == "list" && p == "/srv" && broken < 2 {
			broken++
			return syscall.ECONNRESET
		}
		if op == "list" && p == "/denied" {
			return &session.ReplyError{Op: "ls " + p, Code: 550, Msg: "Permission denied"}
		}
		return nil
	}
	l, err := r.q.List(context.Background(), r.cfg, "/srv", 3)
	if err != nil || names(l) != "a.txt" {
		t.Fatalf("List after two broken connections: %q, %v", names(l), err)
	}
	if n := r.remote.dials.Load(); n != 3 {
		t.Errorf("%d dials, want 3 (a broken connection is not reused)", n)
	}
	if w := r.clock.Waits(); len(w) != 2 || w[0] != time.Second || w[1] != 2*time.Second {
		t.Errorf("waits between tries %v, want [1s 2s]", w)
	}
	broken = 0
	if _, err := r.q.List(context.Background(), r.cfg, "/srv", 2); !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("List with 2 tries and 2 breaks: %v, want the connection's error", err)
	}
	before := r.remote.dials.Load()
	if _, err := r.q.List(context.Background(), r.cfg, "/denied", 5); err == nil ||
		!strings.Contains(err.Error(), "Permission denied") {
		t.Errorf("List of a refused folder: %v, want the server's words", err)
	}
	if n := r.remote.dials.Load() - before; n > 1 {
		t.Errorf("a refused listing dialled %d times: a 550 is not retried", n)
	}
}

// TestListAfter421: a server that takes no more logins answers 421: the
// limit drops, the listing waits for the busy connection and runs on it.
func TestListAfter421(t *testing.T) {
	r := newRig(t, Options{Workers: 4})
	r.remote.limit = 1
	r.local.dirs["/home"] = true
	r.remote.put("/srv/1", []byte("1"))
	release := make(chan struct{})
	r.remote.hook = func(op, p string, _ int64) error {
		if op == "open" {
			<-release
		}
		return nil
	}
	id := r.q.Add(r.download("/srv/1", "/home/1"))
	r.wait(id, Active)
	listed := make(chan error, 1)
	go func() {
		l, err := r.q.List(context.Background(), r.cfg, "/srv", 1)
		if err == nil && names(l) != "1" {
			err = errors.New("listing: " + names(l))
		}
		listed <- err
	}()
	for deadline := time.Now().Add(20 * time.Second); r.q.Limit(r.cfg) != 1; {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d: the 421 did not lower it", r.q.Limit(r.cfg))
		}
		time.Sleep(time.Millisecond) // polling the queue's state, with a deadline
	}
	close(release)
	if err := <-listed; err != nil {
		t.Fatalf("List after a 421 with one try: %v", err)
	}
	r.wait(id, Done)
}
