package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
	"github.com/ftpane/ftpane/session/sites"
)

func writeSites(t *testing.T, text string) string {
	t.Helper()
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "ftpane"), 0o700)
	os.WriteFile(sites.Path(home), []byte(text), 0o600)
	return home
}

const twoSites = "[[site]]\nname = \"work\"\nurl = \"ftpes://files.acme.test:2121/www\"\nuser = \"alice\"\n\n" +
	"[[site]]\nname = \"pub\"\nurl = \"mirror.test\"\nmode = \"active\"\n"

func TestAtNameResolvesTheSite(t *testing.T) {
	gokeyring.MockInit()
	home := writeSites(t, twoSites)
	noEnv := func(string) string { return "" }
	a, err := parseClientArgs([]string{"--implicit-tls", "@work"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	a.Keyring, a.NoNetrc = keyring.New(), true
	a.Keyring.Set("alice@files.acme.test:2121", "pw1")
	if err := a.resolveSite(home, noEnv, true); err != nil {
		t.Fatal(err)
	}
	c := a.Remote
	if c.Host != "files.acme.test" || c.Port != 2121 || c.User != "alice" || c.Dir != "/www" ||
		c.TLS != session.TLSImplicit || c.Password != "pw1" || a.SiteArg.Site.Name != "work" {
		t.Fatalf("config %+v", c)
	}
	a, _ = parseClientArgs([]string{"-p", "@PUB"}, noEnv)
	if err := a.resolveSite(home, noEnv, false); err != nil || a.Remote.Active || a.Remote.Host != "mirror.test" {
		t.Fatalf("-p over an active site: %+v %v", a.Remote, err)
	}
}

func TestAtNameErrors(t *testing.T) {
	home := writeSites(t, twoSites)
	noEnv := func(string) string { return "" }
	a, _ := parseClientArgs([]string{"@nope"}, noEnv)
	if err := a.resolveSite(home, noEnv, false); err == nil || !strings.Contains(err.Error(), `no site "nope"`) ||
		!strings.Contains(err.Error(), "sites: work, pub") {
		t.Fatalf("unknown site: %v", err)
	}
	if _, err := parseClientArgs([]string{"@work", "21"}, noEnv); err == nil || !strings.Contains(err.Error(), "too many arguments") {
		t.Fatalf("extra argument: %v", err)
	}
	if _, err := parseClientArgs([]string{"@"}, noEnv); err == nil {
		t.Fatal("@ alone accepted")
	}
	bad := writeSites(t, "[[site]]\nname = \"x\"\nurl = \"h\"\ntls = \"maybe\"\n")
	a, _ = parseClientArgs([]string{"@x"}, noEnv)
	if err := a.resolveSite(bad, noEnv, false); err == nil || !strings.Contains(err.Error(), "sites.toml:4: ") {
		t.Fatalf("bad file: %v", err)
	}
}

func TestAtNameFallsBackToNetrc(t *testing.T) {
	gokeyring.MockInitWithError(errors.New("no D-Bus"))
	home := writeSites(t, twoSites)
	rc := filepath.Join(t.TempDir(), "netrc")
	os.WriteFile(rc, []byte("machine files.acme.test login alice password from-netrc\n"), 0o600)
	env := func(k string) string {
		if k == "NETRC" {
			return rc
		}
		return ""
	}
	a, _ := parseClientArgs([]string{"@work"}, env)
	var stderr strings.Builder
	a.Keyring, a.Stderr = keyring.New(), &stderr
	if err := a.resolveSite(home, env, true); err != nil {
		t.Fatal(err)
	}
	if a.Remote.Password != "from-netrc" || !strings.Contains(stderr.String(), "ftpane: no keyring service") ||
		strings.Contains(stderr.String(), "from-netrc") {
		t.Fatalf("password %q, stderr %q", a.Remote.Password, stderr.String())
	}
}
