package transfer

import (
	"strings"
	"testing"
	"time"
)

// settleRig is a rig whose server settles uploads (session.Settler), with
// a fresh upload of 50,000 bytes planned.
func settleRig(t *testing.T) (*rig, []byte, Job) {
	t.Helper()
	r := newRig(t, Options{})
	r.remote.settles = true
	data := randBytes(t, 50_000)
	r.local.put("/home/s.bin", data)
	when := time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	r.local.times["/home/s.bin"] = when
	r.remote.dirs["/up"] = true
	j := r.upload("/home/s.bin", "/up/s.bin")
	j.Fresh, j.ModTime = true, when
	return r, data, j
}

// A fresh upload is verified and put in place by one Settle: the right
// bytes under the final name, the source's time, no .part.
func TestFreshUploadSettles(t *testing.T) {
	r, data, j := settleRig(t)
	if js := r.wait(r.q.Add(j), Done, Failed); js.State != Done {
		t.Fatalf("upload: %v %v", js.State, js.Err)
	}
	mustFile(t, r.remote, "/up/s.bin", data)
	mustAbsent(t, r.remote, "/up/s.bin.part")
	if got := r.remote.times["/up/s.bin"]; !got.Equal(j.ModTime) {
		t.Errorf("time %v, want the source's %v", got, j.ModTime)
	}
	if n := r.remote.settled.Load(); n != 1 {
		t.Errorf("settled %d times, want 1", n)
	}
}

// A size the server reports wrong is a mismatch: the copy starts over
// once, and when it is wrong again the job fails in words, with nothing
// under the final name.
func TestSettleMismatchRestartsOnceThenFails(t *testing.T) {
	for _, lies := range []int32{1, 5} {
		r, data, j := settleRig(t)
		r.remote.sizeLie.Store(lies)
		js := r.wait(r.q.Add(j), Done, Failed)
		if lies == 1 {
			if js.State != Done {
				t.Fatalf("one wrong size: %v %v, want done after the restart", js.State, js.Err)
			}
			mustFile(t, r.remote, "/up/s.bin", data)
			continue
		}
		if js.State != Failed || !strings.Contains(js.Err.Error(), "verification failed") ||
			!strings.Contains(js.Err.Error(), "the copy has 50001 bytes, the source 50000") {
			t.Fatalf("size always wrong: %v %v, want failed with words", js.State, js.Err)
		}
		mustAbsent(t, r.remote, "/up/s.bin")
	}
}

// Where Settle does not fit, the steps go one by one: a server that
// hashes (its checksum comes before the rename), and a server that
// refuses the settling rename (the usual rename reports or recovers).
// Over a target that was there, Settle renames without the time, which
// follows on its own. Every way ends with the bytes and the source's
// time under the final name, and no .part.
func TestSettleOnlyWhereItFits(t *testing.T) {
	for _, c := range []struct {
		name    string
		setup   func(r *rig, j *Job)
		settled int32
	}{
		{"over a file, RNTO replaces", func(r *rig, j *Job) {
			j.Fresh, r.remote.replaces = false, true
			r.remote.put("/up/s.bin", []byte("old"))
		}, 1},
		{"over a file, RNTO refuses", func(r *rig, j *Job) {
			j.Fresh = false
			r.remote.put("/up/s.bin", []byte("old"))
		}, 1},
		{"server hashes", func(r *rig, j *Job) { r.remote.sums = true }, 0},
		{"rename refused", func(r *rig, j *Job) { r.remote.noRNTO = true }, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, data, j := settleRig(t)
			c.setup(r, &j)
			if js := r.wait(r.q.Add(j), Done, Failed); js.State != Done {
				t.Fatalf("upload: %v %v", js.State, js.Err)
			}
			mustFile(t, r.remote, "/up/s.bin", data)
			mustAbsent(t, r.remote, "/up/s.bin.part")
			if got := r.remote.times["/up/s.bin"]; !got.Equal(j.ModTime) {
				t.Errorf("time %v, want the source's %v", got, j.ModTime)
			}
			if n := r.remote.settled.Load(); n != c.settled {
				t.Errorf("settled %d times, want %d", n, c.settled)
			}
		})
	}
}
