package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/transfer"
)

// TestDemoSlowFile: the demo server sends slow/watch-me.bin at about
// 4 MB/s (3 to 5 MB/s over a 2-second window), and a download broken
// off there is resumed where it stopped (REST) into the server's exact
// bytes.
func TestDemoSlowFile(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 4 s")
	}
	const size = 12 << 20
	srv, user, pass, cleanup, err := startDemoSized(0, size)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	cfg, err := session.ParseURL("ftp://" + srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Password, cfg.Timeout = user, pass, 10*time.Second
	got := readFor(t, cfg, "/"+ftpd.DemoSlowFile, 2*time.Second)

	want := filepath.Join(t.TempDir(), "expected")
	if err := ftpd.PrepareDemoSlow(want, size); err != nil { // the same bytes: a fixed seed
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "watch-me.bin")
	if err := os.WriteFile(local+".part", got, 0o644); err != nil {
		t.Fatal(err)
	}
	q, err := transfer.New(transfer.Options{NoJournal: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	lowest := make(chan int64, 1)
	go func() { // the bytes the job reported at its start: the .part's
		low := int64(-1)
		for ev := range q.Events() {
			if ev.Kind == transfer.EventProgress && (low < 0 || ev.Done < low) {
				low = ev.Done
			}
		}
		lowest <- low
	}()
	id := q.Add(transfer.Job{Src: transfer.RemoteEndpoint(cfg), Dst: transfer.LocalEndpoint(),
		SrcPath: "/" + ftpd.DemoSlowFile, DstPath: local})
	if js := waitJob(t, q, id); js.State != transfer.Done {
		t.Fatalf("resumed download: %v %v", js.State, js.Err)
	}
	if fileSum(t, local) != fileSum(t, filepath.Join(want, filepath.FromSlash(ftpd.DemoSlowFile))) {
		t.Fatal("the resumed download's sha256 differs from the server's file")
	}
	q.Close()
	if low := <-lowest; low < int64(len(got)) {
		t.Errorf("the download restarted from byte %d, not from the %d bytes it had", low, len(got))
	}
}

// readFor downloads p for about d and returns the bytes; it fails the
// test unless they came at 3 to 5 MB/s.
func readFor(t *testing.T, cfg session.Config, p string, d time.Duration) []byte {
	t.Helper()
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rd, err := r.Open(ctx, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	buf := make([]byte, 64<<10)
	start := time.Now()
	for time.Since(start) < d {
		n, err := rd.Read(buf)
		got = append(got, buf[:n]...)
		if errors.Is(err, io.EOF) {
			t.Fatalf("the whole file came within %v", time.Since(start))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	rate := float64(len(got)) / time.Since(start).Seconds()
	rd.Close()
	t.Logf("%s: %d bytes at %.2f MB/s", p, len(got), rate/1e6)
	if rate < 3e6 || rate > 5e6 {
		t.Errorf("the demo sent %s at %.2f MB/s, want 3 to 5", p, rate/1e6)
	}
	return got
}

func waitJob(t *testing.T, q *transfer.Queue, id transfer.ID) transfer.JobState {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		js, _ := q.Get(id)
		if js.State.Final() {
			return js
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %v after 20 s", js.State)
		}
		time.Sleep(5 * time.Millisecond) // polling with a deadline
	}
}

func fileSum(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
