package transfer

import (
	"slices"
	"testing"
	"time"
)

// TestEmptySourceOpensNoDataConnection: a server's file that its listing
// and SIZE both say is empty is not fetched (no RETR, no data
// connection: lftp's mirror does the same), yet it gets the same .part,
// check, rename and time as any file. A file listed empty that SIZE says
// is not is fetched, and so is one no listing planned (classic get),
// whatever SIZE says: some servers report sizes modulo 4 GiB.
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
	unlisted := r.download("/d/empty", "/home/unlisted") // no listing: no time, size unknown
	if js := r.wait(r.q.Add(unlisted), Done, Failed); js.State != Done {
		t.Fatalf("unlisted: %v (%v)", js.State, js.Err)
	}
	opens := r.remote.openLog()
	if n := len(slices.DeleteFunc(slices.Clone(opens), func(s string) bool { return s != "/d/empty@0" })); n != 1 {
		t.Errorf("the empty file was opened %d times, want once (for the unlisted job): %v", n, opens)
	}
	if !slices.Contains(opens, "/d/grew@0") {
		t.Errorf("the file planned as empty that is not was not fetched: opens %v", opens)
	}
	mustFile(t, r.local, "/home/empty", []byte{})
	mustFile(t, r.local, "/home/unlisted", []byte{})
	mustAbsent(t, r.local, "/home/empty.part")
	mustFile(t, r.local, "/home/grew", []byte("not empty after all"))
	r.local.mu.Lock()
	defer r.local.mu.Unlock()
	if got := r.local.times["/home/empty"]; !got.Equal(at) {
		t.Errorf("local empty file's time %v, want %v", got, at)
	}
}
