package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session"
)

func TestBadCommandLinesExit2(t *testing.T) {
	for _, args := range [][]string{{"-x"}, {"--nope"}, {"ftp://h:99999"}, {"http://h"}, {"-p", "-A", "h"},
		{"--tls", "--implicit-tls", "h"}, {"h", "port"}, {"h", "21", "extra"}, {"ftp://h", "21"}} {
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		msg := errb.String()
		if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "ftpane: ") {
			t.Errorf("%q: want one line starting with 'ftpane: ', got %q", args, msg)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"--help"}, nil, &out, &out); code != 0 || !strings.Contains(out.String(), "Examples:") {
		t.Fatalf("--help: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"--version"}, nil, &out, &out); code != 0 || !strings.HasPrefix(out.String(), "ftpane ") {
		t.Fatalf("--version: exit %d, %q", code, out.String())
	}
}

func TestClassicFlags(t *testing.T) {
	noNetrc := func(string) string { return "/nonexistent" }
	a, err := parseClientArgs([]string{"-inv", "-A", "--tls", "--insecure", "--encoding", "gbk", "ftp.example.org", "2121"}, noNetrc)
	if err != nil {
		t.Fatal(err)
	}
	if !a.NoPrompt || !a.NoNetrc || !a.Verbose || a.Debug || a.NoGlob {
		t.Fatalf("combined -inv: %+v", a)
	}
	c := a.Remote
	if c.Host != "ftp.example.org" || c.Port != 2121 || !c.Active || c.TLS != session.TLSExplicit || !c.Insecure || c.Encoding != "gbk" {
		t.Fatalf("config %+v", c)
	}
	if a, err := parseClientArgs(nil, noNetrc); err != nil || a.Remote != nil {
		t.Fatalf("no host: %+v %v", a, err)
	}
	a, err = parseClientArgs([]string{"--implicit-tls", "-A", "--insecure"}, noNetrc)
	if err != nil || a.Remote != nil || a.Template.TLS != session.TLSImplicit || !a.Template.Active || !a.Template.Insecure {
		t.Fatalf("flags without a host must be kept for a later open: %+v %v", a.Template, err)
	}
}

func TestNetrcAutoLogin(t *testing.T) {
	dir := t.TempDir()
	rc := filepath.Join(dir, "netrc")
	os.WriteFile(rc, []byte("machine files.example.org login alice password \"s3 cret\" account acc\ndefault login anonymous password me@\n"), 0o600)
	env := func(k string) string {
		if k == "NETRC" {
			return rc
		}
		return ""
	}
	a, err := parseClientArgs([]string{"files.example.org"}, env)
	if err != nil || a.Remote.User != "alice" || a.Remote.Password != "s3 cret" || a.Remote.Account != "acc" {
		t.Fatalf("netrc machine: %+v %v", a.Remote, err)
	}
	if a, _ := parseClientArgs([]string{"-n", "files.example.org"}, env); a.Remote.User != "" {
		t.Fatalf("-n must skip ~/.netrc, got user %q", a.Remote.User)
	}
	if a, _ := parseClientArgs([]string{"ftp://bob@files.example.org"}, env); a.Remote.User != "bob" || a.Remote.Password != "" {
		t.Fatalf("a user on the command line wins over netrc: %+v", a.Remote)
	}
	os.Chmod(rc, 0o644)
	a, _ = parseClientArgs([]string{"files.example.org"}, env)
	if a.Remote.Password != "" || !strings.Contains(a.NetrcNote, "chmod 600") {
		t.Fatalf("a readable netrc with passwords must be refused with advice: %+v note %q", a.Remote, a.NetrcNote)
	}
}
