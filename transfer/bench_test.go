package transfer

import (
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
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
