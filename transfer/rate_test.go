package transfer

import (
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// stepClock is a clock on which waiting is time passing: After moves Now
// on by the wait and fires at once, so a limiter's pacing shows as
// simulated seconds, without sleeping.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func (c *stepClock) elapsed(since time.Time) time.Duration { return c.Now().Sub(since) }

// TestBucketPaces: bytes taken in read-sized pieces take, on the clock,
// what the limit says (the first burst is free), also for pieces larger
// than the burst.
func TestBucketPaces(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bps    int64
		total  int
		pieces int
	}{{"100K a second in 4 KiB reads", 100_000, 1_000_000, 4096},
		{"1M a second in reads over the burst", 1 << 20, 8 << 20, 1 << 20},
		{"300 bytes a second", 300, 3000, 512}} {
		t.Run(tc.name, func(t *testing.T) {
			clk := &stepClock{now: time.Unix(1e9, 0)}
			var b bucket
			b.set(tc.bps)
			start := clk.Now()
			for left := tc.total; left > 0; left -= tc.pieces {
				if err := b.wait(context.Background(), clk, min(left, tc.pieces)); err != nil {
					t.Fatal(err)
				}
			}
			want := time.Duration(float64(tc.total-burstFor(tc.bps)) / float64(tc.bps) * float64(time.Second))
			if got := clk.elapsed(start); got < want*99/100 || got > want*101/100 {
				t.Errorf("%d bytes at %d/s took %v, want %v (±1%%)", tc.total, tc.bps, got, want)
			}
		})
	}
}

// TestBurst: reads are paced in pieces of a tenth of a second's bytes,
// within bounds that keep them useful.
func TestBurst(t *testing.T) {
	for bps, want := range map[int64]int{100: 100, 5000: 1024, 1 << 20: 104857, 100 << 20: maxBurst} {
		if got := burstFor(bps); got != want {
			t.Errorf("burstFor(%d) = %d, want %d", bps, got, want)
		}
	}
}

// TestJobAndOverallLimits: a stream keeps within the smaller of its
// job's limit (or its folder job's) and the queue's overall one.
func TestJobAndOverallLimits(t *testing.T) {
	clk := &stepClock{now: time.Unix(1e9, 0)}
	q := &Queue{opts: Options{Clock: clk}}
	folder := &job{}
	child := &job{parent: folder}
	q.rate.set(200_000)
	lim := q.limiter(context.Background(), child)
	measure := func() time.Duration {
		start := clk.Now()
		for range 250 { // 1,000,000 bytes
			r := &limitedReader{r: strings.NewReader(strings.Repeat("x", 64<<10)), l: lim}
			want := 4000
			if c := lim.chunk(); c > 0 {
				want = min(want, c)
			}
			if n, _ := r.Read(make([]byte, 4000)); n != want {
				t.Fatalf("read %d bytes, want %d", n, want)
			}
		}
		return clk.elapsed(start)
	}
	_ = measure() // empties the overall bucket's first burst
	if got := measure(); got < 4900*time.Millisecond || got > 5100*time.Millisecond {
		t.Errorf("1,000,000 bytes under the overall 200,000/s took %v, want 5s", got)
	}
	q.setLimitLocked(folder, 50_000) // the folder's limit is its files'
	if got := measure(); got < 19*time.Second || got > 21*time.Second {
		t.Errorf("1,000,000 bytes under the folder's 50,000/s took %v, want 20s", got)
	}
	q.setLimitLocked(child, 400_000) // its own; the overall one is smaller
	if got := measure(); got < 4900*time.Millisecond || got > 5100*time.Millisecond {
		t.Errorf("1,000,000 bytes under 400,000/s and the overall 200,000/s took %v, want 5s", got)
	}
	q.setLimitLocked(child, 0)
	q.setLimitLocked(folder, 0)
	q.rate.set(0)
	if got := measure(); got != 0 {
		t.Errorf("with no limit, reading waited %v", got)
	}
	if q.jobLimits.Load() != 0 {
		t.Errorf("%d jobs counted with a limit, want 0", q.jobLimits.Load())
	}
}

// TestKernelCopyHeld: a kernel copy (splice, sendfile) started with no
// limit reports what each call moved; once a limit is set, each report
// waits until the limit has room for those bytes, so the average holds.
func TestKernelCopyHeld(t *testing.T) {
	clk := &stepClock{now: time.Unix(1e9, 0)}
	q := &Queue{opts: Options{Clock: clk}}
	var reported int64
	report := q.limiter(context.Background(), &job{}).kernelProgress(func(n int64) { reported = n })
	start := clk.Now()
	report(4 << 20) // no limit: no wait
	if got := clk.elapsed(start); got != 0 || reported != 4<<20 {
		t.Fatalf("unlimited: waited %v, reported %d", got, reported)
	}
	q.SetRate(1 << 20)
	for n := int64(5); n <= 8; n++ {
		report(n << 20) // a call moved 1 MiB
	}
	want := time.Duration(float64(4<<20-burstFor(1<<20)) / (1 << 20) * float64(time.Second))
	if got := clk.elapsed(start); got < want*99/100 || got > want*101/100 {
		t.Errorf("4 MiB reported under 1 MiB/s held the copy %v, want %v", got, want)
	}
}

// TestWaitEnds: a stream waiting on a limit returns at once when its
// job is paused (ctx ends) or the limit is lifted, not when the wait
// would have ended.
func TestWaitEnds(t *testing.T) {
	var b bucket
	b.set(1) // a byte a second: the second byte waits a second, the 1000th 17 minutes
	errPause := errors.New("paused by the test")
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.wait(ctx, realClock{}, 1000) }()
	cancel(errPause)
	select {
	case err := <-done:
		if !errors.Is(err, errPause) {
			t.Errorf("wait ended with %v, want the cause of the pause", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a paused stream still waits for its tokens")
	}

	go func() { done <- b.wait(context.Background(), realClock{}, 1000) }()
	b.set(0)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("wait after the limit was lifted: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a stream still waits on a limit that was lifted")
	}
}

// TestRateWhileRunning: a job held by a tiny limit finishes once the
// limit is lifted, overall or its own; a paused one stops at once; the
// job's limit is journaled and shown by its event.
func TestRateWhileRunning(t *testing.T) {
	r := newRig(t, Options{Clock: realClock{}})
	data := randBytes(t, 256<<10)
	r.remote.put("/a.bin", data)
	r.remote.put("/b.bin", data)
	r.q.SetRate(2 << 10) // 2 KiB a second: 2 minutes for the file
	a := r.q.Add(r.download("/a.bin", "/a.bin"))
	waitMoving(t, r.q, a)
	r.q.SetRate(0)
	r.wait(a, Done)
	mustFile(t, r.local, "/a.bin", data)

	j := r.download("/b.bin", "/b.bin")
	j.Limit = 1 << 10
	b := r.q.Add(j)
	waitMoving(t, r.q, b)
	r.q.Pause(b)
	r.wait(b, Paused)
	if js, _ := r.q.Get(b); js.Done >= int64(len(data)) || js.Limit != 1<<10 {
		t.Fatalf("paused job: %d bytes done, limit %d", js.Done, js.Limit)
	}
	if !r.q.SetJobRate(b, 0) {
		t.Fatal("SetJobRate: job not found")
	}
	waitEvent(t, r.events, b, EventChanged)
	r.q.Resume(b)
	r.wait(b, Done)
	mustFile(t, r.local, "/b.bin", data)
	if r.q.SetJobRate(9999, 1) {
		t.Error("SetJobRate of a job that is not there reported it found")
	}
}

// waitEvent waits until the recorder has an event of that kind for id.
func waitEvent(t *testing.T, rec *recorder, id ID, k EventKind) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, e := range rec.of(id) {
			if e.Kind == k {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %v: no %v event in %v", id, k, kinds(rec.of(id)))
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

// waitMoving waits until a job has moved some bytes.
func waitMoving(t *testing.T, q *Queue, id ID) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if js, _ := q.Get(id); js.Done > 0 && js.State == Active {
			return
		}
		if time.Now().After(deadline) {
			js, _ := q.Get(id)
			t.Fatalf("job %v never moved: %v, %d bytes", id, js.State, js.Done)
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

// TestJobLimitJournaled: a job's own limit comes back after a restart.
func TestJobLimitJournaled(t *testing.T) {
	jpath := filepath.Join(t.TempDir(), "q.jsonl")
	remote, local := newStore(), newStore()
	remote.put("/a.bin", []byte("data"))
	r := newRigOn(t, Options{JournalPath: jpath}, remote, local)
	id := r.q.Add(r.download("/a.bin", "/a.bin"))
	r.wait(id, Done)
	r.q.SetJobRate(id, 300<<10)
	if err := r.q.Close(); err != nil {
		t.Fatal(err)
	}
	r2 := newRigOn(t, Options{JournalPath: jpath}, remote, local)
	js, ok := r2.q.Get(id)
	if !ok || js.Limit != 300<<10 {
		t.Fatalf("restored job: found %v, limit %d, want %d", ok, js.Limit, 300<<10)
	}
	if r2.q.jobLimits.Load() != 1 {
		t.Errorf("restored queue counts %d limited jobs, want 1", r2.q.jobLimits.Load())
	}
}

// TestRateHolds: through the embedded server, a 1 MiB/s limit holds
// within 10% for a download on one stream, a download in four segments
// (which share it) and an upload, each of 3 MiB; the bytes arrive whole.
func TestRateHolds(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 9 s")
	}
	s := embeddedSite(t)
	data := randBytes(t, 3<<20)
	writeFile(t, s.disk(path.Join(s.dir, "src.bin")), data)
	const bps = 1 << 20
	// The first burst (a tenth of a second's bytes) is free.
	want := time.Duration(float64(len(data)-burstFor(bps)) / bps * float64(time.Second))
	for _, tc := range []struct {
		name     string
		segments int
		upload   bool
	}{{"download", 1, false}, {"segmented", 4, false}, {"upload", 1, true}} {
		t.Run(tc.name, func(t *testing.T) {
			q := realQueue(t, Options{Segments: tc.segments, SegmentThreshold: 1 << 20, Rate: bps})
			local := filepath.Join(t.TempDir(), "f.bin")
			j := Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: path.Join(s.dir, "src.bin"), DstPath: local}
			if tc.upload {
				writeFile(t, local, data)
				j = Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: local, DstPath: path.Join(s.dir, "up.bin")}
			}
			start := time.Now()
			if js := waitState(t, q, q.Add(j), Done, Failed); js.State != Done {
				t.Fatal(js.Err)
			}
			took := time.Since(start)
			if took < want*90/100 || took > want*110/100 {
				t.Errorf("3 MiB at 1 MiB/s took %v, want %v ±10%%", took, want)
			}
			if tc.upload {
				mustDisk(t, s.disk(path.Join(s.dir, "up.bin")), data)
			} else {
				mustDisk(t, local, data)
			}
		})
	}
}

// BenchmarkLimiterUnlimited is what the limiter costs a stream when no
// limit is set, per read of a copy buffer (256 KiB), from a reader that
// costs nothing itself: straight, and through the limiter of a job in a
// queue that has a job limit elsewhere (the slowest unlimited case: it
// looks for one up the job's folders). A loopback FTP read of 256 KiB
// takes tens of microseconds.
//
//	go test -run '^$' -bench LimiterUnlimited ./transfer/
func BenchmarkLimiterUnlimited(b *testing.B) {
	buf := make([]byte, 256<<10)
	q := &Queue{opts: Options{Clock: realClock{}}}
	j := &job{parent: &job{parent: &job{}}}
	q.jobLimits.Add(1)
	for _, bc := range []struct {
		name string
		r    io.Reader
	}{{"direct", freeReader{}}, {"limiter", q.limiter(context.Background(), j).reader(freeReader{})}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if n, _ := bc.r.Read(buf); n != len(buf) {
					b.Fatalf("read %d", n)
				}
			}
		})
	}
}

// freeReader "reads" without touching the buffer.
type freeReader struct{}

func (freeReader) Read(p []byte) (int, error) { return len(p), nil }

// splicer is a download the kernel would move in calls of 1 KiB, asking
// stop before each; Read gives what is left.
type splicer struct {
	data   []byte
	off    int
	calls  int
	before func(call int) // runs before each call
}

func (s *splicer) SpliceTo(f *os.File, progress func(int64), stop func() bool) (int64, bool, bool, error) {
	start := s.off
	for s.off < len(s.data) {
		s.calls++
		s.before(s.calls)
		if stop != nil && stop() {
			return int64(s.off - start), true, false, nil
		}
		end := min(s.off+1<<10, len(s.data))
		if _, err := f.Write(s.data[s.off:end]); err != nil {
			return int64(s.off - start), true, false, err
		}
		s.off = end
		progress(int64(s.off - start))
	}
	return int64(s.off - start), true, true, nil
}

func (s *splicer) Read(p []byte) (int, error) {
	if s.off == len(s.data) {
		return 0, io.EOF
	}
	n := copy(p, s.data[s.off:])
	s.off += n
	return n, nil
}

// TestLimitSetDuringSpliceGoesToReads: a limit set while a download is
// spliced ends the splice at the next call (which could move 4 MiB at
// full speed), and the rest is read in the limit's small bursts; every
// byte arrives once, in order.
func TestLimitSetDuringSpliceGoesToReads(t *testing.T) {
	q := realQueue(t, Options{Clock: &stepClock{now: time.Unix(0, 0)}})
	data := randBytes(t, 64<<10)
	s := &splicer{data: data, before: func(call int) {
		if call == 3 {
			q.SetRate(8 << 10) // 8 KiB/s, from the third call on
		}
	}}
	p := filepath.Join(t.TempDir(), "f")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j := &job{}
	n, err := q.copy(context.Background(), j, f, s, 0, "src", p)
	if err != nil || n != int64(len(data)) {
		t.Fatalf("copy: %d bytes, %v", n, err)
	}
	if s.calls != 3 {
		t.Errorf("%d splice calls, want 3 (two before the limit, one that stopped)", s.calls)
	}
	mustDisk(t, p, data)
	if j.st.Done != int64(len(data)) {
		t.Errorf("progress ends at %d, want %d (the spliced bytes count once)", j.st.Done, len(data))
	}
}
