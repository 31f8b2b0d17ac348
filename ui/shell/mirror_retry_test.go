package shell

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/ftpane/ftpane/session"
)

// TestMirrorRetriesItsOwnListing: a folder whose listing on the shell's
// own connection stalls (pyftpdlib 1.5.7 in active mode loses a data
// connection when parallel sessions reuse its file descriptors) is
// listed again, as the queue's listers and copies are, and the mirror
// completes. A refusal is still not retried (TestMirrorListingErrorInOneFolder).
func TestMirrorRetriesItsOwnListing(t *testing.T) {
	le := newListEnv(t)
	names := serverTree(t, le.root, 3)
	var stalled atomic.Int32
	le.hook = func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error) {
		if p == "/src/d01" && stalled.Add(1) == 1 {
			return session.Listing{}, fmt.Errorf("ls %s: %w: no bytes for 30s", p, session.ErrStalled)
		}
		return next()
	}
	out, err := le.mirrorDown(context.Background(), "--parallel 1 src")
	if err != nil {
		t.Fatalf("mirror after one stalled listing: %v\n%s", err, out)
	}
	if n := stalled.Load(); n != 2 {
		t.Errorf("the stalled folder was listed %d times, want 2", n)
	}
	mustContain(t, "mirror output", out, "Total: 7 directories, 9 files; 9 transferred")
	for _, rel := range names {
		if sum(t, filepath.Join(le.local, "src", rel)) != sum(t, filepath.Join(le.root, "src", rel)) {
			t.Errorf("%s differs from the server's", rel)
		}
	}
}
