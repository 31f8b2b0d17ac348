package session

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestListThroughLsDetected: a server that answers "LIST -a /srv/missing"
// with ls's complaint as the listing (inetutils, netkit) is caught: the
// complaint is not shown as an entry, the folder is entered instead, the
// server's 550 comes back as the error, and from then on folders are
// listed from inside, returning to the session's folder after.
func TestListThroughLsDetected(t *testing.T) {
	data := newFakeData(t)
	var listHere, back string
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("EPSV")
		c.send(data.epsv())
		c.expect("LIST -a /srv/missing")
		data.serve(c, "/srv/missing: No such file or directory")
		c.expect("CWD /srv/missing")
		c.send("550 /srv/missing: No such file or directory.")
		c.expect("CWD /srv/ok")
		c.send("250 CWD command successful.")
		c.expect("EPSV")
		c.send(data.epsv())
		listHere = c.expect("LIST")
		data.serve(c, "total 1\r\n-rw-r--r-- 1 u g 5 Jan 1 2020 a.txt")
		back = c.expect("CWD")
		c.send("250 CWD command successful.")
		c.expect("QUIT")
		c.send("221 bye")
	})
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.List(context.Background(), "/srv/missing")
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 550 || !strings.Contains(re.Msg, "No such file") {
		t.Fatalf("listing a missing folder: want the server's 550, got %v", err)
	}
	if !r.ListsInFolder() {
		t.Fatal("the session did not learn that the server lists through ls")
	}
	l, err := r.List(context.Background(), "/srv/ok")
	if err != nil || len(l.Entries) != 1 || l.Entries[0].Name != "a.txt" {
		t.Fatalf("listing from inside: %+v, %v", l.Entries, err)
	}
	if listHere != "LIST -a" || back != "CWD /" {
		t.Fatalf("server got %q then %q; want LIST -a without a path, then CWD / back", listHere, back)
	}
}

// TestListsThroughLsBanners: the greetings of servers known to hand LIST's
// argument to /bin/ls, and some that do not.
func TestListsThroughLsBanners(t *testing.T) {
	for banner, want := range map[string]bool{
		"220 localhost FTP server (GNU inetutils 2.4) ready.":             true,
		"220 box FTP server (Version 6.4/OpenBSD/Linux-ftpd-0.17) ready.": true,
		"220 (vsFTPd 3.0.3)": false,
		"220 ProFTPD Server (proftpd loopback test) [127.0.0.1]":                  false,
		"220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\n220 bye.": false,
	} {
		rep := Reply{Code: 220, Lines: strings.Split(banner, "\n")}
		if got := listsThroughLs(rep); got != want {
			t.Errorf("%q: listsThroughLs = %v, want %v", banner, got, want)
		}
	}
}

func TestLooksLikeLsError(t *testing.T) {
	for _, tt := range []struct {
		line, dir string
		want      bool
	}{
		{"/srv/with: No such file or directory", "/srv/with space", true},
		{"space: No such file or directory", "/srv/with space", true},
		{"ls: cannot access '/x': No such file or directory", "/x", true},
		{"-rw-r--r-- 1 u g 5 Jan 1 2020 a: No such file or directory", "/srv", false},
		{"notes: No such file or directory", "/srv/other", false},
	} {
		if got := looksLikeLsError(tt.line, tt.dir); got != tt.want {
			t.Errorf("looksLikeLsError(%q, %q) = %v, want %v", tt.line, tt.dir, got, tt.want)
		}
	}
}
