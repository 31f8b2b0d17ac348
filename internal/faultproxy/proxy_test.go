package faultproxy

import (
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestRewritePointsPassiveRepliesAtTheProxy(t *testing.T) {
	p, err := Start("127.0.0.1:21")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, line := range []string{
		"229 Entering Extended Passive Mode (|||40001|)\r\n",
		"227 Entering Passive Mode (10,0,0,5,156,65).\r\n",
	} {
		got := p.rewrite(line)
		if got == line || !strings.HasSuffix(got, "\r\n") {
			t.Errorf("rewrite(%q) = %q, want a new port", line, got)
		}
		if strings.HasPrefix(line, "227") && !strings.Contains(got, "(127,0,0,1,") {
			t.Errorf("rewrite(%q) = %q, want 127.0.0.1", line, got)
		}
	}
	if got := p.rewrite("226 Transfer complete\r\n"); got != "226 Transfer complete\r\n" {
		t.Errorf("other reply changed: %q", got)
	}
}

func TestCutDataAfterRelaysExactlyThatMuch(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write(make([]byte, 100_000))
		c.Close()
	}()
	p, err := Start(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	hit := p.CutDataAfter(40_000)
	port, _ := p.relay(ln.Addr().(*net.TCPAddr).Port)
	c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	b, _ := io.ReadAll(c)
	<-hit
	if len(b) != 40_000 {
		t.Errorf("relayed %d bytes, want 40000", len(b))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
