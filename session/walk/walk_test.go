package walk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/session/walk"
)

// collected is a whole walk read to its end.
type collected struct {
	rels    []string
	errs    []walk.FolderError
	notes   []string
	folders int
	done    bool
	batches int
}

func (c collected) has(rel string) bool { return slices.Contains(c.rels, rel) }

func drain(t *testing.T, w *walk.Walk) collected {
	t.Helper()
	var c collected
	timeout := time.After(30 * time.Second)
	for {
		select {
		case b, ok := <-w.C():
			if !ok {
				slices.Sort(c.rels)
				return c
			}
			c.batches++
			for _, r := range b.Found {
				c.rels = append(c.rels, r.Rel)
			}
			c.errs = append(c.errs, b.Errors...)
			c.notes = append(c.notes, b.Notes...)
			c.folders, c.done = b.Folders, c.done || b.Done
		case <-timeout:
			w.Cancel()
			t.Fatal("the walk never ended")
		}
	}
}

// localTree builds a tree with a loop, old and new files, a big one, and
// mixed case names.
func localTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write := func(rel string, size int, age time.Duration) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		os.Chtimes(p, when, when)
	}
	write("readme.txt", 10, time.Hour)
	write("docs/guide.TXT", 20, 2*24*time.Hour)
	write("docs/api/v1/endpoints.md", 30, 3*24*time.Hour)
	write("docs/api/v2/notes.txt", 40, 60*24*time.Hour)
	write("data/big.bin", 2_000_000, time.Hour)
	write("data/small.bin", 5, time.Hour)
	os.MkdirAll(filepath.Join(root, "empty"), 0o755)
	// Links back up: a walk that followed them would never end.
	if err := os.Symlink("..", filepath.Join(root, "docs", "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(root, "self")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestLocalFilters(t *testing.T) {
	root := localTree(t)
	age := func(s string) []walk.AgeCond {
		c, err := walk.ParseAge(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	size := func(s string) []walk.SizeCond {
		c, err := walk.ParseSize(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name string
		f    walk.Filter
		max  int
		want []string
	}{
		{"pattern, case matters", walk.Filter{Pattern: "*.txt"}, 0, []string{"docs/api/v2/notes.txt", "readme.txt"}},
		{"pattern, case ignored", walk.Filter{Pattern: "*.TXT", Fold: true}, 0,
			[]string{"docs/api/v2/notes.txt", "docs/guide.TXT", "readme.txt"}},
		{"pattern on the path", walk.Filter{Pattern: "docs/api/*/*"}, 0,
			[]string{"docs/api/v1/endpoints.md", "docs/api/v2/notes.txt"}},
		{"folders", walk.Filter{Type: walk.Folders}, 0,
			[]string{"data", "docs", "docs/api", "docs/api/v1", "docs/api/v2", "empty"}},
		{"bigger than 1M", walk.Filter{Size: size(">1M")}, 0, []string{"data/big.bin"}},
		{"between", walk.Filter{Size: size(">5 <35")}, 0,
			[]string{"docs/api/v1/endpoints.md", "docs/guide.TXT", "readme.txt"}},
		{"within a day, not folders", walk.Filter{Type: walk.Files, Age: age("-1d")}, 0,
			[]string{"data/big.bin", "data/small.bin", "docs/up", "readme.txt", "self"}},
		{"older than 30 days", walk.Filter{Age: age("+30d")}, 0, []string{"docs/api/v2/notes.txt"}},
		{"depth 1", walk.Filter{}, 1, []string{"data", "docs", "empty", "readme.txt", "self"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := drain(t, walk.Start(context.Background(), session.Local{}, root,
				walk.Options{Filter: c.f, MaxDepth: c.max, Workers: 3}))
			if !slices.Equal(got.rels, c.want) {
				t.Errorf("found %q, want %q", got.rels, c.want)
			}
			if !got.done || len(got.errs) > 0 {
				t.Errorf("done %v, errors %v", got.done, got.errs)
			}
		})
	}
}

// TestLocalLinksAreNotFollowed: links are results, never entered, so the
// loops end the walk at once.
func TestLocalLinksAreNotFollowed(t *testing.T) {
	root := localTree(t)
	got := drain(t, walk.Start(context.Background(), session.Local{}, root, walk.Options{Workers: 4}))
	if !got.has("self") || !got.has("docs/up") {
		t.Errorf("the links themselves should be found: %q", got.rels)
	}
	for _, r := range got.rels {
		if strings.HasPrefix(r, "self/") || strings.HasPrefix(r, "docs/up/") {
			t.Errorf("followed a link: %s", r)
		}
	}
	if got.folders != 7 { // root, data, docs, docs/api, v1, v2, empty
		t.Errorf("listed %d folders, want 7", got.folders)
	}
}

func TestLocalFolderErrorsDoNotStopTheWalk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any folder")
	}
	root := localTree(t)
	locked := filepath.Join(root, "docs", "api")
	os.Chmod(locked, 0)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got := drain(t, walk.Start(context.Background(), session.Local{}, root, walk.Options{Filter: walk.Filter{Pattern: "*.txt", Fold: true}}))
	if len(got.errs) != 1 || got.errs[0].Dir != locked || !errors.Is(got.errs[0], os.ErrPermission) {
		t.Fatalf("errors %v, want one for %s (permission denied)", got.errs, locked)
	}
	if want := []string{"docs/guide.TXT", "readme.txt"}; !slices.Equal(got.rels, want) || !got.done {
		t.Errorf("found %q, want %q and the end", got.rels, want)
	}
}

func TestStartOnAFileSaysSo(t *testing.T) {
	root := localTree(t)
	got := drain(t, walk.Start(context.Background(), session.Local{}, filepath.Join(root, "readme.txt"), walk.Options{}))
	if len(got.errs) != 1 || !strings.Contains(got.errs[0].Error(), "readme.txt: not a folder") {
		t.Errorf("errors %v", got.errs)
	}
}

func TestBadFilters(t *testing.T) {
	for _, s := range []string{">", "1X", ">-3", "<<2", "big"} {
		if _, err := walk.ParseSize(s); err == nil || !strings.Contains(err.Error(), "want >N, <N or N") {
			t.Errorf("ParseSize(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"7d", "-", "+x", "-7y", "-3.5d"} {
		if _, err := walk.ParseAge(s); err == nil || !strings.Contains(err.Error(), "want -N (within N days)") {
			t.Errorf("ParseAge(%q) = %v", s, err)
		}
	}
	if err := (walk.Filter{Pattern: "[a-"}).Check(); err == nil || !strings.Contains(err.Error(), `pattern "[a-"`) {
		t.Errorf("Check = %v", err)
	}
	if c, err := walk.ParseSize("10K 0 <1MiB"); err != nil || len(c) != 3 || c[0] != (walk.SizeCond{Op: '=', N: 10_000}) ||
		c[2] != (walk.SizeCond{Op: '<', N: 1 << 20}) {
		t.Errorf("ParseSize = %v, %v", c, err)
	}
}

// serve starts the embedded server over dir and dials it.
func serve(t *testing.T, dir string) (session.Config, *session.Remote) {
	t.Helper()
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: "127.0.0.1:0", User: "walk", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cfg, err := session.ParseURL("ftp://walk:pw@" + srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	r, err := session.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return cfg, r
}

// TestRemoteWalk searches the embedded server, which shows a link to a
// folder inside the tree as a folder: the loops it makes are caught by
// their listings, and the walk ends.
func TestRemoteWalk(t *testing.T) {
	root := localTree(t)
	cfg, r := serve(t, root)
	var dials atomic.Int32
	dial := func(ctx context.Context) (session.FS, error) {
		dials.Add(1)
		return session.DialFS(ctx, cfg)
	}
	for _, o := range []walk.Options{{}, {Dial: dial, Conns: 3}} {
		o.Filter = walk.Filter{Pattern: "*.txt", Fold: true}
		got := drain(t, walk.Start(context.Background(), r, "/", o))
		if want := []string{"docs/api/v2/notes.txt", "docs/guide.TXT", "readme.txt"}; !slices.Equal(got.rels, want) {
			t.Errorf("dial %v: found %q, want %q", o.Dial != nil, got.rels, want)
		}
		var loops []string
		for _, e := range got.errs {
			if !errors.Is(e, walk.ErrLoop) {
				t.Errorf("dial %v: unexpected error %v", o.Dial != nil, e)
			}
			loops = append(loops, e.Dir)
		}
		slices.Sort(loops)
		if want := []string{"/docs/up", "/self"}; !slices.Equal(loops, want) {
			t.Errorf("dial %v: loops reported %q, want %q", o.Dial != nil, loops, want)
		}
	}
	if dials.Load() != 3 {
		t.Errorf("dialled %d connections, want 3", dials.Load())
	}
	// The pane's connection is still in its folder and usable.
	if _, err := r.List(context.Background(), "/data"); err != nil {
		t.Errorf("the shared connection: %v", err)
	}
}

// TestDialFailureFallsBack: when no connection of its own can be had,
// the walk runs on the one it was given and says so.
func TestDialFailureFallsBack(t *testing.T) {
	root := localTree(t)
	_, r := serve(t, root)
	refused := errors.New("421 too many connections")
	dial := func(context.Context) (session.FS, error) { return nil, refused }
	got := drain(t, walk.Start(context.Background(), r, "/docs", walk.Options{Dial: dial, Conns: 2,
		Filter: walk.Filter{Pattern: "*.md"}}))
	if !slices.Equal(got.rels, []string{"api/v1/endpoints.md"}) {
		t.Errorf("found %q", got.rels)
	}
	if len(got.notes) != 1 || !strings.Contains(got.notes[0], "421 too many connections") {
		t.Errorf("notes %q", got.notes)
	}
}

// slowFS lists every folder as a hundred subfolders, each listing held
// until the test lets it go or the walk's context ends.
type slowFS struct {
	session.Local
	release chan struct{}
	started chan string
}

func (s slowFS) Stat(context.Context, string) (session.Entry, error) {
	return session.Entry{Kind: session.KindDir}, nil
}

func (s slowFS) List(ctx context.Context, dir string) (session.Listing, error) {
	select {
	case s.started <- dir:
	default:
	}
	select {
	case <-s.release:
	case <-ctx.Done():
		return session.Listing{}, ctx.Err()
	}
	l := session.Listing{Dir: dir}
	for i := range 100 {
		l.Entries = append(l.Entries, session.Entry{Name: "d" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Kind: session.KindDir})
	}
	return l, nil
}

func (s slowFS) Join(elem ...string) string { return strings.Join(elem, "/") }
func (s slowFS) Close() error               { return nil }

// TestCancelEndsEveryGoroutine cancels an endless walk, on connections
// of its own and on a shared one, and checks that nothing is left
// running: not the workers, not the collector, not a blocked send.
func TestCancelEndsEveryGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, own := range []bool{false, true} {
		fs := slowFS{release: make(chan struct{}), started: make(chan string, 1)}
		o := walk.Options{Workers: 3}
		var closed atomic.Int32
		if own {
			o = walk.Options{Conns: 3, Dial: func(context.Context) (session.FS, error) {
				return closer{fs, &closed}, nil
			}}
		}
		w := walk.Start(context.Background(), fs, "/", o)
		<-fs.started
		// Let a few listings through, then leave the reader behind.
		for range 5 {
			fs.release <- struct{}{}
		}
		<-w.C()
		w.Cancel()
		close(fs.release) // a shared listing under way finishes
		done := make(chan struct{})
		go func() { w.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("own %v: the walk did not end after Cancel", own)
		}
		for range w.C() { // closed, with nothing left in it but what was pending
		}
		if own && closed.Load() != 3 {
			t.Errorf("closed %d of the walk's 3 connections", closed.Load())
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left (had %d):\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not synchronisation
	}
}

type closer struct {
	slowFS
	n *atomic.Int32
}

func (c closer) Close() error { c.n.Add(1); return nil }

// countingFS tells when each listing is over.
type countingFS struct {
	session.Local
	listed chan string
}

func (c countingFS) List(ctx context.Context, dir string) (session.Listing, error) {
	l, err := c.Local.List(ctx, dir)
	c.listed <- dir
	return l, err
}

// TestBatchesGrowWhileTheReaderIsAway: results found while nobody reads
// wait in one batch; none is lost.
func TestBatchesGrowWhileTheReaderIsAway(t *testing.T) {
	root := t.TempDir()
	for i := range 50 {
		d := filepath.Join(root, "d"+string(rune('a'+i%26))+string(rune('a'+i/26)))
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "f.txt"), nil, 0o644)
	}
	fs := countingFS{listed: make(chan string, 51)}
	w := walk.Start(context.Background(), fs, root, walk.Options{Filter: walk.Filter{Pattern: "f.txt"}, Workers: 4})
	for range 51 { // every folder is listed before the first batch is read
		<-fs.listed
	}
	got := drain(t, w)
	if len(got.rels) != 50 || !got.done || got.folders != 51 {
		t.Fatalf("found %d in %d folders (done %v), want 50 in 51", len(got.rels), got.folders, got.done)
	}
	if got.batches > 3 {
		t.Errorf("%d batches for results that waited together, want at most 3", got.batches)
	}
}
