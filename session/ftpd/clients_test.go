package ftpd

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runClient runs a client program with stdin and returns its stdout and
// stderr together; a non-zero exit fails the test.
func runClient(t *testing.T, dir, stdin string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), curlTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, toolPath(t, name), args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

// TestTnftp: the classic client's mget and mdelete send NLST with the
// glob, and its sunique sends STOU; every file is checked by sha256.
func TestTnftp(t *testing.T) {
	dir, local := t.TempDir(), t.TempDir()
	one, two, up := randomBytes(200_000, 1), randomBytes(3000, 2), randomBytes(100_000, 3)
	writeFile(t, filepath.Join(dir, "one.bin"), one)
	writeFile(t, filepath.Join(dir, "two.bin"), two)
	writeFile(t, filepath.Join(dir, "skip.txt"), []byte("not a bin"))
	writeFile(t, filepath.Join(dir, "old1.log"), nil)
	writeFile(t, filepath.Join(dir, "old2.log"), nil)
	writeFile(t, filepath.Join(local, "up.bin"), up)
	s := startTest(t, Options{Dir: dir})
	host, port, _ := net.SplitHostPort(s.Addr())
	script := fmt.Sprintf("user %s %s\nbinary\nmget *.bin\nmdelete *.log\nsunique\nput up.bin\nput up.bin\nbye\n", testUser, testPass)
	out := runClient(t, local, script, "tnftp", "-n", "-i", "-v", host, port)
	for name, data := range map[string][]byte{"one.bin": one, "two.bin": two} {
		if got := fileSum(t, filepath.Join(local, name)); got != sum(data) {
			t.Errorf("mget %s: sha256 %s, want %s", name, got, sum(data))
		}
	}
	if _, err := os.Stat(filepath.Join(local, "skip.txt")); !os.IsNotExist(err) {
		t.Errorf("mget *.bin fetched skip.txt: %v", err)
	}
	for _, name := range []string{"old1.log", "old2.log"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("mdelete *.log left %s: %v", name, err)
		}
	}
	for _, name := range []string{"up.bin", "up.bin.1"} {
		if got := fileSum(t, filepath.Join(dir, name)); got != sum(up) {
			t.Errorf("sunique put: %s has sha256 %s, want %s", name, got, sum(up))
		}
	}
	for _, want := range []string{"150 FILE: up.bin\n", "150 FILE: up.bin.1\n", "250 Removed file /old2.log"} {
		if !strings.Contains(out, want) {
			t.Errorf("tnftp output lacks %q:\n%s", want, out)
		}
	}
}

// pythonScript drives Python's ftplib; it prints one JSON object.
const pythonScript = `
import ftplib, io, json, sys
host, port, user, pw, data_path = sys.argv[1:6]
out = {}
f = ftplib.FTP()
f.connect(host, int(port), timeout=20)
f.login(user, pw)
out["mlsd"] = list(f.mlsd(facts=["type", "size", "unix.mode"]))
out["nlst"] = f.nlst("*.bin")
log = []
f.set_debuglevel(1)
import builtins
real_print = builtins.print
builtins.print = lambda *a, **k: log.append(" ".join(str(x) for x in a))
with open(data_path, "rb") as src:
    out["stou"] = f.storbinary("STOU", src)
builtins.print = real_print
f.set_debuglevel(0)
out["stou_log"] = log
for cmd in ["HELP", "HELP STRU", "STRU F", "XPWD", "XMKD made", "XRMD made", "XCUP", "ACCT none", "SITE IDLE 60", "SITE UMASK 027"]:
    out[cmd] = f.sendcmd(cmd)
f.quit()
print(json.dumps(out))
`

// TestPythonFtplib: Python's standard library client: mlsd with chosen
// facts, nlst with a glob, STOU, HELP and the RFC 959 minimum.
func TestPythonFtplib(t *testing.T) {
	dir, local := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dir, "a.bin"), []byte("abc"))
	writeFile(t, filepath.Join(dir, "b.bin"), []byte("b"))
	writeFile(t, filepath.Join(dir, "c.txt"), []byte("c"))
	data := randomBytes(150_000, 9)
	writeFile(t, filepath.Join(local, "data"), data)
	s := startTest(t, Options{Dir: dir})
	host, port, _ := net.SplitHostPort(s.Addr())
	raw := runClient(t, local, "", "python3", "-c", pythonScript, host, port, testUser, testPass, "data")
	var out map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("python output: %v\n%s", err, raw)
	}
	str := func(key string) string {
		var v any
		json.Unmarshal(out[key], &v)
		return fmt.Sprint(v)
	}
	if got := string(out["mlsd"]); !strings.Contains(got, `["a.bin", {"type": "file", "size": "3", "unix.mode": "0644"}]`) || strings.Contains(got, "modify") {
		t.Errorf("mlsd(facts=[type, size, unix.mode]) = %s", got)
	}
	var nlst []string
	json.Unmarshal(out["nlst"], &nlst)
	if !slices.Equal(nlst, []string{"a.bin", "b.bin"}) {
		t.Errorf("nlst('*.bin') = %q", nlst)
	}
	if got := fileSum(t, filepath.Join(dir, stouDefault)); got != sum(data) {
		t.Errorf("storbinary('STOU'): sha256 %s, want %s", got, sum(data))
	}
	if log := str("stou_log"); !strings.Contains(log, "*resp* '150 FILE: upload'") {
		t.Errorf("STOU replies seen by ftplib: %s", log)
	}
	for key, want := range map[string]string{
		"stou":           "226 ",
		"HELP":           "214-The following commands are recognized:\n ABOR ACCT",
		"HELP STRU":      "214 Syntax: STRU <sp> F (file structure)",
		"STRU F":         "200 Structure set to F (file)",
		"XPWD":           `257 "/" is the current directory`,
		"XMKD made":      `257 Created dir "/made"`,
		"XRMD made":      "250 ",
		"XCUP":           "250 ",
		"ACCT none":      "202 ACCT not needed",
		"SITE IDLE 60":   "200 Maximum idle time set to 60 seconds",
		"SITE UMASK 027": "200 UMASK set to 027 (was 022)",
	} {
		if got := str(key); !strings.HasPrefix(got, want) {
			t.Errorf("%s: ftplib got %q, want it to start with %q", key, got, want)
		}
	}
}

// TestCurlGlobAndCommands: curl lists with a glob (-X replaces its LIST)
// and sends the commands it is given with -Q, failing on any error reply.
func TestCurlGlobAndCommands(t *testing.T) {
	dir := t.TempDir()
	data := randomBytes(64<<10, 5)
	writeFile(t, filepath.Join(dir, "a.bin"), data)
	writeFile(t, filepath.Join(dir, "b.txt"), []byte("b"))
	s := startTest(t, Options{Dir: dir})
	base := fmt.Sprintf("ftp://%s:%s@%s/", testUser, testPass, s.Addr())
	if got := strings.Fields(runCurl(t, 0, "-X", "NLST *.bin", base)); !slices.Equal(got, []string{"a.bin"}) {
		t.Errorf("curl -X 'NLST *.bin' = %q", got)
	}
	if got := runCurl(t, 0, "-X", "LIST *.txt", base); !strings.Contains(got, " b.txt") || strings.Contains(got, "a.bin") {
		t.Errorf("curl -X 'LIST *.txt' = %q", got)
	}
	out := filepath.Join(t.TempDir(), "a.bin")
	runCurl(t, 0, "-Q", "STRU F", "-Q", "HELP", "-Q", "SITE UMASK 022", "-o", out, base+"a.bin")
	if got := fileSum(t, out); got != sum(data) {
		t.Errorf("curl get after -Q commands: sha256 %s, want %s", got, sum(data))
	}
}
