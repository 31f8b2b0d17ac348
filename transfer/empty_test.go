package transfer

import (
	"slices"
	"testing"
	"time"
)

// TestEmptySourceOpensNoDataConnection: a server's file that SIZE says is
// empty is not fetched (no RETR, no data connection: lftp's mirror does
// the same), yet it gets the same .part, check, rename and time as any
// file. A file planned with size 0 that is not empty is fetched.
func TestEmptySourceOpensNoDataConnection(t *testing.T) {
	r := newRig(t, Options{})
	at := time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	r.remote.put("/d/empty", nil)
	r.remote.put("/d/grew", []byte("not empty after all"))
	r.local.dirs["/home"] = true
	for _, name := range []string{"empty", "grew"} {
		j := r.download("/d/"+name, "/home/"+name)
		j.ModTime = at // as a tree's listing gives it, with size 0
		if js := r.wait(r.q.Add(j), Done, Failed); js.State != Done {
			t.Fatalf("%s: %v (%v)", name, js.State, js.Err)
		}
	}
	opens := r.remote.openLog()
	if slices.Contains(opens, "/d/empty@0") {
		t.Errorf("the empty file was fetched: opens %v", opens)
	}
	if !slices.Contains(opens, "/d/grew@0") {
		t.Errorf("the file planned as empty that is not was not fetched: opens %v", opens)
	}
	mustFile(t, r.local, "/home/empty", []byte{})
	mustAbsent(t, r.local, "/home/empty.part")
	mustFile(t, r.local, "/home/grew", []byte("not empty after all"))
	r.local.mu.Lock()
	defer r.local.mu.Unlock()
	if got := r.local.times["/home/empty"]; !got.Equal(at) {
		t.Errorf("local empty file's time %v, want %v", got, at)
	}
}
