package transfer

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

// BenchmarkDownload256MiB downloads one 256 MiB file from the embedded
// server (in this process: its allocations count too), verified by the
// server's SHA-256, on one stream and in four segments. peak-heap-MiB is
// the largest heap seen while it ran: it must not grow with the file.
//
//	go test -run '^$' -bench Download256 -benchtime 2x ./transfer/
func BenchmarkDownload256MiB(b *testing.B) {
	s := embeddedSite(b)
	src := path.Join(s.dir, "big.bin")
	block := randBytes(b, 1<<20)
	f, err := os.Create(s.disk(src))
	if err != nil {
		b.Fatal(err)
	}
	for range 256 {
		f.Write(block)
	}
	f.Close()
	for _, bc := range []struct {
		name     string
		segments int
	}{{"single", 1}, {"segmented", 4}} {
		b.Run(bc.name, func(b *testing.B) {
			q := realQueue(b, Options{Segments: bc.segments, SegmentThreshold: 64 << 20})
			dst := filepath.Join(b.TempDir(), "big.bin")
			peak := sampleHeap(b)
			b.SetBytes(256 << 20)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				os.Remove(dst)
				id := q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: src, DstPath: dst})
				if js := waitState(b, q, id, Done, Failed); js.State != Done {
					b.Fatal(js.Err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
		})
	}
}

// sampleHeap records the largest heap in use until the returned function
// is called, which reports it.
func sampleHeap(b *testing.B) func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// BenchmarkEvent is what one job's turn costs the queue with n jobs in
// it, all but two finished (as at the end of a large copy): a worker
// takes the job (Started), it reports progress, it ends (Done) and is
// queued again (Queued): four events, each journaled and delivered to a
// reader. ns/event must not grow with n.
//
//	go test -run '^$' -bench Event -benchtime 20000x ./transfer/
func BenchmarkEvent(b *testing.B) {
	for _, n := range []int{100, 1000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			q, last := benchQueue(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				q.mu.Lock()
				j := q.nextLocked()
				if j == nil {
					b.Fatal("nothing to take")
				}
				q.setLocked(j, Active, EventStarted)
				q.mu.Unlock()
				q.progress(j, int64(i))
				q.mu.Lock()
				q.setLocked(j, Done, EventDone)
				q.setLocked(j, Queued, EventQueued)
				q.mu.Unlock()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(4*b.N), "ns/event")
			if js, _ := q.Get(last); js.State != Queued {
				b.Errorf("the cycled job ended %v", js.State)
			}
		})
	}
}

// benchQueue is a journaled queue of n local copies with a reader on its
// events: the first is stuck in its worker, the last is queued, the rest
// are done.
func benchQueue(b *testing.B, n int) (*Queue, ID) {
	q, err := New(Options{Workers: 1, JournalPath: filepath.Join(b.TempDir(), "q.jsonl"), Clock: &tickClock{},
		Local: blockedFS{}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { q.Close() })
	go func() {
		for range q.Events() {
		}
	}()
	var last ID
	for i := range n {
		last = q.Add(Job{SrcPath: fmt.Sprintf("/src/d%d/f%d", i/100, i), DstPath: fmt.Sprintf("/dst/f%d", i)})
	}
	q.mu.Lock()
	for q.byID[1].st.State != Active {
		q.cond.Wait() // the worker has taken job 1
	}
	for j := q.byID[2]; j != nil && j.st.ID != last; j = j.next {
		q.setLocked(j, Done, EventDone)
	}
	snap := q.journalSnapshotLocked()
	q.mu.Unlock()
	// Start measuring on a compacted journal: the setup's lines would
	// make the first compaction fall in the measured loop.
	if err := q.jr.compact(snap); err != nil {
		b.Fatal(err)
	}
	return q, last
}

// tickClock moves 200 ms at every reading, so that every progress report
// is an event. It is only read under the queue's lock.
type tickClock struct{ now time.Time }

func (c *tickClock) Now() time.Time                         { c.now = c.now.Add(200 * time.Millisecond); return c.now }
func (c *tickClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// blockedFS is a local disk on which every call waits for the job's end.
type blockedFS struct{ session.FS }

func (blockedFS) Stat(ctx context.Context, _ string) (session.Entry, error) {
	<-ctx.Done()
	return session.Entry{}, ctx.Err()
}
