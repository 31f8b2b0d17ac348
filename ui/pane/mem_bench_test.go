package pane

import (
	"context"
	"testing"

	"github.com/ftpane/ftpane/internal/bigdir"
	"github.com/ftpane/ftpane/internal/memcheck"
	"github.com/ftpane/ftpane/session"
)

// dialBig logs in to a bigdir server listing n names.
func dialBig(tb testing.TB, n int) *session.Remote {
	tb.Helper()
	srv, err := bigdir.Start(bigdir.Options{N: n})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	host, port := srv.Addr()
	r, err := session.Dial(context.Background(), session.Config{Host: host, Port: port, User: bigdir.User, Password: bigdir.Pass})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close() })
	return r
}

// loadFrom lists dir through the pane's own listing command, as a user's
// cd does, and applies the result.
func loadFrom(m Model, fsys session.FS, dir string) Model {
	m.SetFS(fsys)
	m.seq++
	m, _ = m.Update(listCmd(fsys, m.id, m.seq, dir, "", false, true, m.reading())())
	return m
}

// BenchmarkMillionEntries lists a folder of 1,000,000 entries from an FTP
// server into a pane and reports the heap the pane keeps for it, per
// entry (after a collection), and the peak while it loaded.
func BenchmarkMillionEntries(b *testing.B) {
	const n = 1_000_000
	r := dialBig(b, n)
	var live, peak uint64
	for b.Loop() {
		m := benchPane(b)
		base := memcheck.Live()
		peak = memcheck.Peak(func() { m = loadFrom(m, r, "/big") })
		live = memcheck.Live() - base
		if m.Total() != n {
			b.Fatalf("%d entries", m.Total())
		}
		_ = m.View()
	}
	b.ReportMetric(float64(live)/n, "B/entry")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}
