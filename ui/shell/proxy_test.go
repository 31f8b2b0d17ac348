package shell

import (
	"context"
	"net"
	"path/filepath"
	"testing"

	"github.com/ftpane/ftpane/session"
)

func TestProxy(t *testing.T) {
	e := newEnv(t)
	addr2, root2 := startServer(t)
	host, port, _ := net.SplitHostPort(addr2)
	mustContain(t, "proxy before open", e.fail("proxy pwd"), "not connected")
	e.run("proxy open " + host + " " + port)
	e.run("proxy user u pw-secret")
	data := bigContent(3000)
	writeFile(t, filepath.Join(e.root, "main.bin"), data)
	writeFile(t, filepath.Join(root2, "second.bin"), data[:100])
	// get: main server to proxy server
	e.run("proxy get main.bin copied.bin")
	if sum(t, filepath.Join(root2, "copied.bin")) != sumOf(data) {
		t.Fatal("proxy get: bytes differ on the proxy server")
	}
	// put: proxy server to main server
	e.run("proxy put second.bin")
	if sum(t, filepath.Join(e.root, "second.bin")) != sumOf(data[:100]) {
		t.Fatal("proxy put: bytes differ on the main server")
	}
	// mget: main to proxy by pattern; mput: proxy to main
	writeFile(t, filepath.Join(e.root, "m1.dat"), "m1")
	writeFile(t, filepath.Join(e.root, "m2.dat"), "m2")
	writeFile(t, filepath.Join(root2, "p1.dat"), "p1")
	e.run("prompt off")
	e.run("proxy mget m*.dat")
	e.run("proxy mput p*.dat")
	for _, p := range []string{filepath.Join(root2, "m1.dat"), filepath.Join(root2, "m2.dat"), filepath.Join(e.root, "p1.dat")} {
		if !exists(p) {
			t.Errorf("proxy mget/mput: %s missing", p)
		}
	}
	// any other command runs on the proxy connection
	e.run("proxy mkdir onlyproxy")
	if !exists(filepath.Join(root2, "onlyproxy")) || exists(filepath.Join(e.root, "onlyproxy")) {
		t.Fatal("proxy mkdir ran on the wrong server")
	}
	mustContain(t, "status", e.run("status"), "Proxy connected to "+addr2)
	e.run("proxy close")
	mustContain(t, "status after close", e.run("status"), "No proxy connection")
}

func TestProxyRelayWhenRefused(t *testing.T) {
	p := &scripted{}
	e := newEnv(t, func(o *Options) { o.Prompter = p })
	addr2, root2 := startServer(t)
	host, port, _ := net.SplitHostPort(addr2)
	e.run("proxy open " + host + " " + port)
	e.run("proxy user u pw-secret")
	e.sh.fxp = func(context.Context, *session.Remote, string, *session.Remote, string) error {
		return &session.FXPRefusedError{Server: "127.0.0.1", Reply: session.Reply{Code: 500, Lines: []string{"500 Illegal PORT command."}}}
	}
	data := bigContent(2000)
	writeFile(t, filepath.Join(e.root, "r.bin"), data)
	mustContain(t, "refused", e.run("proxy get r.bin"), "refuses server-to-server", "500 Illegal PORT command.")
	if sum(t, filepath.Join(root2, "r.bin")) != sumOf(data) {
		t.Fatal("relay: bytes differ")
	}
	if len(p.asked) != 1 || p.asked[0] != "relay through ftpane: r.bin? " {
		t.Fatalf("relay was not offered: %q", p.asked)
	}
	p.answers = []Answer{AnswerNo}
	mustContain(t, "declined", e.fail("proxy get r.bin again.bin"), "relay declined")
	if exists(filepath.Join(root2, "again.bin")) {
		t.Fatal("relayed although declined")
	}
}
