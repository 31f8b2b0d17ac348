package shell

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/ftpane/ftpane/internal/bigdir"
	"github.com/ftpane/ftpane/internal/memcheck"
)

// bigName names entry i of a big folder: one in every 1,000 is zzz-*.
func bigName(i int) string {
	if i%1000 == 999 {
		return fmt.Sprintf("zzz-%07d.dat", i)
	}
	return fmt.Sprintf("file-%07d-with-a-longer-name.dat", i)
}

// bigGlob is a shell logged in to a bigdir server listing n names. held
// is set, at each listing's end, to the heap live above *base.
type bigGlob struct {
	sh         *Shell
	base, held uint64
}

func newBigGlob(tb testing.TB, n int) *bigGlob {
	tb.Helper()
	g := &bigGlob{}
	srv, err := bigdir.Start(bigdir.Options{N: n, Name: bigName,
		Hold: func() { g.held = max(memcheck.Settled(), g.base) - g.base }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	g.sh = New(Options{Out: &lockedBuffer{}, LocalDir: tb.TempDir(), NoNetrc: true, Batch: true})
	tb.Cleanup(func() { g.sh.Close() })
	host, port := srv.Addr()
	for _, line := range []string{"open " + host + " " + strconv.Itoa(port), "user " + bigdir.User + " " + bigdir.Pass} {
		if err := g.sh.Run(context.Background(), line); err != nil {
			tb.Fatalf("%s: %v", line, err)
		}
	}
	return g
}

// glob expands zzz* in the folder of n names, checks the matches and
// returns the heap held when the whole listing had arrived, and the peak.
func (g *bigGlob) glob(tb testing.TB, n int) (held, peak uint64) {
	var names []string
	var err error
	g.base = memcheck.Settled()
	peak = memcheck.Peak(func() { names, err = g.sh.remoteGlob(context.Background(), []string{"/big/zzz*"}, false) })
	if err != nil || len(names) != n/1000 {
		tb.Fatalf("%d matches, %v", len(names), err)
	}
	if names[0] != "/big/zzz-0000999.dat" || names[len(names)-1] != fmt.Sprintf("/big/zzz-%07d.dat", n-1) {
		tb.Fatalf("matches %s ... %s", names[0], names[len(names)-1])
	}
	return g.held, peak
}

// TestGlobKeepsOnlyMatches: expanding zzz* over 50,000 names holds the
// fifty matches, not the listing (about 15 MiB held whole). The heap is
// the process's, so goroutines other tests left winding down add noise
// (up to about 1 MiB was seen under load): the bound sits well above
// that and well below the listing.
func TestGlobKeepsOnlyMatches(t *testing.T) {
	const n = 50_000
	g := newBigGlob(t, n)
	if held, _ := g.glob(t, n); held > 3<<20 {
		t.Fatalf("%d KiB held once %d names were listed", held>>10, n)
	}
}

// BenchmarkGlobMillion: the heap held once 1,000,000 names were listed
// (1,000 of them match zzz*) and the peak while globbing.
func BenchmarkGlobMillion(b *testing.B) {
	const n = 1_000_000
	g := newBigGlob(b, n)
	var held, peak uint64
	for b.Loop() {
		held, peak = g.glob(b, n)
	}
	b.ReportMetric(float64(held)/(1<<20), "held-MiB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}
