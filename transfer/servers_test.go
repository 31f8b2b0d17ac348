package transfer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

// site is a server a test copies to and from: its config, the local
// folder it serves as "/", and a fresh folder of the test's own on it.
type site struct {
	name string
	cfg  session.Config
	root string // served folder on this machine
	dir  string // the test's folder, remote path
}

// disk is the local path of a remote path on the site.
func (s site) disk(p string) string { return filepath.Join(s.root, filepath.FromSlash(p)) }

func startEmbedded(t testing.TB, dir, addr string) *ftpd.Server {
	t.Helper()
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: addr, User: "test", Pass: "s3cret-pw"})
	if err != nil {
		t.Fatalf("embedded server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func embeddedSite(t testing.TB) site {
	root := t.TempDir()
	srv := startEmbedded(t, root, "127.0.0.1:0")
	return newSite(t, "embedded", root, cfgFor(srv.Addr(), "test", "s3cret-pw"))
}

func cfgFor(addr, user, pass string) session.Config {
	host, port, _ := splitHostPort(addr)
	return session.Config{Host: host, Port: port, User: user, Password: pass, Timeout: 10 * time.Second}
}

// newSite makes the test's own folder on the server (through FTP, so
// that the server's user owns it) and removes it at the end.
func newSite(t testing.TB, name, root string, cfg session.Config) site {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	s := site{name: name, cfg: cfg, root: root, dir: "/transfer-test-" + hex.EncodeToString(b)}
	r, err := session.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer r.Close()
	if err := r.Mkdir(context.Background(), s.dir); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() { os.RemoveAll(s.disk(s.dir)) })
	return s
}

// eachSite runs f against the embedded server and vsftpd (skipped when
// vsftpd is not running outside CI).
func eachSite(t *testing.T, f func(t *testing.T, s site)) {
	t.Run("embedded", func(t *testing.T) { f(t, embeddedSite(t)) })
	t.Run("vsftpd", func(t *testing.T) {
		for _, rs := range testsrv.Real(t) {
			if rs.Name == "vsftpd" {
				f(t, newSite(t, rs.Name, rs.Root, cfgFor(rs.Addr(), rs.User, rs.Pass)))
				return
			}
		}
		t.Skip("vsftpd is not running")
	})
}

// countingDial counts logins.
func countingDial(n *atomic.Int32) session.DialFunc {
	return func(ctx context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
		n.Add(1)
		return session.Dial(ctx, cfg)
	}
}

func realQueue(t testing.TB, opts Options) *Queue {
	t.Helper()
	opts.NoJournal = opts.JournalPath == ""
	if opts.BackoffMin == 0 {
		opts.BackoffMin, opts.BackoffMax = 10*time.Millisecond, 50*time.Millisecond
	}
	q, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func writeFile(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustDisk(t testing.TB, p string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if sum(got) != sum(want) {
		t.Fatalf("%s: sha256 %s (%d bytes), want %s (%d bytes)", p, sum(got)[:12], len(got), sum(want)[:12], len(want))
	}
	if _, err := os.Stat(p + ".part"); err == nil {
		t.Errorf("%s.part left behind", p)
	}
}

func TestServersFileBothWays(t *testing.T) { eachSite(t, fileBothWays) }

// fileBothWays uploads and downloads a 5 MiB file on one connection.
func fileBothWays(t *testing.T, s site) {
	{
		var dials atomic.Int32
		q := realQueue(t, Options{Dial: countingDial(&dials)})
		local := t.TempDir()
		data := randBytes(t, 5<<20+123)
		writeFile(t, filepath.Join(local, "up.bin"), data)
		remote := path.Join(s.dir, "f.bin")
		id := q.Add(Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: filepath.Join(local, "up.bin"), DstPath: remote})
		waitState(t, q, id, Done)
		mustDisk(t, s.disk(remote), data)
		id = q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: remote, DstPath: filepath.Join(local, "down.bin")})
		waitState(t, q, id, Done)
		mustDisk(t, filepath.Join(local, "down.bin"), data)
		if n := dials.Load(); n != 1 {
			t.Errorf("%d logins for two files, want the connection reused", n)
		}
	}
}

func TestServersTreeBothWays(t *testing.T) {
	eachSite(t, func(t *testing.T, s site) {
		q := realQueue(t, Options{})
		local := t.TempDir()
		files := map[string][]byte{"a.txt": []byte("hello\n"), "d/b.bin": randBytes(t, 300_000),
			"d/e/c.bin": randBytes(t, 70_000), "d/e/zero": {}}
		for p, b := range files {
			writeFile(t, filepath.Join(local, "src", p), b)
		}
		os.MkdirAll(filepath.Join(local, "src", "empty"), 0o755)
		remote := path.Join(s.dir, "tree")
		waitState(t, q, q.AddTree(Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: filepath.Join(local, "src"), DstPath: remote}), Done)
		waitIdle(t, q)
		for p, b := range files {
			mustDisk(t, s.disk(path.Join(remote, p)), b)
		}
		if st, err := os.Stat(s.disk(path.Join(remote, "empty"))); err != nil || !st.IsDir() {
			t.Errorf("empty folder not created: %v", err)
		}
		waitState(t, q, q.AddTree(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: remote,
			DstPath: filepath.Join(local, "back"), Move: true}), Done)
		waitIdle(t, q)
		for p, b := range files {
			mustDisk(t, filepath.Join(local, "back", p), b)
		}
		allDone(t, q)
		if _, err := os.Stat(s.disk(remote)); err == nil {
			t.Error("the moved folder is still on the server")
		}
	})
}

func allDone(t testing.TB, q *Queue) {
	t.Helper()
	for _, js := range q.Snapshot() {
		if js.State != Done {
			t.Errorf("%s: %v %v", js.SrcPath, js.State, js.Err)
		}
	}
}

func TestServersSegmentedDownload(t *testing.T) { eachSite(t, segmentedDownload) }

// segmentedDownload fetches 12 MiB in four segments on several connections.
func segmentedDownload(t *testing.T, s site) {
	{
		var dials atomic.Int32
		q := realQueue(t, Options{Dial: countingDial(&dials), SegmentThreshold: 1 << 20, Segments: 4})
		data := randBytes(t, 12<<20+7)
		writeFile(t, s.disk(path.Join(s.dir, "big.bin")), data)
		os.Chmod(s.disk(path.Join(s.dir, "big.bin")), 0o644)
		dst := filepath.Join(t.TempDir(), "big.bin")
		waitState(t, q, q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: path.Join(s.dir, "big.bin"), DstPath: dst}), Done)
		mustDisk(t, dst, data)
		if n := dials.Load(); n < 2 {
			t.Errorf("%d connections for a segmented download, want several", n)
		}
		if _, err := os.Stat(dst + ".part.seg"); err == nil {
			t.Error("segment sidecar left behind")
		}
	}
}

func TestServersRelayBetweenTwoServers(t *testing.T) {
	a, b := embeddedSite(t), embeddedSite(t)
	q := realQueue(t, Options{})
	data := randBytes(t, 3<<20)
	writeFile(t, a.disk(path.Join(a.dir, "r.bin")), data)
	id := q.Add(Job{Src: RemoteEndpoint(a.cfg), Dst: RemoteEndpoint(b.cfg), SrcPath: path.Join(a.dir, "r.bin"), DstPath: path.Join(b.dir, "r.bin"), Move: true})
	waitState(t, q, id, Done)
	mustDisk(t, b.disk(path.Join(b.dir, "r.bin")), data)
	if _, err := os.Stat(a.disk(path.Join(a.dir, "r.bin"))); err == nil {
		t.Error("move left the source")
	}
}

func TestServersASCIIConvertsLineEnds(t *testing.T) {
	s := embeddedSite(t)
	q := realQueue(t, Options{ASCIIExt: []string{".txt"}})
	text := []byte("line one\nline two\n\nlast line\n")
	local := t.TempDir()
	writeFile(t, filepath.Join(local, "notes.txt"), text)
	remote := path.Join(s.dir, "notes.txt")
	id := q.Add(Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: filepath.Join(local, "notes.txt"), DstPath: remote})
	if js := waitState(t, q, id, Done, Failed); js.State != Done || js.Type != session.TypeASCII {
		t.Fatalf("%v %v (type %v)", js.State, js.Err, js.Type)
	}
	mustDisk(t, s.disk(remote), text) // CRLF on the wire, the server's LF on its disk
	crlf := []byte("dos\r\nfile\r\n")
	writeFile(t, s.disk(path.Join(s.dir, "dos.txt")), crlf)
	id = q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: path.Join(s.dir, "dos.txt"), DstPath: filepath.Join(local, "dos.txt")})
	waitState(t, q, id, Done)
	mustDisk(t, filepath.Join(local, "dos.txt"), []byte("dos\nfile\n"))
}

// TestServersEveryRealServer runs the basic copies against pure-ftpd and
// proftpd too (eachSite covers vsftpd).
func TestServersEveryRealServer(t *testing.T) {
	for _, rs := range testsrv.Real(t) {
		if rs.Name == "vsftpd" {
			continue
		}
		t.Run(rs.Name, func(t *testing.T) {
			s := newSite(t, rs.Name, rs.Root, cfgFor(rs.Addr(), rs.User, rs.Pass))
			t.Run("file", func(t *testing.T) { fileBothWays(t, s) })
			t.Run("segmented", func(t *testing.T) { segmentedDownload(t, s) })
		})
	}
}

// TestServersOverExplicitTLS copies with AUTH TLS (data connections
// encrypted and resuming the control connection's TLS session, as vsftpd
// requires), one stream and segmented.
func TestServersOverExplicitTLS(t *testing.T) {
	targets := []testsrv.Target{testsrv.Embedded(t)[0]}
	t.Run("tls", func(t *testing.T) {
		for _, tg := range append(targets, realTLS(t)...) {
			t.Run(tg.Name, func(t *testing.T) {
				cfg := cfgFor(tg.Addr(), tg.User, tg.Pass)
				cfg.TLS, cfg.RootCAs = session.TLSExplicit, tg.RootCAs
				s := newSite(t, tg.Name, tg.Root, cfg)
				fileBothWays(t, s)
				segmentedDownload(t, s)
			})
		}
	})
}

// realTLS is vsftpd when it runs with TLS; none otherwise.
func realTLS(t *testing.T) []testsrv.Target {
	var out []testsrv.Target
	t.Run("find", func(t *testing.T) {
		for _, tg := range testsrv.Real(t) {
			if tg.Name == "vsftpd" && tg.TLS {
				out = append(out, tg)
			}
		}
	})
	return out
}
