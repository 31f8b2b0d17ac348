package transfer

import (
	"context"
	"errors"
	"testing"
)

func TestWaitReturnsTheOutcomeWithProgress(t *testing.T) {
	r := newRig(t, Options{BufferSize: 1024})
	r.local.dirs["/home"] = true
	data := randBytes(t, 200_000)
	r.remote.put("/srv/w.bin", data)
	id := r.q.Add(r.download("/srv/w.bin", "/home/w.bin"))
	var last int64
	st, err := r.q.Wait(context.Background(), id, func(s JobState) { last = s.Done })
	if err != nil || st.State != Done || st.Done != int64(len(data)) || last != int64(len(data)) {
		t.Fatalf("Wait: state %v done %d last progress %d err %v", st.State, st.Done, last, err)
	}
	mustFile(t, r.local, "/home/w.bin", data)

	missing := r.q.Add(r.download("/srv/nope", "/home/nope"))
	st, err = r.q.Wait(context.Background(), missing, nil)
	if err != nil || st.State != Failed || st.Err == nil {
		t.Fatalf("Wait on a missing file: %v %v %v", st.State, st.Err, err)
	}
	if _, err := r.q.Wait(context.Background(), 9999, nil); err == nil {
		t.Fatal("Wait on an unknown job must say so")
	}
}

func TestWaitEndsWithItsContext(t *testing.T) {
	r := newRig(t, Options{})
	r.local.dirs["/home"] = true
	r.remote.put("/srv/slow", randBytes(t, 500_000))
	g := newGate(t, 100_000)
	r.remote.readHook = g.hook
	id := r.q.Add(r.download("/srv/slow", "/home/slow"))
	g.wait(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.q.Wait(ctx, id, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with an ended context: %v", err)
	}
	r.q.Cancel(id)
	g.open()
	if st, _ := r.q.Wait(context.Background(), id, nil); st.State != Canceled {
		t.Fatalf("after Cancel: %v", st.State)
	}
}
