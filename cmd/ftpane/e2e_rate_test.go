package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTUIRateLimit: `:rate 1M` in the built binary, then F5 of a 6 MiB
// file from the embedded server: measured over 5 s of the copy, the
// local .part grows at 1 MiB/s within 10%; the queue's total line shows
// the limit; the file arrives whole.
func TestTUIRateLimit(t *testing.T) {
	bin := buildFtpane(t)
	root, local := t.TempDir(), t.TempDir()
	want := writeRandom(t, filepath.Join(root, "six.bin"), 6<<20)
	srv := startServer(t, root)
	u := startTUI(t, bin, local, 120, 40, "ftp://e2e:s3cret@"+srv.Addr()+"/")
	u.waitFor("connected to e2e@"+srv.Addr(), "six.bin")
	u.keys(":", "text:rate 1M", "Enter")
	u.waitFor("Rate limit: 1.0 MiB/s (1M) for all transfers together", "done: rate 1M")
	u.keys("/", "text:six", "Enter", "F5")
	u.waitFor("To folder", "If it exists")
	u.keys("Enter")

	part := filepath.Join(local, "six.bin.part")
	t0, n0 := partGrows(t, part, 128<<10, time.Time{}) // past the first burst, which is free
	t1, n1 := partGrows(t, part, 0, t0.Add(5*time.Second))
	rate := float64(n1-n0) / t1.Sub(t0).Seconds()
	t.Logf("%d bytes in %v: %.0f bytes a second", n1-n0, t1.Sub(t0), rate)
	if rate < 0.9*(1<<20) || rate > 1.1*(1<<20) {
		t.Errorf("the .part grew at %.0f bytes a second over %v, want 1 MiB/s ±10%%", rate, t1.Sub(t0))
	}
	u.waitFor("limit 1.0 MiB/s", "six.bin")
	waitSha(t, filepath.Join(local, "six.bin"), want)
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")
}

// partGrows polls the size of a .part being written until it holds at
// least min bytes and the time is past until (zero: now), and returns
// when it saw that size. A .part that is gone (the copy finished) before
// then fails the test: the copy went faster than its limit.
func partGrows(t *testing.T, part string, min int64, until time.Time) (time.Time, int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	seen := false
	for {
		now := time.Now()
		st, err := os.Stat(part)
		switch {
		case err == nil:
			seen = true
			if st.Size() >= min && !now.Before(until) {
				return now, st.Size()
			}
		case seen:
			t.Fatalf("%s was gone (the copy finished) before %v", part, until)
		}
		if now.After(deadline) {
			t.Fatalf("%s never reached %d bytes: %v", part, min, err)
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not synchronisation
	}
}
