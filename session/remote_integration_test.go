package session_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// variant is one way to connect to a target.
type variant struct {
	tls    session.TLSMode
	active bool
}

func (v variant) String() string {
	mode := "passive"
	if v.active {
		mode = "active"
	}
	return strings.ReplaceAll(v.tls.String(), " ", "-") + "/" + mode
}

func variants(t testsrv.Target) []variant {
	var out []variant
	modes := []session.TLSMode{session.TLSNone}
	if t.Implicit {
		modes = []session.TLSMode{session.TLSImplicit}
	} else if t.TLS {
		modes = append(modes, session.TLSExplicit)
	}
	for _, m := range modes {
		out = append(out, variant{m, false}, variant{m, true})
	}
	return out
}

func config(t testsrv.Target, v variant) session.Config {
	return session.Config{Host: t.Host, Port: t.Port, User: t.User, Password: t.Pass,
		TLS: v.tls, RootCAs: t.RootCAs, Active: v.active, Timeout: 15 * time.Second}
}

func allTargets(t *testing.T) []testsrv.Target { return testsrv.All(t) }

// TestRemoteMatrix runs every Remote operation against every server, plain
// and TLS, passive and active. It pins jlaffaye/ftp's behaviour under the
// wire: an upgrade of the library that breaks the wire fails here.
func TestRemoteMatrix(t *testing.T) {
	for _, target := range allTargets(t) {
		for _, v := range variants(target) {
			t.Run(target.Name+"/"+v.String(), func(t *testing.T) {
				runSuite(t, target, v)
			})
		}
	}
}

func dial(t *testing.T, target testsrv.Target, v variant) (*session.Remote, *[]string) {
	t.Helper()
	var lines []string
	cfg := config(target, v)
	verbose := os.Getenv("FTPANE_TEST_TRACE") != ""
	start := time.Now()
	trace := func(d session.TraceDir, l string) {
		lines = append(lines, d.Prefix()+l)
		if verbose {
			t.Logf("%5dms %s%s", time.Since(start).Milliseconds(), d.Prefix(), l)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := session.Dial(ctx, cfg, session.WithTrace(trace))
	if err != nil {
		t.Fatalf("dial %s (%s): %v", target.Name, v, err)
	}
	t.Cleanup(func() { r.Close() })
	return r, &lines
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func sum(b []byte) string { s := sha256.Sum256(b); return fmt.Sprintf("%x", s) }

func put(t *testing.T, fsys session.FS, p string, data []byte, offset int64) {
	t.Helper()
	w, err := fsys.Create(context.Background(), p, offset)
	if err != nil {
		t.Fatalf("create %s: %v", p, err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatalf("write %s: %v", p, err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("close %s: %v", p, err)
	}
}

func get(t *testing.T, fsys session.FS, p string, offset int64) []byte {
	t.Helper()
	rd, err := fsys.Open(context.Background(), p, offset)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	if err := rd.Close(); err != nil {
		t.Fatalf("close %s: %v", p, err)
	}
	return b
}

// onDisk reads what the server stored, from the server's own folder.
func onDisk(t *testing.T, target testsrv.Target, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(target.Root, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("the server's copy of %s: %v", p, err)
	}
	return b
}

func find(l session.Listing, name string) (session.Entry, bool) {
	for _, e := range l.Entries {
		if e.Name == name {
			return e, true
		}
	}
	return session.Entry{}, false
}

func runSuite(t *testing.T, target testsrv.Target, v variant) {
	r, trace := dial(t, target, v)
	ctx := context.Background()
	dir := target.Path(fmt.Sprintf("/t-%d", time.Now().UnixNano()))
	if err := r.Mkdir(ctx, dir); err != nil {
		t.Fatalf("mkdir: %v", err)
	}
	t.Cleanup(func() { _ = r.RemoveAll(context.Background(), dir) })
	if pwd, err := r.Chdir(ctx, dir); err != nil || pwd != dir {
		t.Fatalf("cd %s: got %q, %v", dir, pwd, err)
	}
	data := randomBytes(t, 3<<20+123)
	file := path.Join(dir, "data with space.bin")

	t.Run("put and get", func(t *testing.T) {
		put(t, r, file, data, 0)
		if got := onDisk(t, target, file); sum(got) != sum(data) {
			t.Fatalf("stored %d bytes, sha256 differs from the %d sent", len(got), len(data))
		}
		if got := get(t, r, file, 0); sum(got) != sum(data) {
			t.Fatalf("downloaded %d bytes, sha256 differs", len(got))
		}
	})
	t.Run("resume", func(t *testing.T) { testResume(t, r, target, file, data) })
	t.Run("listing", func(t *testing.T) { testListing(t, r, dir, int64(len(data))) })
	t.Run("streamed listing", func(t *testing.T) { testListEach(t, r, target, dir) })
	t.Run("abort", func(t *testing.T) {
		// Servers differ in how they end an aborted transfer, and timing
		// decides which path they take: abort many times.
		for range 20 {
			testAbort(t, r, file)
		}
	})
	t.Run("cancel", func(t *testing.T) { testCancel(t, r, file) })
	t.Run("small ops", func(t *testing.T) { testSmallOps(t, r, target, dir) })
	t.Run("raw", func(t *testing.T) { testRaw(t, r, target) })
	t.Run("unique", func(t *testing.T) { testUnique(t, r, target, dir) })
	t.Run("remove", func(t *testing.T) { testRemove(t, r, dir) })
	for _, l := range *trace {
		if strings.Contains(l, target.Pass) && strings.HasPrefix(l, "---> PASS") {
			t.Fatalf("transcript shows the password: %q", l)
		}
	}
}

func testResume(t *testing.T, r *session.Remote, target testsrv.Target, file string, data []byte) {
	off := int64(len(data) / 3)
	if got := get(t, r, file, off); !bytes.Equal(got, data[off:]) {
		t.Fatalf("get from offset %d: %d bytes, want the last %d of the file", off, len(got), len(data)-int(off))
	}
	part := file + ".part"
	put(t, r, part, data[:off], 0)
	put(t, r, part, data[off:], off) // REST + STOR continues the upload
	if got := onDisk(t, target, part); sum(got) != sum(data) {
		t.Fatalf("resumed upload: %d bytes on disk, sha256 differs", len(got))
	}
	app := file + ".app"
	put(t, r, app, data[:100], 0)
	w, err := r.Append(context.Background(), app)
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	w.Write(data[100:200])
	if err := w.Close(); err != nil {
		t.Fatalf("append: %v", err)
	}
	if got := onDisk(t, target, app); !bytes.Equal(got, data[:200]) {
		t.Fatalf("after APPE the file has %d bytes, want the 200 written", len(got))
	}
	put(t, r, file+".empty", nil, 0)
	if got := onDisk(t, target, file+".empty"); len(got) != 0 {
		t.Fatalf("zero-byte upload stored %d bytes", len(got))
	}
}

func testListing(t *testing.T, r *session.Remote, dir string, size int64) {
	ctx := context.Background()
	if err := r.Mkdir(ctx, path.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	l, err := r.List(ctx, dir)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	e, ok := find(l, "data with space.bin")
	if !ok || e.Kind != session.KindFile || e.Size != size {
		t.Fatalf("listing of %s: want the file with %d bytes, got %+v (all: %v)", dir, size, e, l.Entries)
	}
	if e.ModTime.IsZero() || time.Since(e.ModTime) > 48*time.Hour {
		t.Errorf("modification time %v is not recent", e.ModTime)
	}
	if sub, ok := find(l, "sub"); !ok || sub.Kind != session.KindDir {
		t.Fatalf("listing: folder sub missing or not a folder: %+v", sub)
	}
	if len(l.Warnings) > 0 {
		t.Errorf("unexpected warnings %v", l.Warnings)
	}
	names, err := r.NameList(ctx, dir)
	if err != nil {
		t.Fatalf("nlist: %v", err)
	}
	joined := strings.Join(names, "\n")
	if !strings.Contains(joined, "data with space.bin") {
		t.Fatalf("NLST %s does not show the file: %q", dir, names)
	}
	st, err := r.Stat(ctx, path.Join(dir, "data with space.bin"))
	if err != nil || st.Size != size || st.Kind != session.KindFile {
		t.Fatalf("stat: %+v, %v", st, err)
	}
}

// testListEach reads a folder entry by entry, then stops a listing after a
// few entries: the caller's error comes back and the session stays in step.
func testListEach(t *testing.T, r *session.Remote, target testsrv.Target, dir string) {
	ctx := context.Background()
	many := path.Join(dir, "many")
	if err := r.Mkdir(ctx, many); err != nil {
		t.Fatal(err)
	}
	const n = 1000
	want := map[string]bool{}
	for i := range n {
		name := fmt.Sprintf("entry-%04d-with-a-long-name-to-fill-the-data-connection.dat", i)
		want[name] = true
		if err := os.WriteFile(filepath.Join(target.Root, filepath.FromSlash(many), name), []byte("x"), 0o644); err != nil {
			t.Fatalf("creating the folder's files on the server's disk: %v", err)
		}
	}
	got := map[string]bool{}
	if _, err := r.ListEach(ctx, many, func(e session.Entry) error {
		if got[e.Name] || !want[e.Name] || e.Size != 1 {
			return fmt.Errorf("unexpected entry %+v", e)
		}
		got[e.Name] = true
		return nil
	}); err != nil || len(got) != n {
		t.Fatalf("ListEach: %d of %d entries, %v", len(got), n, err)
	}
	stop := errors.New("enough")
	calls := 0
	_, err := r.ListEach(ctx, many, func(session.Entry) error {
		if calls++; calls == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 5 {
		t.Fatalf("listing stopped by the caller: %d calls, error %v; want 5 and the caller's error", calls, err)
	}
	if pwd, err := r.Pwd(ctx); err != nil || pwd != dir {
		t.Fatalf("after a stopped listing, PWD = %q, %v; want %q (out of step?)", pwd, err, dir)
	}
	if l, err := r.List(ctx, many); err != nil || len(l.Entries) != n {
		t.Fatalf("listing after a stopped one: %d entries, %v; want %d", len(l.Entries), err, n)
	}
}

// testAbort closes a download early: the session sends ABOR and must be
// in step afterwards (the next command gets its own reply).
func testAbort(t *testing.T, r *session.Remote, file string) {
	ctx := context.Background()
	rd, err := r.Open(ctx, file, 0)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1000)
	if _, err := io.ReadFull(rd, buf); err != nil {
		t.Fatal(err)
	}
	if err := rd.Close(); err != nil {
		t.Fatalf("close after a partial read: %v", err)
	}
	pwd, err := r.Pwd(ctx)
	if err != nil || pwd != path.Dir(file) {
		t.Fatalf("after ABOR, PWD = %q, %v; want %q (control connection out of step?)", pwd, err, path.Dir(file))
	}
	if n, err := r.Size(ctx, file); err != nil || n < 1000 {
		t.Fatalf("after ABOR, SIZE = %d, %v", n, err)
	}
}

// testCancel ends a download's context in the middle.
func testCancel(t *testing.T, r *session.Remote, file string) {
	ctx, cancel := context.WithCancel(context.Background())
	rd, err := r.Open(ctx, file, 0)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	if _, err := io.ReadFull(rd, buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = io.Copy(io.Discard, rd)
	rd.Close()
	if err == nil {
		// The rest may already have been buffered; that is fine.
		t.Log("download finished before the cancel took effect")
	}
	if _, err := r.Pwd(context.Background()); err != nil {
		t.Fatalf("after a cancelled download the session is unusable: %v", err)
	}
}

func testSmallOps(t *testing.T, r *session.Remote, target testsrv.Target, dir string) {
	ctx := context.Background()
	a, b := path.Join(dir, "a.txt"), path.Join(dir, "b.txt")
	put(t, r, a, []byte("hello\n"), 0)
	if n, err := r.Size(ctx, a); err != nil || n != 6 {
		t.Fatalf("SIZE = %d, %v; want 6", n, err)
	}
	if err := r.Rename(ctx, a, b); err != nil {
		t.Fatalf("rename: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target.Root, b)); err != nil {
		t.Fatalf("after rename: %v", err)
	}
	if err := r.Chmod(ctx, b, 0o600); err != nil {
		t.Fatalf("chmod: %v", err)
	}
	if st, _ := os.Stat(filepath.Join(target.Root, b)); st.Mode().Perm() != 0o600 {
		t.Fatalf("after SITE CHMOD 600 the file's mode is %v", st.Mode().Perm())
	}
	testSetTime(t, r, target, b)
	var re *session.ReplyError
	if _, err := r.Size(ctx, path.Join(dir, "missing")); !errors.As(err, &re) || re.Code != 550 {
		t.Fatalf("SIZE of a missing file: want a 550 ReplyError, got %v", err)
	}
	if _, err := r.Chdir(ctx, "x\r\nDELE b.txt"); !errors.Is(err, session.ErrBadArgument) {
		t.Fatalf("cd with CRLF: want ErrBadArgument, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(target.Root, b)); err != nil {
		t.Fatalf("the injected DELE ran: %v", err)
	}
	if err := r.SetType(ctx, session.TypeASCII); err != nil {
		t.Fatalf("TYPE A: %v", err)
	}
	put(t, r, path.Join(dir, "text.txt"), []byte("one\ntwo\n"), 0)
	if err := r.SetType(ctx, session.TypeBinary); err != nil {
		t.Fatalf("TYPE I: %v", err)
	}
	if got := onDisk(t, target, path.Join(dir, "text.txt")); string(got) != "one\ntwo\n" {
		t.Fatalf("ASCII upload of LF text stored %q", got)
	}
}

// testSetTime sets a file's time and reads it back; a server that cannot
// set times must say so with its own 5xx.
func testSetTime(t *testing.T, r *session.Remote, target testsrv.Target, p string) {
	ctx := context.Background()
	when := time.Date(2020, 2, 3, 4, 5, 6, 0, time.UTC)
	err := r.Chtimes(ctx, p, when)
	var re *session.ReplyError
	switch {
	case target.NoSetTime && (!errors.As(err, &re) || re.Code < 500):
		t.Fatalf("set time on a server that cannot: want its 5xx refusal, got %v", err)
	case target.NoSetTime:
	case err != nil:
		t.Fatalf("set time: %v", err)
	default:
		if mt, err := r.ModTime(ctx, p); err != nil || !mt.Equal(when) {
			t.Fatalf("MDTM after setting %v: %v, %v", when, mt, err)
		}
	}
}

func testRaw(t *testing.T, r *session.Remote, target testsrv.Target) {
	ctx := context.Background()
	rep, err := r.System(ctx)
	if err != nil || rep.Code != 215 {
		t.Fatalf("SYST: %v %v", rep, err)
	}
	rep, err = r.Status(ctx, "")
	if err != nil || rep.Code/100 != 2 {
		t.Fatalf("STAT: want a 2xx reply, got %v %v", rep, err)
	}
	if rep, err = r.Quote(ctx, "NOSUCHCMD"); err != nil || rep.Code < 500 {
		t.Fatalf("unknown command: want a 5xx reply, got %v %v", rep, err)
	}
	if rep, err = r.Mode(ctx, "S"); err != nil || rep.Code != 200 {
		t.Fatalf("MODE S: %v %v", rep, err)
	}
	if rep, err = r.Stru(ctx, "F"); err != nil || rep.Code != target.Want("STRU", 200) {
		t.Fatalf("STRU F: %v %v", rep, err)
	}
	if _, err := r.Quote(ctx, "RETR x"); err == nil || !strings.Contains(err.Error(), "use get") {
		t.Fatalf("quote RETR: want a refusal naming get, got %v", err)
	}
	if err := r.Noop(ctx); err != nil {
		t.Fatalf("NOOP after raw commands: %v", err)
	}
	if err := r.Reset(ctx); err != nil {
		t.Fatalf("reset: %v", err)
	}
}

func testUnique(t *testing.T, r *session.Remote, target testsrv.Target, dir string) {
	ctx := context.Background()
	name, rep, err := r.StoreUnique(ctx, strings.NewReader("unique\n"))
	if code := target.Want("STOU", 0); code != 0 {
		var re *session.ReplyError
		if !errors.As(err, &re) || re.Code != code {
			t.Fatalf("STOU on a server without it: want its %d reply as the error, got %v", code, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("STOU: %v", err)
	}
	if name == "" {
		t.Fatalf("STOU: no file name in the replies %v", rep)
	}
	if got := onDisk(t, target, path.Join(dir, path.Base(name))); string(got) != "unique\n" {
		t.Fatalf("STOU stored %q under %q", got, name)
	}
	put(t, r, path.Join(dir, "u.txt"), []byte("first\n"), 0)
	name, rep, err = r.StoreUniqueAs(ctx, path.Join(dir, "u.txt"), strings.NewReader("second\n"))
	if err != nil || name == "" || path.Base(name) == "u.txt" {
		t.Fatalf("STOU u.txt: want a new name, got %q (%v) %v", name, rep, err)
	}
	if got := onDisk(t, target, path.Join(dir, path.Base(name))); string(got) != "second\n" {
		t.Fatalf("STOU u.txt stored %q under %q", got, name)
	}
	if got := onDisk(t, target, path.Join(dir, "u.txt")); string(got) != "first\n" {
		t.Fatalf("STOU overwrote the existing u.txt: %q", got)
	}
}

func testRemove(t *testing.T, r *session.Remote, dir string) {
	ctx := context.Background()
	sub := path.Join(dir, "tree")
	if err := r.Mkdir(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if err := r.Mkdir(ctx, path.Join(sub, "deeper")); err != nil {
		t.Fatal(err)
	}
	put(t, r, path.Join(sub, "deeper", "f"), []byte("x"), 0)
	if err := r.RemoveAll(ctx, sub); err != nil {
		t.Fatalf("remove tree: %v", err)
	}
	l, err := r.List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := find(l, "tree"); ok {
		t.Fatalf("tree still listed after RemoveAll")
	}
}
