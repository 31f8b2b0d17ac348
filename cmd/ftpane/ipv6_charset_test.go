package main

import (
	"crypto/sha256"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session/ftpd"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestBatchIPv6: "ftpane '[::1]' PORT" and "ftpane ::1 PORT" reach a
// server on the IPv6 loopback, passive (EPSV) and active (EPRT), and a
// file arrives intact.
func TestBatchIPv6(t *testing.T) {
	if !testsrv.HasIPv6Loopback() {
		t.Skip("this machine has no IPv6 loopback (::1)")
	}
	root := t.TempDir()
	data := []byte(strings.Repeat("six", 40000))
	os.WriteFile(filepath.Join(root, "f.bin"), data, 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "[::1]:0", User: "u", Pass: "pw-secret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, port, _ := net.SplitHostPort(srv.Addr())
	for _, c := range []struct{ host, mode, want string }{{"[::1]", "-p", "---> EPSV"}, {"::1", "-A", "---> EPRT |2|::1|"}} {
		local := t.TempDir()
		code, out, errs := runBatchScript(t, local, "user u pw-secret\nget f.bin\nbye\n", "-n", "-d", c.mode, c.host, port)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Fatalf("ftpane %s %s: exit %d, want %q\nstdout:\n%s\nstderr:\n%s", c.host, port, code, c.want, out, errs)
		}
		got, _ := os.ReadFile(filepath.Join(local, "f.bin"))
		if sha256.Sum256(got) != sha256.Sum256(data) {
			t.Fatalf("ftpane %s: %d bytes arrived, sha256 differs", c.host, len(got))
		}
	}
}

// TestBatchCharset: in batch mode, ls names the charset the names look
// like, and charset gbk makes them readable and usable.
func TestBatchCharset(t *testing.T) {
	host, port, root := batchServer(t)
	name, _ := simplifiedchinese.GBK.NewEncoder().String("目录说明.txt")
	os.WriteFile(filepath.Join(root, name), []byte("gbk\n"), 0o644)
	local := t.TempDir()
	script := "user u pw-secret\nls\ncharset gbk\nls\nget 目录说明.txt\nbye\n"
	code, out, errs := runBatchScript(t, local, script, "-n", host, port)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{"they look like gbk", "Remote names are now read as gbk.", " 目录说明.txt\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if b, err := os.ReadFile(filepath.Join(local, "目录说明.txt")); err != nil || string(b) != "gbk\n" {
		t.Fatalf("get after charset: %q, %v", b, err)
	}
}
