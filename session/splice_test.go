package session_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/faultproxy"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

// spliceTarget serves an 8 MiB random file through a fault proxy and
// returns a session logged in through the proxy, with a 1 s timeout.
func spliceTarget(t *testing.T) (*session.Remote, *faultproxy.Proxy, [32]byte) {
	t.Helper()
	return spliceTargetTimeout(t, time.Second)
}

func spliceTargetTimeout(t *testing.T, timeout time.Duration) (*session.Remote, *faultproxy.Proxy, [32]byte) {
	t.Helper()
	root := t.TempDir()
	data := make([]byte, 8<<20)
	rand.Read(data)
	if err := os.WriteFile(filepath.Join(root, "big.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	px, err := faultproxy.Start(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { px.Close() })
	host, port, _ := net.SplitHostPort(px.Addr())
	p, _ := strconv.Atoi(port)
	r, err := session.Dial(context.Background(), session.Config{Host: host, Port: p, User: "u", Password: "pw", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, px, sha256.Sum256(data)
}

// spliceGet downloads big.bin into a new file with SpliceTo.
func spliceGet(ctx context.Context, t *testing.T, r *session.Remote, progress func(int64)) (string, int64, error) {
	t.Helper()
	return spliceGetFile(ctx, t, r, "big.bin", progress)
}

func spliceGetName(ctx context.Context, t *testing.T, r *session.Remote, name string) (string, int64, error) {
	t.Helper()
	return spliceGetFile(ctx, t, r, name, nil)
}

func spliceGetFile(ctx context.Context, t *testing.T, r *session.Remote, name string, progress func(int64)) (string, int64, error) {
	t.Helper()
	rd, err := r.Open(ctx, name, 0)
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(local)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, ok, done, err := rd.(session.Splicer).SpliceTo(f, progress, nil)
	if err == nil && !done {
		t.Fatal("a splice nobody stopped ended before the end of the data")
	}
	if !ok {
		t.Fatal("a plain TCP download to a file was not spliced")
	}
	return local, n, errors.Join(err, rd.Close())
}

func fileSum(t *testing.T, p string) [32]byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestSpliceDownload: the kernel-moved download has the server's bytes,
// reports progress, and tells a paused server from a stalled one.
func TestSpliceDownload(t *testing.T) {
	r, px, want := spliceTarget(t)
	ctx := context.Background()
	var last int64
	local, n, err := spliceGet(ctx, t, r, func(total int64) { last = total })
	if err != nil || n != 8<<20 || fileSum(t, local) != want {
		t.Fatalf("spliced download: %d bytes, %v; sha256 equal: %v", n, err, fileSum(t, local) == want)
	}
	if last != n {
		t.Errorf("last progress report %d, want %d", last, n)
	}

	// A slow link, where one splice call's 4 MiB take longer than the
	// 1 s timeout while bytes keep coming, is not a stall.
	px.ThrottleData(3 << 20)
	local, n, err = spliceGet(ctx, t, r, nil)
	px.ThrottleData(0)
	if err != nil || fileSum(t, local) != want {
		t.Fatalf("download at 3 MiB/s: %d bytes, %v (slow is not stalled)", n, err)
	}

	// No byte for the whole timeout is a stall, and the session goes on.
	_, release := px.StallDataAfter(1 << 20)
	defer release()
	_, _, err = spliceGet(ctx, t, r, nil)
	if !errors.Is(err, session.ErrStalled) {
		t.Fatalf("stalled download: %v, want ErrStalled", err)
	}
	release()
	if local, _, err = spliceGet(ctx, t, r, nil); err != nil || fileSum(t, local) != want {
		t.Fatalf("download after a stall: %v", err)
	}

	// Cancelling stops it; the session goes on.
	cctx, cancel := context.WithCancel(ctx)
	_, _, err = spliceGet(cctx, t, r, func(total int64) {
		if total > 0 {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("a cancelled download reported success")
	}
	if local, _, err = spliceGet(ctx, t, r, nil); err != nil || fileSum(t, local) != want {
		t.Fatalf("download after a cancelled one: %v", err)
	}
}

// sendPut uploads local as name with SendFile, from offset on.
func sendPut(ctx context.Context, t *testing.T, r *session.Remote, local, name string, offset int64) (int64, error) {
	t.Helper()
	f, err := os.Open(local)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, 0); err != nil {
		t.Fatal(err)
	}
	w, err := r.Create(ctx, name, offset)
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	n, err := w.(session.Sender).SendFile(f, func(total int64) {
		last = total
		if total > 0 && ctx.Value(cancelKey{}) != nil {
			ctx.Value(cancelKey{}).(context.CancelFunc)()
		}
	})
	if err == nil && last != n {
		t.Errorf("last progress report %d, want %d", last, n)
	}
	return n, errors.Join(err, w.Close())
}

type cancelKey struct{}

// TestSendFileUpload: an upload sent by the kernel lands whole, resumes
// at an offset, survives a slow link, fails on a stall or a cancel, and
// leaves the session usable.
func TestSendFileUpload(t *testing.T) {
	r, px, want := spliceTarget(t)
	ctx := context.Background()
	local, _, err := spliceGet(ctx, t, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string) {
		t.Helper()
		got, _, err := spliceGetName(ctx, t, r, name)
		if err != nil || fileSum(t, got) != want {
			t.Fatalf("%s on the server differs from the file sent (%v)", name, err)
		}
	}
	if n, err := sendPut(ctx, t, r, local, "up.bin", 0); err != nil || n != 8<<20 {
		t.Fatalf("SendFile: %d bytes, %v", n, err)
	}
	check("up.bin")

	// Resume: the first 3 MiB by a plain upload, the rest from there.
	data, _ := os.ReadFile(local)
	w, err := r.Create(ctx, "resumed.bin", 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data[:3<<20])
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := sendPut(ctx, t, r, local, "resumed.bin", 3<<20); err != nil {
		t.Fatal(err)
	}
	check("resumed.bin")

	px.ThrottleData(3 << 20)
	_, err = sendPut(ctx, t, r, local, "slow.bin", 0)
	px.ThrottleData(0)
	if err != nil {
		t.Fatalf("upload at 3 MiB/s: %v (slow is not stalled)", err)
	}
	check("slow.bin")

	_, release := px.StallDataAfter(1 << 20)
	_, err = sendPut(ctx, t, r, local, "stalled.bin", 0)
	release()
	if !errors.Is(err, session.ErrStalled) {
		t.Fatalf("stalled upload: %v, want ErrStalled", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	if _, err = sendPut(context.WithValue(cctx, cancelKey{}, cancel), t, r, local, "cancelled.bin", 0); err == nil {
		t.Fatal("a cancelled upload reported success")
	}
	if _, err := sendPut(ctx, t, r, local, "after.bin", 0); err != nil {
		t.Fatalf("upload after a stalled and a cancelled one: %v", err)
	}
	check("after.bin")
}

// TestSlowLinkProgress: on a slow link a spliced download still reports
// progress several times a second (hash marks, the queue's rate and ETA),
// not once per 4 MiB, even with the default 30 s timeout.
func TestSlowLinkProgress(t *testing.T) {
	r, px, want := spliceTargetTimeout(t, 30*time.Second)
	px.ThrottleData(4 << 20) // the 8 MiB take 2 s
	var reports []time.Time
	local, _, err := spliceGet(context.Background(), t, r, func(int64) { reports = append(reports, time.Now()) })
	if err != nil || fileSum(t, local) != want {
		t.Fatalf("download at 4 MiB/s: %v", err)
	}
	if len(reports) < 6 {
		t.Fatalf("%d progress reports in a 2 s download, want one at least every 250 ms or so", len(reports))
	}
}

// TestSpliceYieldsToRead: a download whose splice is told to stop after
// its first call (a bandwidth limit was set) returns what it moved, not
// done, and the rest comes through Read; the file is whole.
func TestSpliceYieldsToRead(t *testing.T) {
	r, _, want := spliceTarget(t)
	ctx := context.Background()
	rd, err := r.Open(ctx, "big.bin", 0)
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(local)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	calls := 0
	n, ok, done, err := rd.(session.Splicer).SpliceTo(f, nil, func() bool { calls++; return calls > 1 })
	if !ok || done || err != nil || n <= 0 || n >= 8<<20 {
		t.Fatalf("stopped splice: %d bytes, ok %v, done %v, %v", n, ok, done, err)
	}
	rest, err := io.Copy(f, rd)
	if err != nil || n+rest != 8<<20 {
		t.Fatalf("read after the splice: %d+%d bytes, %v", n, rest, err)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, local) != want {
		t.Fatal("the file spliced then read differs from the server's")
	}
}
