package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// hookRemote is a server connection with a hook around each listing.
type hookRemote struct {
	*session.Remote
	list func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error)
}

func (h hookRemote) List(ctx context.Context, p string) (session.Listing, error) {
	return h.list(ctx, p, func() (session.Listing, error) { return h.Remote.List(ctx, p) })
}

// listEnv is a shell whose every listing connection is hooked: the
// queue's (through its dial) and, in mirrorDown, the shell's own.
type listEnv struct {
	*env
	q     *transfer.Queue
	hook  func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error)
	dials atomic.Int32
	// lists and passive count the listings, and those on a connection
	// in passive mode; activeDials the queue's dials with active mode set.
	lists, passive, activeDials atomic.Int32
}

func newListEnv(t *testing.T) *listEnv {
	t.Helper()
	le := &listEnv{}
	le.hook = func(_ context.Context, _ string, next func() (session.Listing, error)) (session.Listing, error) {
		return next()
	}
	q, err := transfer.New(transfer.Options{NoJournal: true, NoEvents: true, Workers: 8, Segments: 1,
		Dial: func(ctx context.Context, cfg session.Config, opts ...session.DialOption) (session.FS, error) {
			r, err := session.Dial(ctx, cfg, opts...)
			if err != nil {
				return nil, err
			}
			le.dials.Add(1)
			if cfg.Active {
				le.activeDials.Add(1)
			}
			return le.hooked(r), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	le.q = q
	le.env = newEnv(t, func(o *Options) { o.Queue = q })
	return le
}

// hooked is r with its listings going through the hook.
func (le *listEnv) hooked(r *session.Remote) hookRemote {
	return hookRemote{Remote: r, list: func(ctx context.Context, p string,
		next func() (session.Listing, error)) (session.Listing, error) {
		le.lists.Add(1)
		if r.Passive() {
			le.passive.Add(1)
		}
		return le.hook(ctx, p, next)
	}}
}

// mirrorDown runs a mirror whose source listings, on the shell's
// connection too, go through the hook; its output is returned.
func (le *listEnv) mirrorDown(ctx context.Context, args string) (string, error) {
	le.t.Helper()
	o, err := parseMirror(strings.Fields(args), nil)
	if err != nil {
		le.t.Fatal(err)
	}
	m := &mirrorRun{s: le.sh, o: o, st: newTree(), dt: newTree()}
	m.roots()
	m.src = le.hooked(le.sh.Remote())
	err = m.exec(ctx)
	return le.out.take(), err
}

// overlap counts listings in progress; each waits until want of them
// run at once (or a deadline passes).
type overlap struct {
	want    int
	mu      sync.Mutex
	now, hi int
	once    sync.Once
	reached chan struct{}
}

func newOverlap(want int) *overlap { return &overlap{want: want, reached: make(chan struct{})} }

func (o *overlap) list(ctx context.Context, next func() (session.Listing, error)) (session.Listing, error) {
	o.mu.Lock()
	o.now++
	o.hi = max(o.hi, o.now)
	if o.now >= o.want {
		o.once.Do(func() { close(o.reached) })
	}
	o.mu.Unlock()
	defer func() {
		o.mu.Lock()
		o.now--
		o.mu.Unlock()
	}()
	select {
	case <-o.reached:
	case <-time.After(10 * time.Second):
		return session.Listing{}, fmt.Errorf("only %d listings ran at once, want %d", o.most(), o.want)
	case <-ctx.Done():
		return session.Listing{}, ctx.Err()
	}
	return next()
}

func (o *overlap) most() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.hi
}

// serverTree writes n folders of three files (and one subfolder each)
// under the server's src; it returns the relative names.
func serverTree(t *testing.T, root string, n int) []string {
	var names []string
	for d := range n {
		for _, f := range []string{"a.bin", "b.bin", "sub/c.bin"} {
			rel := fmt.Sprintf("d%02d/%s", d, f)
			writeFile(t, filepath.Join(root, "src", rel), rel+bigContent(3000+d))
			names = append(names, rel)
		}
	}
	return names
}

// TestMirrorListsFoldersAtOnce: mirror lists four folders at the same
// time (--parallel 4): the shell's connection and three of the queue's.
// Each listing waits until four run at once; a walk that lists one
// folder after another never gets there. The output still comes in the
// order of a one-connection walk, and every file arrives intact.
func TestMirrorListsFoldersAtOnce(t *testing.T) {
	le := newListEnv(t)
	names := serverTree(t, le.root, 8)
	ov := newOverlap(4)
	le.hook = func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error) {
		if p == "/src" {
			return next()
		}
		return ov.list(ctx, next)
	}
	out, err := le.mirrorDown(context.Background(), "--parallel 4 src")
	if err != nil {
		t.Fatalf("mirror: %v\n%s", err, out)
	}
	if ov.most() < 4 {
		t.Fatalf("at most %d listings at once, want 4", ov.most())
	}
	if n := le.dials.Load(); n < 3 {
		t.Errorf("the queue dialled %d connections, want at least 3 (listings on its connections)", n)
	}
	for _, rel := range names {
		if got, want := sum(t, filepath.Join(le.local, "src", rel)), sum(t, filepath.Join(le.root, "src", rel)); got != want {
			t.Errorf("%s differs from the server's", rel)
		}
	}
	var made, copied []string
	for _, line := range strings.Split(out, "\n") {
		if m := regexp.MustCompile("^Making directory `(.*)'$").FindStringSubmatch(line); m != nil {
			made = append(made, m[1])
		}
		if m := regexp.MustCompile("^Transferring file `(.*)'$").FindStringSubmatch(line); m != nil {
			copied = append(copied, m[1])
		}
	}
	var wantMade []string
	for d := range 8 {
		wantMade = append(wantMade, fmt.Sprintf("d%02d", d))
	}
	for d := range 8 {
		wantMade = append(wantMade, fmt.Sprintf("d%02d/sub", d))
	}
	// Depth first: a folder's subfolders are made and its files queued
	// when it is read, then its subfolders are read in turn.
	var wantCopied []string
	for d := range 8 {
		wantCopied = append(wantCopied, fmt.Sprintf("d%02d/a.bin", d), fmt.Sprintf("d%02d/b.bin", d),
			fmt.Sprintf("d%02d/sub/c.bin", d))
	}
	if strings.Join(copied, " ") != strings.Join(wantCopied, " ") {
		t.Errorf("files reported in the order\n%q\nwant\n%q", copied, wantCopied)
	}
	if strings.Join(made, " ") != strings.Join(wantMade, " ") {
		t.Errorf("folders made in the order\n%q\nwant\n%q", made, wantMade)
	}
}

// TestMirrorListingErrorInOneFolder: a folder the server refuses to
// list is reported with the server's words and counted; every other
// folder is copied, and --delete removes nothing (the source was not
// read completely).
func TestMirrorListingErrorInOneFolder(t *testing.T) {
	le := newListEnv(t)
	names := serverTree(t, le.root, 6)
	writeFile(t, filepath.Join(le.local, "src", "d03", "old.txt"), "not on the server")
	var refused atomic.Int32
	le.hook = func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error) {
		if p == "/src/d03" {
			refused.Add(1)
			return session.Listing{}, &session.ReplyError{Op: "ls " + p, Code: 550, Msg: "Permission denied"}
		}
		return next()
	}
	out, err := le.mirrorDown(context.Background(), "--parallel 4 --delete src")
	if err == nil {
		t.Fatalf("mirror with an unreadable folder succeeded:\n%s", out)
	}
	for _, want := range []string{"ls /src/d03: 550 Permission denied", "1 of 12 source folders could not be listed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if n := refused.Load(); n != 1 {
		t.Errorf("the refused folder was listed %d times, want 1 (a 550 is not retried)", n)
	}
	mustContain(t, "mirror output", out, "not deleting anything", "Total: 12 directories, 15 files; 15 transferred")
	for _, rel := range names {
		p := filepath.Join(le.local, "src", rel)
		if strings.HasPrefix(rel, "d03/") {
			if exists(p) {
				t.Errorf("%s was copied from a folder that was not listed", rel)
			}
			continue
		}
		if sum(t, p) != sum(t, filepath.Join(le.root, "src", rel)) {
			t.Errorf("%s differs from the server's", rel)
		}
	}
	if !exists(filepath.Join(le.local, "src", "d03", "old.txt")) {
		t.Error("--delete removed a file although the source was not read completely")
	}
}

// TestMirrorCancelStopsListers: canceling a mirror while its folders are
// being listed ends it with the cancel, and leaves no lister behind.
func TestMirrorCancelStopsListers(t *testing.T) {
	le := newListEnv(t)
	serverTree(t, le.root, 8)
	var inFlight atomic.Int32
	le.hook = func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error) {
		if p == "/src" {
			return next()
		}
		inFlight.Add(1)
		<-ctx.Done() // listings hang until the cancel
		return session.Listing{}, ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := le.mirrorDown(ctx, "--parallel 4 src")
		done <- err
	}()
	for deadline := time.Now().Add(20 * time.Second); inFlight.Load() < 4; {
		if time.Now().After(deadline) {
			t.Fatalf("%d listings started, want 4", inFlight.Load())
		}
		time.Sleep(time.Millisecond) // polling a counter, with a deadline
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("canceled mirror: %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the canceled mirror did not return")
	}
	// Every lister has returned (stop waits for them); nothing of the walk
	// or of the queue's listings is left running.
	for deadline := time.Now().Add(10 * time.Second); ; {
		left := listerStacks()
		if left == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after the cancel:\n%s", left)
		}
		time.Sleep(time.Millisecond) // polling the goroutines, with a deadline
	}
}

// listerStacks is the stacks of goroutines still in the walk or in a
// queue listing.
func listerStacks() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "shell.(*treeWalk)") || strings.Contains(g, "transfer.(*Queue).List") ||
			strings.Contains(g, "shell.hookRemote.List") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}

// TestMirrorDoesNotEnterExcludedFolders: a folder --exclude leaves out
// is neither made nor read, on either side: its files are not copied,
// and --delete leaves the target's copy of it alone.
func TestMirrorDoesNotEnterExcludedFolders(t *testing.T) {
	le := newListEnv(t)
	writeFile(t, filepath.Join(le.root, "src/keep/1.txt"), "1")
	writeFile(t, filepath.Join(le.root, "src/.git/config"), "server's")
	writeFile(t, filepath.Join(le.root, "src/.git/objects/x"), "x")
	writeFile(t, filepath.Join(le.local, "src/.git/local-only"), "mine")
	var listed []string
	var mu sync.Mutex
	le.hook = func(ctx context.Context, p string, next func() (session.Listing, error)) (session.Listing, error) {
		mu.Lock()
		listed = append(listed, p)
		mu.Unlock()
		return next()
	}
	out, err := le.mirrorDown(context.Background(), "--exclude .git --delete src")
	if err != nil {
		t.Fatalf("mirror: %v\n%s", err, out)
	}
	for _, p := range listed {
		if strings.Contains(p, ".git") {
			t.Errorf("the excluded folder was listed: %s", p)
		}
	}
	if got := keys(treeSums(t, filepath.Join(le.local, "src"))); got != ".git/local-only keep/1.txt" {
		t.Errorf("local tree %s, want .git/local-only keep/1.txt", got)
	}
	if b, _ := os.ReadFile(filepath.Join(le.local, "src", ".git", "local-only")); string(b) != "mine" {
		t.Error("--delete touched the excluded folder")
	}
}

// TestMirrorListsActiveWhenPassiveOff: with passive off, every listing
// connection (the shell's and the queue's) opens its data connections
// actively, and the tree arrives.
func TestMirrorListsActiveWhenPassiveOff(t *testing.T) {
	le := newListEnv(t)
	names := serverTree(t, le.root, 6)
	le.run("passive off")
	if out, err := le.mirrorDown(context.Background(), "--parallel 4 src"); err != nil {
		t.Fatalf("mirror: %v\n%s", err, out)
	}
	if n := le.passive.Load(); n > 0 {
		t.Errorf("%d of %d listings on a passive connection, want none", n, le.lists.Load())
	}
	if d, a := le.dials.Load(), le.activeDials.Load(); d < 2 || a != d {
		t.Errorf("%d of the queue's %d dials in active mode, want all of at least 2", a, d)
	}
	for _, rel := range names {
		if sum(t, filepath.Join(le.local, "src", rel)) != sum(t, filepath.Join(le.root, "src", rel)) {
			t.Errorf("%s differs from the server's", rel)
		}
	}
}
