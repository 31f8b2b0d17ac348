package session

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t *testing.T, s string) string {
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGBKServer: names go to the server in GBK and come back as UTF-8, in
// replies, in our own listings and in the library's NLST.
func TestGBKServer(t *testing.T) {
	data, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	port := data.Addr().(*net.TCPAddr).Port
	serveList := func(c *fakeConn, body string) {
		c.send(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", port))
		c.expect("")
		c.send("150 here")
		dc, err := data.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		fmt.Fprint(dc, body)
		dc.Close()
		c.send("226 done")
	}
	var cwd string
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		cwd = c.expect("CWD ")
		c.send("250 ok")
		c.expect("PWD")
		c.send(gbk(t, `257 "/文档" is cwd`))
		c.expect("EPSV")
		serveList(c, gbk(t, "-rw-r--r-- 1 u g 5 Jan 1 2020 说明.txt\r\n"))
		c.expect("EPSV")
		serveList(c, gbk(t, "会议.md\r\n"))
		c.expect("QUIT")
	})
	cfg.Encoding = "gbk"
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	if p, err := r.Chdir(ctx, "/文档"); err != nil || p != "/文档" {
		t.Fatalf("cd: %q %v", p, err)
	}
	if cwd != gbk(t, "CWD /文档") {
		t.Fatalf("server got %q, want the name in GBK", cwd)
	}
	l, err := r.List(ctx, "")
	if err != nil || len(l.Entries) != 1 || l.Entries[0].Name != "说明.txt" {
		t.Fatalf("listing %+v %v", l.Entries, err)
	}
	names, err := r.NameList(ctx, "")
	if err != nil || strings.Join(names, ",") != "会议.md" {
		t.Fatalf("NLST %q %v", names, err)
	}
}

func TestUnknownEncoding(t *testing.T) {
	if _, err := Dial(context.Background(), Config{Host: "127.0.0.1", Encoding: "klingon"}); err == nil ||
		!strings.Contains(err.Error(), "unknown name encoding") {
		t.Fatalf("got %v", err)
	}
	c, _ := newNameCodec("latin1")
	if _, err := c.encode("CWD 文档"); err == nil {
		t.Fatal("a name Latin-1 cannot hold must be an error, not a mangled name")
	}
}
