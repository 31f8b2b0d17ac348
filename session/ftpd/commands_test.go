package ftpd

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// uploadShowing is upload that also returns the text of the 150 reply.
func (c *rawClient) uploadShowing(data []byte, format string, args ...any) (started string, code int, msg string) {
	c.t.Helper()
	open := c.dataConn()
	code, started = c.send(format, args...)
	if code != 150 {
		return "", code, started
	}
	conn := open()
	if _, err := conn.Write(data); err != nil {
		c.t.Fatalf("write data: %v", err)
	}
	closeUpload(c.t, conn)
	code, msg, err := c.reply()
	if err != nil {
		c.t.Fatalf("reply after upload: %v", err)
	}
	return started, code, msg
}

// TestSTOU: STOU stores under the suggested name, else under name.1,
// name.2, never over an existing file, and names the file in its 150
// reply as RFC 1123 4.1.2.9 asks.
func TestSTOU(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sub", "a.bin"), []byte("existing"))
	_, c := loggedIn(t, Options{Dir: dir})
	c.must(250, "CWD /")
	first, second := randomBytes(70_000, 7), randomBytes(1000, 8)
	for _, tc := range []struct {
		arg, file string
		data      []byte
	}{
		{"sub/a.bin", "sub/a.bin.1", first},
		{"sub/a.bin", "sub/a.bin.2", second},
		{"", "upload", second},
		{"sub/", "sub/upload", first},
		{"new.bin", "new.bin", first},
	} {
		started, code, msg := c.uploadShowing(tc.data, "%s", strings.TrimSpace("STOU "+tc.arg))
		if started != "FILE: "+tc.file || code != 226 {
			t.Errorf("STOU %s: 150 %q then %d %q, want 150 \"FILE: %s\" then 226", tc.arg, started, code, msg, tc.file)
		}
		if got := fileSum(t, filepath.Join(dir, tc.file)); got != sum(tc.data) {
			t.Errorf("STOU %s: %s has sha256 %s, want %s", tc.arg, tc.file, got, sum(tc.data))
		}
	}
	c.must(250, "CWD sub") // a bare STOU stores in the working folder
	if started, code, _ := c.uploadShowing(first, "STOU"); started != "FILE: upload.1" || code != 226 {
		t.Errorf("STOU in /sub: 150 %q, %d", started, code)
	}
	if got := fileSum(t, filepath.Join(dir, "sub", "upload.1")); got != sum(first) {
		t.Errorf("STOU in /sub: sha256 %s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sub", "a.bin")); string(got) != "existing" {
		t.Errorf("STOU overwrote sub/a.bin: %q", got)
	}
	if mode := modeOf(t, filepath.Join(dir, "new.bin")); mode != 0o644 {
		t.Errorf("STOU file mode %o, want 644", mode)
	}
}

func TestSTOUReadOnly(t *testing.T) {
	dir := t.TempDir()
	_, c := loggedIn(t, Options{Dir: dir, ReadOnly: true})
	c.dataConn()
	if code, msg := c.send("STOU x"); code != 550 || !strings.Contains(msg, "read-only") {
		t.Errorf("STOU on a read-only server: %d %q, want 550 read-only", code, msg)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("read-only STOU left %v", names)
	}
}

// TestGlobListings: LIST, NLST and STAT expand globs like vsftpd and
// proftpd; a literal name with glob characters still wins.
func TestGlobListings(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.bin", "b.bin", "c.txt", ".hidden.bin", "sub/d.bin", "sub/e.txt", "x[1].bin", "sub2/f.bin"} {
		writeFile(t, filepath.Join(dir, name), []byte(name))
	}
	_, c := loggedIn(t, Options{Dir: dir})
	for _, tc := range []struct {
		cmd  string
		want []string
	}{
		{"NLST *.bin", []string{"a.bin", "b.bin", "x[1].bin"}},
		{"NLST sub/*.bin", []string{"sub/d.bin"}},
		{"NLST */*.bin", []string{"sub/d.bin", "sub2/f.bin"}},
		{"NLST .h*", []string{".hidden.bin"}},
		{"NLST ?.txt", []string{"c.txt"}},
		{"NLST [ab].bin", []string{"a.bin", "b.bin"}},
		{"NLST x[1].bin", []string{"x[1].bin"}}, // the literal name exists
	} {
		got := strings.Fields(string(c.download("%s", tc.cmd)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s = %q, want %q", tc.cmd, got, tc.want)
		}
	}
	list := string(c.download("LIST -l *.bin"))
	if n := strings.Count(list, "\r\n"); n != 3 || !strings.Contains(list, " a.bin\r\n") || strings.Contains(list, "c.txt") {
		t.Errorf("LIST -l *.bin: %d lines:\n%s", n, list)
	}
	c.must(250, "CWD sub")
	if got := strings.Fields(string(c.download("NLST ../*.txt"))); !slices.Equal(got, []string{"../c.txt"}) {
		t.Errorf("NLST ../*.txt from sub = %q", got)
	}
	if code, msg := c.send("NLST *.nothing"); code != 450 {
		t.Errorf("NLST of a glob matching nothing: %d %q, want 450", code, msg)
	}
	if msg := c.must(212, "STAT /*.txt"); !strings.Contains(msg, "\n -rw-r--r-- 1 ftp ftp") || !strings.Contains(msg, "c.txt") || strings.Contains(msg, "a.bin") {
		t.Errorf("STAT /*.txt = %q", msg)
	}
	c.must(550, "CWD /s*") // only listings expand globs
}

// TestMLSTFacts: FEAT names the facts, OPTS MLST selects them, MLSD and
// MLST write the selected ones, perm and unix.mode included.
func TestMLSTFacts(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "f.txt"), []byte("12345"))
	if err := os.Chmod(filepath.Join(dir, "f.txt"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, c := loggedIn(t, Options{Dir: dir})
	if feat := c.must(211, "FEAT"); !strings.Contains(feat, "\n MLST type*;size*;modify*;perm*;unix.mode*;\n") {
		t.Errorf("FEAT:\n%s", feat)
	}
	list := string(c.download("MLSD"))
	for _, want := range []string{"Type=file;Size=5;Modify=", ";Perm=rawdf;UNIX.mode=0640; f.txt\r\n", "Type=dir;Size=", ";Perm=elcmpdf;UNIX.mode=0755; d\r\n"} {
		if !strings.Contains(list, want) {
			t.Errorf("MLSD lacks %q:\n%s", want, list)
		}
	}
	if msg := c.must(200, "OPTS MLST size;UNIX.mode;bogus;"); msg != "MLST OPTS size;unix.mode;" {
		t.Errorf("OPTS MLST = %q", msg)
	}
	if got := string(c.download("MLSD d/..")); !strings.Contains(got, "Size=5;UNIX.mode=0640; f.txt\r\n") || strings.Contains(got, "Type=") {
		t.Errorf("MLSD with facts size;unix.mode:\n%s", got)
	}
	if feat := c.must(211, "FEAT"); !strings.Contains(feat, " MLST type;size*;modify;perm;unix.mode*;") {
		t.Errorf("FEAT after OPTS MLST:\n%s", feat)
	}
	c.must(200, "OPTS MLST type;perm;")
	if got := c.must(250, "MLST f.txt"); got != "Listing /f.txt\n Type=file;Perm=rawdf; /f.txt\nEnd" {
		t.Errorf("MLST f.txt = %q", got)
	}
	if got := c.must(250, "MLST /"); !strings.Contains(got, " Type=dir;Perm=elcmp; /\n") {
		t.Errorf("MLST / = %q (the root may be neither deleted nor renamed)", got)
	}
	c.must(550, "MLST missing")
	if code, msg := c.send("MLSD f.txt"); code != 550 || !strings.Contains(msg, "not a folder") {
		t.Errorf("MLSD of a file: %d %q, want 550 not a folder", code, msg)
	}
}

// TestHelp: HELP lists the commands before and after login, HELP CMD gives
// one's syntax, HELP SITE the SITE commands.
func TestHelp(t *testing.T) {
	s := startTest(t, Options{})
	c := dialRaw(t, s.Addr())
	for _, loggedIn := range []bool{false, true} {
		if loggedIn {
			c.login(testUser, testPass)
		}
		all := c.must(214, "HELP")
		for _, want := range []string{"The following commands are recognized:", "\n ABOR ACCT ALLO", " STOU ", " XCUP", "HELP CMD"} {
			if !strings.Contains(all, want) {
				t.Errorf("HELP (logged in %v) lacks %q:\n%s", loggedIn, want, all)
			}
		}
		if got := c.must(214, "HELP stou"); got != "Syntax: STOU [<sp> name] (upload under a unique name)" {
			t.Errorf("HELP stou = %q", got)
		}
		if got := c.must(214, "HELP SITE"); !strings.Contains(got, "\n IDLE [seconds]") {
			t.Errorf("HELP SITE = %q", got)
		}
		if code, msg := c.send("HELP NOSUCH"); code != 502 || !strings.Contains(msg, "Unknown command NOSUCH") {
			t.Errorf("HELP NOSUCH: %d %q", code, msg)
		}
	}
	if got := c.must(214, "SITE HELP"); !strings.Contains(got, "\n UMASK [mask]") {
		t.Errorf("SITE HELP = %q", got)
	}
}

// TestRFC959Minimum: STRU F, the X* aliases of RFC 775, ACCT.
func TestRFC959Minimum(t *testing.T) {
	dir := t.TempDir()
	s := startTest(t, Options{Dir: dir})
	c := dialRaw(t, s.Addr())
	c.must(530, "STRU F") // like every file command, after login
	c.must(202, "ACCT x")
	c.login(testUser, testPass)
	for cmd, want := range map[string]int{"STRU F": 200, "stru f": 200, "STRU R": 504, "STRU P": 504, "STRU X": 501, "STRU": 501, "ACCT acme": 202} {
		if code, msg := c.send("%s", cmd); code != want {
			t.Errorf("%s: %d %q, want %d", cmd, code, msg, want)
		}
	}
	if got := c.must(257, "XMKD made"); !strings.Contains(got, `"/made"`) {
		t.Errorf("XMKD = %q", got)
	}
	c.must(250, "CWD made")
	if got := c.must(257, "XPWD"); !strings.HasPrefix(got, `"/made"`) {
		t.Errorf("XPWD = %q", got)
	}
	c.must(250, "XCUP")
	if got := c.must(257, "PWD"); !strings.HasPrefix(got, `"/"`) {
		t.Errorf("PWD after XCUP = %q", got)
	}
	c.must(250, "XRMD made")
	if _, err := os.Stat(filepath.Join(dir, "made")); !os.IsNotExist(err) {
		t.Errorf("XRMD left the folder: %v", err)
	}
}

// TestSiteIdleAndUmask: SITE IDLE lowers this session's idle limit within
// the server's; SITE UMASK sets the modes of what it creates next.
func TestSiteIdleAndUmask(t *testing.T) {
	dir := t.TempDir()
	_, c := loggedIn(t, Options{Dir: dir, IdleTimeout: 120e9})
	if got := c.must(200, "SITE IDLE"); got != "Current idle time limit is 120 seconds; max 120" {
		t.Errorf("SITE IDLE = %q", got)
	}
	c.must(200, "SITE IDLE 60")
	if got := c.must(200, "SITE IDLE"); !strings.HasPrefix(got, "Current idle time limit is 60 seconds") {
		t.Errorf("SITE IDLE after setting 60 = %q", got)
	}
	for _, bad := range []string{"121", "5", "soon"} {
		if code, msg := c.send("SITE IDLE %s", bad); code != 501 || msg != "SITE IDLE takes seconds from 30 to 120" {
			t.Errorf("SITE IDLE %s: %d %q", bad, code, msg)
		}
	}
	if got := c.must(200, "SITE UMASK"); got != "Current UMASK is 022" {
		t.Errorf("SITE UMASK = %q", got)
	}
	if got := c.must(200, "SITE UMASK 077"); got != "UMASK set to 077 (was 022)" {
		t.Errorf("SITE UMASK 077 = %q", got)
	}
	if code, msg := c.upload([]byte("secret"), "STOR private.txt"); code != 226 {
		t.Fatalf("STOR: %d %q", code, msg)
	}
	c.must(257, "MKD private.d")
	if f, d := modeOf(t, filepath.Join(dir, "private.txt")), modeOf(t, filepath.Join(dir, "private.d")); f != 0o600 || d != 0o700 {
		t.Errorf("after SITE UMASK 077: file %o folder %o, want 600 and 700", f, d)
	}
	for _, bad := range []string{"888", "1777", "x"} {
		if code, _ := c.send("SITE UMASK %s", bad); code != 501 {
			t.Errorf("SITE UMASK %s: %d, want 501", bad, code)
		}
	}
}

// TestFrontEndRefuses: a NUL byte (which would pass for one of the front
// end's markers) and over-long lines.
func TestFrontEndRefuses(t *testing.T) {
	_, c := loggedIn(t, Options{})
	if code, msg := c.send("SITE \x00HELP"); code != 501 || !strings.Contains(msg, "NUL") {
		t.Errorf("a command with NUL: %d %q, want 501", code, msg)
	}
	if code, msg := c.send("CWD %s", strings.Repeat("a", 5000)); code != 500 || !strings.Contains(msg, "too long") {
		t.Errorf("a 5000-byte line: %d %q, want 500 too long", code, msg)
	}
	if _, _, err := c.reply(); err == nil {
		t.Error("connection still open after a too long line")
	}
}

// TestGlobBound: a glob matching more than maxGlobMatches names is refused
// rather than listed.
func TestGlobBound(t *testing.T) {
	dir := t.TempDir()
	for i := range maxGlobMatches + 1 {
		f, err := os.Create(filepath.Join(dir, strconv.Itoa(i)))
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	_, c := loggedIn(t, Options{Dir: dir})
	if code, msg := c.send("NLST *"); code != 450 || !strings.Contains(msg, "more than 10000 names match") {
		t.Errorf("NLST * over %d names: %d %q, want 450", maxGlobMatches+1, code, msg)
	}
	if got := len(strings.Fields(string(c.download("NLST 1*")))); got != 1112 {
		t.Errorf("NLST 1* = %d names, want 1112 (1, 10-19, 100-199, 1000-1999, 10000)", got)
	}
}
