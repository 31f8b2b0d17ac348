package session_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
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
	r, err := session.Dial(context.Background(), session.Config{Host: host, Port: p, User: "u", Password: "pw", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, px, sha256.Sum256(data)
}

// spliceGet downloads big.bin into a new file with SpliceTo.
func spliceGet(ctx context.Context, t *testing.T, r *session.Remote, progress func(int64)) (string, int64, error) {
	t.Helper()
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
	n, ok, err := rd.(session.Splicer).SpliceTo(f, progress)
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
