package transfer

import (
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDownloadEventsInOrder(t *testing.T) {
	r := newRig(t, Options{})
	data := randBytes(t, 300_000)
	r.remote.put("/srv/a.bin", data)
	r.local.dirs["/home"] = true
	id := r.q.Add(r.download("/srv/a.bin", "/home/a.bin"))
	js := r.wait(id, Done)
	mustFile(t, r.local, "/home/a.bin", data)
	mustAbsent(t, r.local, "/home/a.bin.part")
	if js.Done != int64(len(data)) || js.Total != int64(len(data)) {
		t.Errorf("done %d of %d, want %d", js.Done, js.Total, len(data))
	}
	r.q.Close()
	<-r.events.done
	got := kinds(r.events.of(id))
	want := []EventKind{EventQueued, EventStarted, EventProgress, EventVerifying, EventDone}
	if !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
}

func TestUploadVerifiedByChecksum(t *testing.T) {
	r := newRig(t, Options{})
	r.remote.sums = true
	r.remote.dirs["/up"] = true
	data := randBytes(t, 200_000)
	r.local.put("/home/b.bin", data)
	id := r.q.Add(r.upload("/home/b.bin", "/up/b.bin"))
	r.wait(id, Done)
	mustFile(t, r.remote, "/up/b.bin", data)
	mustAbsent(t, r.remote, "/up/b.bin.part")
}

// TestTriesKeepEachRunsError: a transfer broken once and then finished
// has two tries, the first with the error in words and the second done;
// the history is bounded.
func TestTriesKeepEachRunsError(t *testing.T) {
	r := newRig(t, Options{})
	data := randBytes(t, 300_000)
	r.remote.put("/srv/r.bin", data)
	r.local.dirs["/home"] = true
	r.remote.readHook = failOnce(120_000)
	id := r.q.Add(r.download("/srv/r.bin", "/home/r.bin"))
	js := r.wait(id, Done)
	if len(js.Tries) != 2 {
		t.Fatalf("tries %+v, want 2", js.Tries)
	}
	first, last := js.Tries[0], js.Tries[1]
	if first.Outcome != Waiting || first.Err == "" || first.End.IsZero() {
		t.Errorf("first try %+v: want it waiting to retry, with its error", first)
	}
	if last.Outcome != Done || last.Err != "" || last.Start.IsZero() {
		t.Errorf("last try %+v: want done", last)
	}
	q := &Queue{opts: Options{}.withDefaults()}
	j := &job{}
	for range 3 * maxTries {
		j.st.State = Active
		q.tryLocked(j, Queued)
		j.st.State = Failed
		q.tryLocked(j, Active)
	}
	if len(j.st.Tries) != maxTries {
		t.Errorf("%d tries kept, want %d", len(j.st.Tries), maxTries)
	}
}

// TestEventsPlaceJobsByID: every Queued and Moved event names the job
// before it, so a reader rebuilds the queue's order from events alone.
func TestEventsPlaceJobsByID(t *testing.T) {
	r := newRig(t, Options{Workers: 1})
	for _, d := range []string{"/srv/t/a", "/srv/t/b"} {
		for _, f := range []string{"1", "2", "3"} {
			r.remote.put(d+"/"+f, []byte(d+f))
		}
	}
	r.local.dirs["/home"] = true
	tree := r.q.AddTree(r.download("/srv/t", "/home/t"))
	last := r.q.Add(r.download("/srv/t/a/1", "/home/x"))
	r.wait(last, Done)
	waitIdle(t, r.q)
	r.q.Move(last, -3)
	for deadline := time.Now().Add(10 * time.Second); !slices.Contains(kinds(r.events.of(last)), EventMoved); {
		if time.Now().After(deadline) {
			t.Fatal("no moved event")
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
	r.events.mu.Lock()
	defer r.events.mu.Unlock()
	var order []ID
	for _, e := range r.events.all {
		switch e.Kind {
		case EventQueued, EventMoved:
			order = slices.DeleteFunc(order, func(id ID) bool { return id == e.ID })
			at := slices.Index(order, e.After) + 1 // 0 when After is 0
			order = slices.Insert(order, at, e.ID)
		}
	}
	var want []ID
	for _, js := range r.q.Snapshot() {
		want = append(want, js.ID)
	}
	if len(want) != 10 || want[0] != tree || !slices.Equal(order, want) {
		t.Errorf("order from events %v, want the queue's %v", order, want)
	}
}

// TestWorkersSpreadOverFolders: with files queued in two folders, two
// workers copy one file of each at a time rather than two of the first
// folder (files created in one folder contend for its lock).
func TestWorkersSpreadOverFolders(t *testing.T) {
	r := newRig(t, Options{Workers: 2})
	for _, d := range []string{"a", "b"} {
		for _, f := range []string{"1", "2", "3", "4"} {
			r.remote.put("/srv/t/"+d+"/"+f, []byte(d+f))
		}
	}
	r.local.dirs["/home"] = true
	reached, release := make(chan string, 2), make(chan struct{})
	r.remote.readHook = func(p string, _ int64) error {
		select {
		case <-release:
		case reached <- p: // the first two reads wait for both to be seen
			<-release
		}
		return nil
	}
	r.q.AddTree(r.download("/srv/t", "/home/t"))
	first, second := <-reached, <-reached
	close(release)
	if path.Dir(first) == path.Dir(second) {
		t.Errorf("both workers copy from %s (%s, %s), want one per folder", path.Dir(first), first, second)
	}
	waitIdle(t, r.q)
	mustFile(t, r.local, "/home/t/b/4", []byte("b4"))
}

// TestBusDeliversBurstsInOrder: state changes pushed in a small batch,
// a burst the reader does not keep up with, then small batches while it
// reads, all arrive once and in order (the bus reuses its arrays).
func TestBusDeliversBurstsInOrder(t *testing.T) {
	b := newBus()
	defer b.close()
	next, want := ID(1), ID(1)
	push := func(n int) {
		for range n {
			b.push(Event{Kind: EventQueued, ID: next})
			next++
		}
	}
	read := func(until ID) {
		t.Helper()
		for ; want < until; want++ {
			if e := <-b.out; e.ID != want {
				t.Fatalf("event for %v, want %v", e.ID, want)
			}
		}
	}
	push(3)
	read(next)
	push(5000) // mostly unread: one pending array past 4096
	read(next)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 200 {
			push(7)
		}
	}()
	<-done
	read(next)
}

// TestFoldersListedBeforeFiles: a tree's folders are listed before its
// files are copied, so that the workers spread over all its folders from
// the start instead of crowding the first ones listed. With one worker
// the order is plain: every listing, then every open.
func TestFoldersListedBeforeFiles(t *testing.T) {
	r := newRig(t, Options{Workers: 1})
	for _, d := range []string{"a", "b", "c", "d"} {
		for _, f := range []string{"1", "2"} {
			r.remote.put("/srv/t/"+d+"/"+f, []byte(d+f))
		}
	}
	r.local.dirs["/home"] = true
	var mu sync.Mutex
	var ops []string
	r.remote.hook = func(op, p string, _ int64) error {
		if op == "list" || op == "open" {
			mu.Lock()
			ops = append(ops, op+" "+p)
			mu.Unlock()
		}
		return nil
	}
	r.q.AddTree(r.download("/srv/t", "/home/t"))
	waitIdle(t, r.q)
	mustFile(t, r.local, "/home/t/d/2", []byte("d2"))
	mu.Lock()
	defer mu.Unlock()
	lastList, firstOpen := -1, len(ops)
	for i, op := range ops {
		if strings.HasPrefix(op, "list ") {
			lastList = i
		} else if firstOpen == len(ops) {
			firstOpen = i
		}
	}
	if lastList != 4 || firstOpen != 5 {
		t.Errorf("operations %q: want the 5 listings first", ops)
	}
}
