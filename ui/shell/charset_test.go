package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbkName(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCharsetCommand: a server with GBK names; ls says what they look
// like, charset gbk switches at once, and a file listed, downloaded and
// uploaded again under a Chinese name lands with GBK name bytes.
func TestCharsetCommand(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, gbkName(t, "说明.txt")), "说明 content\n")
	out := e.run("ls")
	mustContain(t, "ls before charset", out, "they look like gbk", ":charset gbk")
	if first, _, _ := strings.Cut(out, "\n"); strings.Contains(first, "说明.txt") {
		t.Fatalf("ls read GBK names as UTF-8 before charset: %q", out)
	}
	mustContain(t, "charset", e.run("charset"), "Remote names are read as utf-8.")
	mustContain(t, "charset gbk", e.run("charset gbk"), "Remote names are now read as gbk.")
	out = e.run("ls")
	mustContain(t, "ls after charset", out, "说明.txt")
	if strings.Contains(out, "look like") {
		t.Errorf("a hint after the charset was chosen: %q", out)
	}
	e.run("get 说明.txt copy.txt")
	if b, err := os.ReadFile(filepath.Join(e.local, "copy.txt")); err != nil || string(b) != "说明 content\n" {
		t.Fatalf("downloaded %q, %v", b, err)
	}
	e.run("put copy.txt 副本.txt")
	if b, err := os.ReadFile(filepath.Join(e.root, gbkName(t, "副本.txt"))); err != nil || string(b) != "说明 content\n" {
		t.Fatalf("uploaded file under its GBK name: %q, %v", b, err)
	}
	mustContain(t, "charset klingon", e.fail("charset klingon"), "unknown name encoding")
	mustContain(t, "charset back", e.run("charset utf-8"), "now read as utf-8")
}

// TestLsOptionsReachServer: ls -lt sends LIST -lt, with the folder.
func TestLsOptionsReachServer(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "d/a.txt"), "a")
	e.run("debug")
	mustContain(t, "ls -lt d", e.run("ls -lt d"), "---> LIST -lt d", "a.txt")
	mustContain(t, "dir -l -t", e.run("dir -l -t"), "---> LIST -l -t")
	mustContain(t, "ls a b c", e.fail("ls -l a b c"), "usage: ls")
	mustContain(t, "ls -l;rm", e.fail("ls -l;rm"), "not an ls option")
}
