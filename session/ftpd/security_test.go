package ftpd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrongPasswordIs530(t *testing.T) {
	s := startTest(t, Options{})
	for _, tc := range []struct{ user, pass string }{
		{testUser, "wrong"},
		{"bob", testPass},
		{testUser, ""},
	} {
		c := dialRaw(t, s.Addr())
		c.must(331, "USER %s", tc.user)
		c.must(530, "PASS %s", tc.pass)
	}
	// Before login, file commands are refused too.
	c := dialRaw(t, s.Addr())
	c.must(530, "SIZE anything")
}

func TestAnonymous(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pub.txt"), []byte("public\n"))
	t.Run("enabled", func(t *testing.T) {
		s := startTest(t, Options{Dir: dir, Anonymous: true})
		for _, user := range []string{"anonymous", "ftp", "Anonymous"} {
			c := dialRaw(t, s.Addr())
			c.login(user, "guest@example.org")
			if got := string(c.download("RETR pub.txt")); got != "public\n" {
				t.Errorf("%s: RETR pub.txt = %q", user, got)
			}
		}
		c := dialRaw(t, s.Addr())
		c.must(331, "USER alice")
		c.must(530, "PASS whatever") // anonymous-only server: no other account
	})
	t.Run("disabled", func(t *testing.T) {
		s := startTest(t, Options{Dir: dir})
		c := dialRaw(t, s.Addr())
		c.must(331, "USER anonymous")
		c.must(530, "PASS guest@example.org")
	})
	t.Run("both", func(t *testing.T) {
		s := startTest(t, Options{Dir: dir, User: testUser, Pass: testPass, Anonymous: true})
		dialRaw(t, s.Addr()).login("anonymous", "x")
		dialRaw(t, s.Addr()).login(testUser, testPass)
	})
}

// TestReadOnlyRefusesWrites: every write gets a 550-class reply saying the
// server is read-only, and nothing changes on disk.
func TestReadOnlyRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.txt")
	writeFile(t, path, []byte("original"))
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir, ReadOnly: true})
	before, _ := os.Stat(path)

	check := func(what string, code int, msg string) {
		t.Helper()
		if code/10 != 55 || !strings.Contains(msg, "read-only") {
			t.Errorf("%s: reply %d %q, want 55x saying read-only", what, code, msg)
		}
	}
	code, msg := c.upload([]byte("new"), "STOR new.txt")
	check("STOR", code, msg)
	code, msg = c.upload([]byte("more"), "APPE keep.txt")
	check("APPE", code, msg)
	code, msg = c.upload([]byte("over"), "STOR keep.txt")
	check("STOR over a file", code, msg)
	code, msg = c.send("DELE keep.txt")
	check("DELE", code, msg)
	code, msg = c.send("MKD other")
	check("MKD", code, msg)
	code, msg = c.send("RMD folder")
	check("RMD", code, msg)
	c.must(350, "RNFR keep.txt") // RNFR only checks the name exists
	code, msg = c.send("RNTO moved.txt")
	check("RNTO", code, msg)
	code, msg = c.send("SITE CHMOD 600 keep.txt")
	check("SITE CHMOD", code, msg)
	code, msg = c.send("MFMT 20200101000000 keep.txt")
	check("MFMT", code, msg)
	code, msg = c.send("SITE MKDIR a/b")
	check("SITE MKDIR", code, msg)
	code, msg = c.send("SITE RMDIR folder")
	check("SITE RMDIR", code, msg)

	if got := string(c.download("RETR keep.txt")); got != "original" {
		t.Errorf("reading still works: RETR = %q", got)
	}
	after, _ := os.Stat(path)
	if after.Mode() != before.Mode() || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("keep.txt changed: %v %v %d -> %v %v %d", before.Mode(), before.ModTime(), before.Size(), after.Mode(), after.ModTime(), after.Size())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder now holds %d entries, want 2 (keep.txt, folder)", len(entries))
	}
}

// TestPathEscape: neither "..", absolute paths nor symlinks let a client
// read or write outside the served folder; symlinks inside it still work.
func TestPathEscape(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	writeFile(t, filepath.Join(outside, "secret.txt"), []byte("TOP SECRET"))
	dir := filepath.Join(base, "served")
	writeFile(t, filepath.Join(dir, "docs", "inside.txt"), []byte("inside"))
	for name, target := range map[string]string{
		"abs-file":  filepath.Join(outside, "secret.txt"),
		"abs-dir":   outside,
		"rel-file":  "../outside/secret.txt",
		"rel-dir":   "../outside",
		"etc":       "/etc",
		"good-link": "docs/inside.txt",
		"good-dir":  "docs",
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	_, c := loggedIn(t, Options{Dir: dir})

	for _, p := range []string{
		"../../etc/passwd", "/../../../../etc/passwd", "../outside/secret.txt",
		"abs-file", "rel-file", "abs-dir/secret.txt", "rel-dir/secret.txt", "etc/passwd",
	} {
		b, code, msg := c.tryDownload("RETR %s", p)
		if code/100 != 5 || strings.Contains(string(b), "SECRET") || strings.Contains(string(b), "root:") {
			t.Errorf("RETR %s: %d %q with %d bytes, want a 5xx refusal", p, code, msg, len(b))
		}
	}
	for _, p := range []string{"abs-dir", "rel-dir", "etc"} {
		if code, msg := c.send("CWD %s", p); code != 550 {
			t.Errorf("CWD %s: %d %q, want 550", p, code, msg)
		}
	}
	c.must(250, "CWD ../../..")
	if got := c.must(257, "PWD"); !strings.HasPrefix(got, `"/"`) {
		t.Errorf("after CWD ../../.. PWD = %s, want /", got)
	}
	if list := string(c.download("LIST ../..")); !strings.Contains(list, "docs") || strings.Contains(list, "outside") {
		t.Errorf("LIST ../.. must list the served root:\n%s", list)
	}
	if code, msg := c.upload([]byte("pwned"), "STOR rel-dir/planted.txt"); code/100 != 5 {
		t.Errorf("STOR through a symlink out: %d %q", code, msg)
	}
	if _, err := os.Stat(filepath.Join(outside, "planted.txt")); err == nil {
		t.Error("a file was written outside the served folder")
	}
	if got := string(c.download("RETR good-link")); got != "inside" {
		t.Errorf("RETR through an inside symlink = %q", got)
	}
	c.must(250, "CWD good-dir")
	if got := string(c.download("RETR inside.txt")); got != "inside" {
		t.Errorf("RETR in a symlinked folder = %q", got)
	}
}

// TestRootCannotBeRemoved: the served folder itself is not a target.
func TestRootCannotBeRemoved(t *testing.T) {
	dir := t.TempDir()
	_, c := loggedIn(t, Options{Dir: dir})
	c.must(550, "RMD /")
	c.must(550, "SITE RMDIR /")
	c.must(350, "RNFR /")
	c.must(550, "RNTO /elsewhere")
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("served folder: %v", err)
	}
}

func TestStartErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, file, nil)
	busy := startTest(t, Options{})
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"missing dir", Options{Dir: filepath.Join(t.TempDir(), "nope"), User: "u", Pass: "p"}, "no such file"},
		{"file", Options{Dir: file, User: "u", Pass: "p"}, "not a folder"},
		{"no account", Options{Dir: t.TempDir()}, "no account"},
		{"empty password", Options{Dir: t.TempDir(), User: "u"}, "empty password"},
		{"implicit without TLS", Options{Dir: t.TempDir(), User: "u", Pass: "p", ImplicitTLS: true}, "implicit TLS"},
		{"port in use", Options{Dir: t.TempDir(), User: "u", Pass: "p", Addr: busy.Addr()}, "address already in use"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.Addr == "" {
				tc.opts.Addr = "127.0.0.1:0"
			}
			s, err := Start(tc.opts)
			if err == nil {
				s.Close()
				t.Fatal("Start succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "serve ") {
				t.Errorf("error %q, want it to start with \"serve \" and mention %q", err, tc.want)
			}
		})
	}
}

// TestPassiveStaysOnListenAddress: PASV announces the listen IP.
func TestPassiveStaysOnListenAddress(t *testing.T) {
	_, c := loggedIn(t, Options{})
	if msg := c.must(227, "PASV"); !strings.Contains(msg, "(127,0,0,1,") {
		t.Errorf("PASV = %q, want 127.0.0.1", msg)
	}
}
