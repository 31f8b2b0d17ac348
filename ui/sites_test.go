package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
	gokeyring "github.com/zalando/go-keyring"
)

// siteServers is a fake network: servers by host, each with one password.
type siteServers struct {
	fs    map[string]*fakefs.FS
	pass  map[string]string
	tried []session.Config
}

func (s *siteServers) dial(_ context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
	s.tried = append(s.tried, cfg)
	f, ok := s.fs[cfg.Host]
	if !ok {
		return nil, errors.New("no such host " + cfg.Host)
	}
	if cfg.Password != s.pass[cfg.Host] {
		return nil, &session.ReplyError{Op: "login", Code: 530, Msg: "Login incorrect."}
	}
	return f, nil
}

// newSitesTest starts the TUI without a host, with the site manager over
// files in a temporary folder and go-keyring's mock.
func newSitesTest(t *testing.T, sitesText string, net *siteServers) (Model, SiteOptions) {
	t.Helper()
	gokeyring.MockInit()
	dir := t.TempDir()
	so := SiteOptions{Path: filepath.Join(dir, "sites.toml"), RecentPath: filepath.Join(dir, "recent.toml"),
		Keyring: keyring.New()}
	if sitesText != "" {
		os.WriteFile(so.Path, []byte(sitesText), 0o600)
	}
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Dial: net.dial, Sites: so})
	m = send(t, m, windowSize(100, 36))
	return run(t, m, m.Init()), so
}

func acmeNet() *siteServers {
	acme := fakefs.New("alice@files.acme.test:2121", "/home/alice")
	acme.MkdirAll("/home/alice/www/photos")
	acme.File("/home/alice/www/index.html", "<h1>hi</h1>")
	mirror := fakefs.New("anonymous@mirror.test:21", "/")
	mirror.File("/pub/README", "mirror")
	return &siteServers{fs: map[string]*fakefs.FS{"files.acme.test": acme, "mirror.test": mirror},
		pass: map[string]string{"files.acme.test": "s3cret"}}
}

const acmeSites = `[[site]]
name = "acme"
url = "files.acme.test:2121"
user = "alice"
remote_dir = "/home/alice/www"
notes = "ask Bob first"

[[site]]
name = "mirror"
folder = "Public"
url = "mirror.test"
`

func TestSiteDialogListsFiltersAndConnects(t *testing.T) {
	net := acmeNet()
	gokeyring.MockInit()
	m, so := newSitesTest(t, acmeSites, net)
	wantScreen(t, m, "Sites and recent connections", "acme", "alice@files.acme.test:2121", "Public/mirror",
		"notes: ask Bob first")
	m = typeText(t, m, "mirr")
	dontWantScreen(t, m, "alice@files.acme.test")
	m = press(t, m, "enter")
	wantScreen(t, m, "connected to anonymous@mirror.test:21", "pub")
	recent, err := sites.LoadRecent(so.RecentPath)
	if err != nil || len(recent) != 1 || recent[0].URL != "ftp://mirror.test:21" || recent[0].Site != "mirror" {
		t.Fatalf("recent %+v %v", recent, err)
	}
	m = press(t, m, "c")
	wantScreen(t, m, "Recent", "anonymous@mirror.test:21", "@mirror")
}

func TestSitePasswordAskedThenRemembered(t *testing.T) {
	net := acmeNet()
	m, so := newSitesTest(t, acmeSites, net)
	m = press(t, m, "enter") // acme: nothing in the keyring
	wantScreen(t, m, "Connect to an FTP server", "files.acme.test", "Remember", "‹ yes ›")
	m = typeText(t, m, "s3cret")
	m = press(t, m, "enter")
	wantScreen(t, m, "password for alice@files.acme.test:2121 saved in the keyring", "www/")
	if pw, ok, _ := so.Keyring.Get("alice@files.acme.test:2121"); !ok || pw != "s3cret" {
		t.Fatalf("keyring holds %q %v", pw, ok)
	}
	last := net.tried[len(net.tried)-1]
	if last.Dir != "/home/alice/www" || last.Password != "s3cret" {
		t.Fatalf("dialled %+v", last)
	}
	for _, p := range []string{so.Path, so.RecentPath} {
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), "s3cret") {
			t.Fatalf("password in %s:\n%s", p, data)
		}
	}
	m = press(t, m, "D", "c")
	m = press(t, m, "enter") // from the keyring now: no dialog
	wantScreen(t, m, "connected to alice@files.acme.test:2121", "www/")
	dontWantScreen(t, m, "Connect to an FTP server")
}

func TestSiteAddEditDuplicateDelete(t *testing.T) {
	net := acmeNet()
	m, so := newSitesTest(t, "", net)
	wantScreen(t, m, "Connect to an FTP server") // no sites, no recent: the plain dialog
	m = press(t, m, "esc", "c")
	wantScreen(t, m, "no sites yet: F7 adds one")
	m = press(t, m, "f7")
	wantScreen(t, m, "New site", "Remote dir", "Time zone", "Sync browse")
	m = typeText(t, m, "work")
	m = press(t, m, "tab", "tab")
	m = typeText(t, m, "files.acme.test:2121")
	m = press(t, m, "tab")
	m = typeText(t, m, "alice")
	m = press(t, m, "tab")
	m = typeText(t, m, "s3cret")
	for range sfTimeZoneSteps() {
		m = press(t, m, "tab")
	}
	for range 4 {
		m = press(t, m, "backspace") // "auto"
	}
	m = typeText(t, m, "Mars")
	m = press(t, m, "enter")
	wantScreen(t, m, `timezone: "Mars"`)
	for range 4 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "+02:00")
	m = press(t, m, "enter")
	wantScreen(t, m, "saved site work", "work", "alice@files.acme.test:2121")
	b, err := sites.Load(so.Path)
	if err != nil || len(b.Sites) != 1 || b.Sites[0].TimeZone != "+02:00" || b.Sites[0].User != "alice" {
		t.Fatalf("sites.toml: %+v %v", b.Sites, err)
	}
	if pw, ok, _ := so.Keyring.Get("alice@files.acme.test:2121"); !ok || pw != "s3cret" {
		t.Fatal("password not in the keyring")
	}
	m = press(t, m, "ctrl+d")
	wantScreen(t, m, "added work (2)")
	m = press(t, m, "down", "f4")
	wantScreen(t, m, "Edit site work (2)")
	m = press(t, m, "tab")
	m = typeText(t, m, "Clients")
	m = press(t, m, "enter")
	wantScreen(t, m, "Clients/work (2)")
	m = press(t, m, "f8")
	wantScreen(t, m, "Delete the site work (2)?")
	m = press(t, m, "y")
	wantScreen(t, m, "deleted work (2)")
	if b, _ := sites.Load(so.Path); len(b.Sites) != 1 {
		t.Fatalf("%d sites left", len(b.Sites))
	}
	if _, ok, _ := so.Keyring.Get("alice@files.acme.test:2121"); !ok {
		t.Fatal("deleting the copy removed the password the first site still uses")
	}
}

// sfTimeZoneSteps is how many tabs lead from the password to the time zone.
func sfTimeZoneSteps() []struct{} { return make([]struct{}, sfZone-sfPassword) }

func TestSiteImportAndNoKeyring(t *testing.T) {
	net := acmeNet()
	m, so := newSitesTest(t, "", net)
	gokeyring.MockInitWithError(errors.New("no D-Bus session"))
	so.Keyring = keyring.New()
	m.opts.Sites = so
	m = press(t, m, "esc", "c", "ctrl+o")
	wantScreen(t, m, "Import sites")
	for range 80 {
		m = press(t, m, "backspace")
	}
	abs, _ := filepath.Abs("../session/sites/testdata/sitemanager.xml")
	m = typeText(t, m, abs)
	m = press(t, m, "enter")
	wantScreen(t, m, "imported 4 sites", "Work/ACME upload", "Work/Clients/Legacy & old")
	b, _ := sites.Load(so.Path)
	if len(b.Sites) != 4 {
		t.Fatalf("%d sites saved", len(b.Sites))
	}
	m = press(t, m, "esc", "L")
	wantScreen(t, m, "ACME upload: password not saved: no keyring service")
	m = press(t, m, "L", "c")
	m = typeText(t, m, "acme upl")
	m = press(t, m, "enter")
	wantScreen(t, m, "Connect to an FTP server", "files.acme.test")
	dontWantScreen(t, m, "Remember") // nothing to remember it in
}

func TestOpenSiteAtStart(t *testing.T) {
	gokeyring.MockInit()
	net := acmeNet()
	kr := keyring.New()
	kr.Set("alice@files.acme.test:2121", "s3cret")
	b, _ := sites.Parse(acmeSites)
	s := b.Sites[0]
	cfg, _ := s.Config()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Dial: net.dial,
		Remote: &cfg, Sites: SiteOptions{Keyring: kr, Start: &s}})
	m = send(t, m, windowSize(100, 30))
	m = run(t, m, m.Init())
	wantScreen(t, m, "alice@files.acme.test:2121", "www/")
}

func TestRelDir(t *testing.T) {
	for _, c := range []struct {
		base, dir, want string
		ok              bool
	}{{"/home/a", "/home/a/x/y", "x,y", true}, {"/home/a/", "/home/a", "", true}, {"/home/a", "/home/ab", "", false},
		{`C:\Users\a`, `C:\Users\a\docs`, "docs", true}, {"/", "/pub", "pub", true}, {"/pub", "/", "", false}} {
		got, ok := relDir(c.base, c.dir)
		if ok != c.ok || strings.Join(got, ",") != c.want {
			t.Errorf("relDir(%q, %q) = %q %v", c.base, c.dir, got, ok)
		}
	}
}

func TestSyncBrowsingFollowsTheOtherPane(t *testing.T) {
	net := acmeNet()
	net.fs["files.acme.test"].MkdirAll("/home/alice/photos")
	net.fs["files.acme.test"].File("/home/alice/photos/remote.jpg", "r")
	m, so := newSitesTest(t, `[[site]]
name = "acme"
url = "files.acme.test:2121"
user = "alice"
local_dir = "/home/ann"
sync_browsing = true
`, net)
	so.Keyring.Set("alice@files.acme.test:2121", "s3cret")
	m = press(t, m, "enter")
	wantScreen(t, m, "photos/", "www/")
	m = press(t, m, "down", "enter") // the remote pane's first entry: photos
	wantScreen(t, m, "/home/alice/photos", "remote.jpg", "/home/ann/photos", "cat.jpg")
	m = press(t, m, "backspace")
	wantScreen(t, m, "/home/ann ", "notes.txt", "www/")
	m = press(t, m, "down", "enter") // www has no local twin: the local pane stays
	wantScreen(t, m, "/home/alice/www", "notes.txt")
}
