package ftpd

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	testUser = "alice"
	testPass = "correct-horse-battery"
)

// startTest starts a server on a free loopback port over opts.Dir (a new
// temporary folder when empty) with the test account unless opts names
// another one, and closes it when the test ends.
func startTest(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.User == "" && !opts.Anonymous {
		opts.User, opts.Pass = testUser, testPass
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// loggedIn starts a server and returns a client logged in to it.
func loggedIn(t *testing.T, opts Options) (*Server, *rawClient) {
	t.Helper()
	s := startTest(t, opts)
	c := dialRaw(t, s.Addr())
	c.login(testUser, testPass)
	return s, c
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return sum(b)
}

// randomBytes is deterministic data with every byte value, CR and LF
// included, so any line-end conversion shows.
func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed+1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func modeOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat %s: %v", path, err)
	}
	return info.Mode().Perm()
}

// TestListAndRetrieve covers every data connection mode: the listing names
// the files, and a downloaded file has the sha256 of the one on disk.
func TestListAndRetrieve(t *testing.T) {
	dir := t.TempDir()
	data := randomBytes(1<<20, 1)
	writeFile(t, filepath.Join(dir, "big file.bin"), data)
	writeFile(t, filepath.Join(dir, "sub", "inner.txt"), []byte("inner\n"))
	_, c := loggedIn(t, Options{Dir: dir})
	for _, mode := range []dataMode{modePASV, modeEPSV, modeEPRT, modePORT} {
		t.Run(mode.String(), func(t *testing.T) {
			c.t, c.mode = t, mode
			list := string(c.download("LIST"))
			for _, want := range []string{"big file.bin", "sub"} {
				if !strings.Contains(list, want) {
					t.Errorf("LIST lacks %q:\n%s", want, list)
				}
			}
			if got := c.download("RETR big file.bin"); sum(got) != sum(data) {
				t.Errorf("RETR: got %d bytes with sha256 %s, want %d bytes %s", len(got), sum(got), len(data), sum(data))
			}
			if got := string(c.download("RETR /sub/inner.txt")); got != "inner\n" {
				t.Errorf("RETR /sub/inner.txt = %q", got)
			}
		})
	}
	if len(c.activePeers) != 6 {
		t.Fatalf("%d active data connections, want 6", len(c.activePeers))
	}
	for _, peer := range c.activePeers {
		if peer.Port == 20 || !peer.IP.IsLoopback() {
			t.Errorf("active data connection came from %v, want a loopback address and not port 20", peer)
		}
	}
}

// TestStoreModes: uploads land byte for byte with mode 0644, folders get
// 0755, even under a restrictive umask.
func TestStoreModes(t *testing.T) {
	restore := setUmask(0o077)
	defer restore()
	dir := t.TempDir()
	_, c := loggedIn(t, Options{Dir: dir})
	for _, mode := range []dataMode{modeEPSV, modePORT} {
		c.mode = mode
		data := randomBytes(256<<10, uint64(mode)+10)
		name := "up-" + mode.String() + ".bin"
		if code, msg := c.upload(data, "STOR %s", name); code != 226 {
			t.Fatalf("STOR over %v: %d %s", mode, code, msg)
		}
		path := filepath.Join(dir, name)
		if got := fileSum(t, path); got != sum(data) {
			t.Errorf("STOR over %v: sha256 on disk %s, sent %s", mode, got, sum(data))
		}
		if m := modeOf(t, path); m != 0o644 {
			t.Errorf("STOR over %v: mode %v, want 0644", mode, m)
		}
	}
	c.must(257, "MKD new folder")
	if m := modeOf(t, filepath.Join(dir, "new folder")); m != 0o755 {
		t.Errorf("MKD: mode %v, want 0755", m)
	}
	c.must(250, "SITE MKDIR deep/er/est")
	if m := modeOf(t, filepath.Join(dir, "deep", "er")); m != 0o755 {
		t.Errorf("SITE MKDIR: mode %v, want 0755", m)
	}
}

func TestAppendAndResume(t *testing.T) {
	dir := t.TempDir()
	_, c := loggedIn(t, Options{Dir: dir})
	path := filepath.Join(dir, "log.txt")
	writeFile(t, path, []byte("one\n"))
	if code, msg := c.upload([]byte("two\n"), "APPE log.txt"); code != 226 {
		t.Fatalf("APPE: %d %s", code, msg)
	}
	c.must(350, "REST 4")
	if got := string(c.download("RETR log.txt")); got != "two\n" {
		t.Errorf("REST 4 + RETR = %q, want %q", got, "two\n")
	}
	if b, _ := os.ReadFile(path); string(b) != "one\ntwo\n" {
		t.Errorf("after APPE the file holds %q", b)
	}
}

// TestBinaryIsDefault: a client that never sends TYPE gets and stores exact
// bytes (the library's own default is ASCII).
func TestBinaryIsDefault(t *testing.T) {
	dir := t.TempDir()
	content := []byte("unix\nwindows\r\nold mac\rbare\x00\xff\n")
	writeFile(t, filepath.Join(dir, "lines.txt"), content)
	_, c := loggedIn(t, Options{Dir: dir})
	if got := c.download("RETR lines.txt"); !bytes.Equal(got, content) {
		t.Errorf("RETR without TYPE changed the bytes:\n got %q\nwant %q", got, content)
	}
	if code, msg := c.upload(content, "STOR copy.txt"); code != 226 {
		t.Fatalf("STOR: %d %s", code, msg)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "copy.txt")); !bytes.Equal(got, content) {
		t.Errorf("STOR without TYPE changed the bytes:\n got %q\nwant %q", got, content)
	}
	if msg := c.must(213, "SIZE lines.txt"); msg != "29" {
		t.Errorf("SIZE without TYPE = %q, want 29 (SIZE is refused in ASCII mode)", msg)
	}
}

func TestDeleteRenameRemoveFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("a"))
	writeFile(t, filepath.Join(dir, "gone.txt"), []byte("x"))
	_, c := loggedIn(t, Options{Dir: dir})

	c.must(250, "DELE gone.txt")
	if _, err := os.Stat(filepath.Join(dir, "gone.txt")); !os.IsNotExist(err) {
		t.Errorf("DELE left the file: %v", err)
	}
	c.must(350, "RNFR a.txt")
	c.must(250, "RNTO b.txt")
	if b, err := os.ReadFile(filepath.Join(dir, "b.txt")); err != nil || string(b) != "a" {
		t.Errorf("after RNTO b.txt holds %q, %v", b, err)
	}
	c.must(257, "MKD empty")
	c.must(550, "DELE empty") // DELE never removes folders
	c.must(250, "RMD empty")
	if _, err := os.Stat(filepath.Join(dir, "empty")); !os.IsNotExist(err) {
		t.Errorf("RMD left the folder: %v", err)
	}
	c.must(550, "RMD b.txt")
	c.must(550, "DELE missing.txt")
}

func TestSiteChmod(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secret.txt")
	writeFile(t, path, []byte("s"))
	_, c := loggedIn(t, Options{Dir: dir})
	c.must(200, "SITE CHMOD 600 secret.txt")
	if m := modeOf(t, path); m != 0o600 {
		t.Errorf("after SITE CHMOD 600: mode %v", m)
	}
	c.must(200, "SITE CHMOD 4755 secret.txt") // only permission bits are kept
	if info, _ := os.Stat(path); info.Mode() != 0o755 {
		t.Errorf("after SITE CHMOD 4755: mode %v, want -rwxr-xr-x", info.Mode())
	}
	c.must(550, "SITE CHOWN 0:0 secret.txt")
}

func TestSizeMdtmMfmt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	writeFile(t, path, []byte("12345"))
	when := time.Date(2023, 4, 5, 6, 7, 8, 0, time.UTC)
	if err := os.Chtimes(path, when, when); err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir})
	if got := c.must(213, "SIZE f.txt"); got != "5" {
		t.Errorf("SIZE = %q, want 5", got)
	}
	if got := c.must(213, "MDTM f.txt"); got != "20230405060708" {
		t.Errorf("MDTM = %q, want 20230405060708", got)
	}
	c.must(213, "MFMT 20200102030405 f.txt")
	info, _ := os.Stat(path)
	if want := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC); !info.ModTime().Equal(want) {
		t.Errorf("after MFMT mtime is %v, want %v", info.ModTime().UTC(), want)
	}
	c.must(550, "SIZE missing.txt")
}

func TestHashCommands(t *testing.T) {
	dir := t.TempDir()
	data := []byte("hash me\n")
	writeFile(t, filepath.Join(dir, "h.txt"), data)
	_, c := loggedIn(t, Options{Dir: dir})
	if got := c.must(213, "HASH h.txt"); !strings.Contains(got, sum(data)) {
		t.Errorf("HASH reply %q lacks sha256 %s", got, sum(data))
	}
	if got := c.must(250, "XSHA256 h.txt"); !strings.Contains(got, sum(data)) {
		t.Errorf("XSHA256 reply %q lacks %s", got, sum(data))
	}
	crc := fmt.Sprintf("%08x", crc32.ChecksumIEEE(data))
	if got := c.must(250, "XCRC h.txt"); !strings.Contains(got, crc) {
		t.Errorf("XCRC reply %q lacks %s", got, crc)
	}
	md := fmt.Sprintf("%x", md5.Sum(data))
	if got := c.must(250, "XMD5 h.txt"); !strings.Contains(got, md) {
		t.Errorf("XMD5 reply %q lacks %s", got, md)
	}
}

func TestMLSDAndMLST(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "m.txt"), []byte("123"))
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir})
	list := string(c.download("MLSD"))
	for _, want := range []string{"Type=file;Size=3;", " m.txt\r\n", "Type=dir;", " folder\r\n"} {
		if !strings.Contains(list, want) {
			t.Errorf("MLSD lacks %q:\n%s", want, list)
		}
	}
	if got := c.must(250, "MLST m.txt"); !strings.Contains(got, "Type=file;Size=3;") {
		t.Errorf("MLST = %q", got)
	}
}

func TestFeatures(t *testing.T) {
	cfg, _, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
		tls  bool
	}{{"plain", Options{}, false}, {"tls", Options{TLS: cfg}, true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := startTest(t, tc.opts)
			c := dialRaw(t, s.Addr())
			feat := c.must(211, "FEAT")
			for _, want := range []string{"SIZE", "MDTM", "MLSD", "MLST", "MFMT", "EPSV", "EPRT", "SHA-256*", "XCRC", "XMD5"} {
				if !strings.Contains(feat, want) {
					t.Errorf("FEAT lacks %s:\n%s", want, feat)
				}
			}
			if got := strings.Contains(feat, "AUTH TLS"); got != tc.tls {
				t.Errorf("FEAT offers AUTH TLS: %v, want %v", got, tc.tls)
			}
		})
	}
}

// TestIdleTimeout: a silent client is told 421 and disconnected.
func TestIdleTimeout(t *testing.T) {
	s := startTest(t, Options{IdleTimeout: time.Second})
	c := dialRaw(t, s.Addr())
	c.login(testUser, testPass)
	code, msg, err := c.reply() // waits up to ioTimeout
	if err != nil || code != 421 {
		t.Fatalf("after idling: %d %q %v, want 421", code, msg, err)
	}
}
