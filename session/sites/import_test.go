package sites

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session/netrc"
)

func TestImportFileZilla(t *testing.T) {
	f, err := os.Open("testdata/sitemanager.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imp, err := ImportFileZilla(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Imported{
		{Site: Site{Name: "Public mirror", URL: "ftp.example.org:21", User: "anonymous", RemoteDir: "/pub"}},
		{Site: Site{Name: "ACME upload", Folder: "Work", URL: "files.acme.test:2121", User: "alice", TLS: "explicit",
			Mode: "active", Encoding: "GBK", TimeZone: "+02:00", RemoteDir: "/home/alice/www", LocalDir: "/home/alice/acme",
			Parallel: 2, SyncBrowsing: true, Notes: "ask Bob before deleting"}, Password: "s3cret w/ space"},
		{Site: Site{Name: "Legacy & old", Folder: "Work/Clients", URL: "legacy.acme.test:990", User: "bob", TLS: "implicit"}},
		{Site: Site{Name: "Old style name", URL: "old.example.net:21", User: "dave"}},
	}
	if len(imp.Sites) != len(want) {
		t.Fatalf("%d sites: %+v", len(imp.Sites), imp.Sites)
	}
	for i := range want {
		if imp.Sites[i] != want[i] {
			t.Errorf("site %d\n got %+v\nwant %+v", i, imp.Sites[i], want[i])
		}
	}
	warn := strings.Join(imp.Warnings, "\n")
	if !strings.Contains(warn, "Secure shell box: SFTP is not FTP: left out") ||
		!strings.Contains(warn, "Legacy & old: password is protected by FileZilla's master password") {
		t.Fatalf("warnings:\n%s", warn)
	}

	var b Book
	kept := map[string]string{}
	n, warnings := b.Add(imp, func(acct, pw string) error { kept[acct] = pw; return nil })
	if n != 4 || len(warnings) != 2 {
		t.Fatalf("added %d, warnings %q", n, warnings)
	}
	if kept["alice@files.acme.test:2121"] != "s3cret w/ space" || len(kept) != 1 {
		t.Fatalf("keyring got %v", kept)
	}
	path := Path(t.TempDir())
	if err := b.Save(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "s3cret") || !strings.Contains(string(data), `folder = "Work/Clients"`) {
		t.Fatalf("sites.toml:\n%s", data)
	}
	if n, _ := b.Add(imp, func(string, string) error { return nil }); n != 0 {
		t.Fatalf("a second import added %d", n)
	}
}

func TestImportFileZillaRejectsOtherXML(t *testing.T) {
	if _, err := ImportFileZilla(strings.NewReader("<html><body/></html>")); err == nil ||
		!strings.Contains(err.Error(), "not a FileZilla site manager file") {
		t.Fatalf("err %v", err)
	}
	if _, err := ImportFileZilla(strings.NewReader("<FileZilla3><Servers><Server><Port>x</Port></Server>")); err == nil ||
		!strings.Contains(err.Error(), "filezilla: line 1") {
		t.Fatalf("err %v", err)
	}
}

func TestImportNetrc(t *testing.T) {
	f, err := netrc.Parse(strings.NewReader(`machine ftp.acme.test login alice password "p w#1" port 2121
machine mirror.test login anonymous password me@example.org
macdef init
cd pub

default login ftp password x
`))
	if err != nil {
		t.Fatal(err)
	}
	imp := ImportNetrc(f)
	var b Book
	b.Sites = []Site{{Name: "ftp.acme.test", URL: "elsewhere"}}
	kept := map[string]string{}
	n, warnings := b.Add(imp, func(acct, pw string) error {
		if acct == "" {
			return errors.New("no account")
		}
		kept[acct] = pw
		return nil
	})
	if n != 2 || len(warnings) != 0 {
		t.Fatalf("added %d %v", n, warnings)
	}
	if got := strings.Join(b.Names(), ","); got != "ftp.acme.test,ftp.acme.test (2),mirror.test" {
		t.Fatalf("names %s", got)
	}
	if b.Sites[1].URL != "ftp.acme.test:2121" || b.Sites[1].User != "alice" || kept["alice@ftp.acme.test:2121"] != "p w#1" || len(kept) != 1 {
		t.Fatalf("site %+v kept %v", b.Sites[1], kept)
	}
	_, warnings = (&Book{}).Add(imp, func(string, string) error { return errors.New("no keyring service") })
	if len(warnings) != 1 || !strings.Contains(warnings[0], "password not saved: no keyring service") {
		t.Fatalf("warnings %q", warnings)
	}
}
