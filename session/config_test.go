package session

import (
	"errors"
	"testing"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in                    string
		host, user, pass, dir string
		port                  int
		tls                   TLSMode
		addr                  string
	}{
		{in: "ftp.example.org", host: "ftp.example.org", addr: "ftp.example.org:21"},
		{in: "ftp://alice:p%40ss@h:2121/pub/x", host: "h", user: "alice", pass: "p@ss", dir: "/pub/x", port: 2121, addr: "h:2121"},
		{in: "ftps://h", host: "h", tls: TLSImplicit, addr: "h:990"},
		{in: "ftpes://bob@h/", host: "h", user: "bob", dir: "/", tls: TLSExplicit, addr: "h:21"},
		{in: "ftp://[::1]:21/", host: "::1", dir: "/", port: 21, addr: "[::1]:21"},
	}
	for _, tt := range tests {
		c, err := ParseURL(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		got := [...]any{c.Host, c.User, c.Password, c.Dir, c.Port, c.TLS, c.Addr()}
		want := [...]any{tt.host, tt.user, tt.pass, tt.dir, tt.port, tt.tls, tt.addr}
		if got != want {
			t.Errorf("%q: got %v want %v", tt.in, got, want)
		}
	}
	for _, bad := range []string{"", "http://h", "ftp://", "ftp://h:0", "ftp://h:70000", "ftp://u%0D%0APASS:x@h",
		"ftp://h/a%0Ab", "user@host"} {
		if _, err := ParseURL(bad); !errors.Is(err, ErrBadURL) {
			t.Errorf("%q: want ErrBadURL, got %v", bad, err)
		}
	}
}

func TestLabelNeverShowsPassword(t *testing.T) {
	c, _ := ParseURL("ftp://alice:hunter2@h")
	if l := c.Label(); l != "alice@h:21" {
		t.Fatalf("label %q", l)
	}
}

func TestMaskSecrets(t *testing.T) {
	for in, want := range map[string]string{"PASS hunter2": "PASS ****", "pass x y": "pass ****",
		"ACCT acct": "ACCT ****", "USER alice": "USER alice", "PASSIVE": "PASSIVE"} {
		if got := maskSecrets(in); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}

func TestReplyText(t *testing.T) {
	r := Reply{Code: 211, Lines: []string{"211-Features:", " MDTM", "211 End"}}
	if r.Text() != "Features:\n MDTM\nEnd" {
		t.Fatalf("%q", r.Text())
	}
	if checkArg("ok", "a\rb") == nil || checkArg("x\x00") == nil || checkArg("fine name") != nil {
		t.Fatal("checkArg")
	}
}
