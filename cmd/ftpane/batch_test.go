package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/ftpd"
)

// batchServer serves a temporary folder; it returns host, port and the folder.
func batchServer(t *testing.T) (string, string, string) {
	t.Helper()
	root := t.TempDir()
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-secret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(srv.Addr())
	return host, port, root
}

// runScript runs ftpane in batch mode with script on stdin, in dir.
func runBatchScript(t *testing.T, dir, script string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	t.Chdir(dir)
	code := run(args, strings.NewReader(script), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBatchClassicOutput(t *testing.T) {
	host, port, root := batchServer(t)
	local := t.TempDir()
	os.WriteFile(filepath.Join(root, "a"), []byte(strings.Repeat("x", 2500)), 0o644)
	script := "user u pw-secret\nhash\nget a\nmacdef two\nget $1 $2\nsize $1\n\n$ two a b\nbye\nget never\n"
	code, out, errs := runBatchScript(t, local, script, "-n", "-v", "-d", host, port)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{"220", "---> USER u", "---> PASS", "local: a remote: a", "##\n226",
		"2500 bytes received in", "a\t2500"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errs, "pw-secret") {
		t.Error("the password was printed")
	}
	if b, _ := os.ReadFile(filepath.Join(local, "b")); len(b) != 2500 {
		t.Errorf("macro get: %d bytes", len(b))
	}
	if _, err := os.Stat(filepath.Join(local, "never")); err == nil {
		t.Error("a command after bye ran")
	}
}

func TestBatchExitStatus(t *testing.T) {
	host, port, root := batchServer(t)
	local := t.TempDir()
	os.WriteFile(filepath.Join(root, "ok"), []byte("ok"), 0o644)
	code, out, errs := runBatchScript(t, local, "user u pw-secret\nget missing\nget ok\r\nfrobnicate\n", "-n", host, port)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "550") || !strings.Contains(errs, "Invalid command") {
		t.Errorf("stderr lacks the reasons: %q", errs)
	}
	if _, err := os.Stat(filepath.Join(local, "ok")); err != nil {
		t.Error("the script stopped at the first failure (a CRLF script line must work too)")
	}
	code, _, _ = runBatchScript(t, local, "user u pw-secret\nget ok\n", "-n", host, port)
	if code != 0 {
		t.Fatalf("exit %d for a clean script", code)
	}
}

func TestBatchFileAndOpen(t *testing.T) {
	host, port, root := batchServer(t)
	local := t.TempDir()
	os.WriteFile(filepath.Join(root, "f"), []byte("f"), 0o644)
	script := filepath.Join(t.TempDir(), "script")
	os.WriteFile(script, []byte("open "+host+" "+port+"\nuser u pw-secret\nget f g\n! echo shell > sh.txt\n!\n"), 0o644)
	code, out, errs := runBatchScript(t, local, "", "-n", "-b", script)
	if code != 1 || !strings.Contains(errs, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q (the empty ! must be refused)\n%s", code, errs, out)
	}
	for _, n := range []string{"g", "sh.txt"} {
		if _, err := os.Stat(filepath.Join(local, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	code, _, errs = runBatchScript(t, local, "", "-b", filepath.Join(local, "nope"))
	if code != 2 || !strings.Contains(errs, "nope") {
		t.Fatalf("missing script: exit %d, %q", code, errs)
	}
}

func TestBatchFlagsGlobAndNetrc(t *testing.T) {
	host, port, root := batchServer(t)
	local := t.TempDir()
	for _, n := range []string{"*.txt", "a.txt"} {
		os.WriteFile(filepath.Join(root, n), []byte(n), 0o644)
	}
	// -g: the pattern is a name
	code, out, errs := runBatchScript(t, local, "user u pw-secret\nmget *.txt\n", "-n", "-g", "-i", host, port)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(local, "a.txt")); err == nil {
		t.Fatal("-g did not turn globbing off")
	}
	// ~/.netrc logs in and runs init (without -n)
	home := t.TempDir()
	netrc := filepath.Join(home, ".netrc")
	os.WriteFile(netrc, []byte("machine "+host+" login u password pw-secret\nmacdef init\nget a.txt from-init.txt\n\n"), 0o600)
	t.Setenv("NETRC", netrc)
	code, out, errs = runBatchScript(t, local, "pwd\n", host, port)
	if code != 0 || !strings.Contains(out, "Remote directory: /") {
		t.Fatalf("netrc login: exit %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(local, "from-init.txt")); err != nil {
		t.Fatalf("the netrc init macro did not run: %v", err)
	}
}

func TestBatchMacdefAtEndOfScript(t *testing.T) {
	host, port, _ := batchServer(t)
	local := t.TempDir()
	script := "user u pw-secret\r\nmacdef last\r\npwd\r\n"
	code, out, errs := runBatchScript(t, local, script, "-n", host, port)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(out, "Remote directory") {
		t.Fatalf("a macro body line ran as a command: %q", out)
	}
}

// TestBatchOutputOrder: output to a file is buffered, but each command's
// output still comes before the error of the command after it, as a user
// reading `ftpane -b script > log 2>&1` expects.
func TestBatchOutputOrder(t *testing.T) {
	host, port, _ := batchServer(t)
	t.Chdir(t.TempDir())
	var both strings.Builder
	script := "user u pw-secret\npwd\ncd /nowhere\nmkdir made\nrmdir made\n"
	if code := run([]string{"-n", "-v", host, port}, strings.NewReader(script), &both, &both); code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, both.String())
	}
	out := both.String()
	pwd, cd, rmdir := strings.Index(out, "Remote directory: /"), strings.Index(out, "nowhere"), strings.Index(out, "made")
	if pwd < 0 || cd < 0 || rmdir < 0 || !(pwd < cd && cd < rmdir) {
		t.Fatalf("output out of order (pwd at %d, cd's error at %d, mkdir at %d):\n%s", pwd, cd, rmdir, out)
	}
}
