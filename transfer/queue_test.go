package transfer

import (
	"slices"
	"testing"
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
