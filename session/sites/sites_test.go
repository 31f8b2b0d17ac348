package sites

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ftpane", FileName)
	full := Site{Name: "work", Folder: "Clients/ACME", URL: "ftpes://files.acme.test:2121", User: "alice",
		TLS: "explicit", Mode: "active", Type: "ascii", RemoteDir: "/home/alice/www", LocalDir: "/home/alice/acme",
		Parallel: 2, Encoding: "gbk", TimeZone: "+02:00", SyncBrowsing: true, Notes: "line one\nline \"two\""}
	b := Book{Sites: []Site{full, {Name: "mirror", URL: "ftp.example.org"}}}
	if err := b.Save(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", info.Mode(), err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sites) != 2 || got.Sites[0] != full || got.Sites[1] != b.Sites[1] {
		t.Fatalf("read back %+v", got.Sites)
	}
	cfg, err := got.Sites[0].Config()
	if err != nil {
		t.Fatal(err)
	}
	want := session.Config{Host: "files.acme.test", Port: 2121, User: "alice", Dir: "/home/alice/www",
		TLS: session.TLSExplicit, Active: true, Encoding: "gbk"}
	if cfg.Host != want.Host || cfg.Port != want.Port || cfg.User != want.User || cfg.Dir != want.Dir ||
		cfg.TLS != want.TLS || !cfg.Active || cfg.Encoding != "gbk" {
		t.Fatalf("config %+v", cfg)
	}
	if a := got.Sites[0].Account(); a != "alice@files.acme.test:2121" {
		t.Fatalf("account %q", a)
	}
	text, _ := os.ReadFile(path)
	if !strings.Contains(string(text), "[[site]]") || !strings.Contains(string(text), `name = "work"`) {
		t.Fatalf("file:\n%s", text)
	}
}

func TestErrorsNameLineAndKey(t *testing.T) {
	cases := []struct{ text, want string }{
		{"[[site]]\nname = \"a\"\nurl = \"h1\"\n\n[[site]]\nname = \"b\"\nurl = \"h2\"\ntls = \"tlsx\"\n",
			`8: site "b": tls: "tlsx": must be none, explicit or implicit`},
		{"[[site]]\nname = \"a\"\nurl = \"h1\"\ntls = \"none\"\n[[site]]\nname = \"b\"\nurl = \"h2\"\ncolour = 3\n",
			`8: site "b": colour: unknown key`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\nparallel = \"four\"\n", `4: site "a": parallel: want a number, not a string`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\nparallel = 40\n", `4: site "a": parallel: 40: must be 0`},
		{"[[site]]\nname = \"a\"\nurl = \"ftp://u:pw@h\"\n", `3: site "a": url: no password in sites.toml`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\npassword = \"pw\"\n", `4: site "a": password: no password in sites.toml`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\ntimezone = \"Mars\"\n", `4: site "a": timezone: "Mars": want auto, UTC`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\nencoding = \"klingon\"\n", `4: site "a": encoding: unknown name encoding`},
		{"[[site]]\nurl = \"h\"\n", `1: site 1: name: a site needs a name`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\n[[site]]\nname = \"A\"\nurl = \"h\"\n", `5: site "A": name: "A" is taken by site 1`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\nmode = \"sideways\"\n", `4: site "a": mode: "sideways": must be passive or active`},
		{"[[site]]\nname = \"a\"\nurl = \"h\"\nsync_browsing = \"yes\"\n", `4: site "a": sync_browsing: want true or false`},
		{"[[site]]\nname = \"a\"\nurl = \"sftp://h\"\n", `3: site "a": url:`},
		{"[[site]]\nname = \"a\"\nurl = \"h\n", `3: `},
		{"[sites]\nname = \"a\"\n", `1: unknown table or key "sites"`},
	}
	for _, c := range cases {
		_, err := Parse(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q)\n got %v\nwant %s", c.text, err, c.want)
		}
	}
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte(cases[0].text), 0o600)
	if _, err := Load(path); err == nil || !strings.HasPrefix(err.Error(), path+":8: ") {
		t.Fatalf("Load: %v", err)
	}
}

func TestBookEdits(t *testing.T) {
	var b Book
	if err := b.Put("", Site{Name: "a", URL: "h1"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Put("", Site{Name: "A", URL: "h2"}); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Fatalf("duplicate name: %v", err)
	}
	c, err := b.Duplicate("a")
	if err != nil || c.Name != "a (2)" || c.URL != "h1" {
		t.Fatalf("duplicate %+v %v", c, err)
	}
	if c, _ = b.Duplicate("a (2)"); c.Name != "a (3)" {
		t.Fatalf("second copy %q", c.Name)
	}
	if err := b.Put("a (2)", Site{Name: "b", URL: "h3"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(b.Names(), ","); got != "a,b,a (3)" {
		t.Fatalf("names %s", got)
	}
	if !b.Delete("B") || b.Delete("b") {
		t.Fatal("delete")
	}
	if _, ok := b.Find("A (3)"); !ok {
		t.Fatal("find is case-insensitive")
	}
	b.Sites[0].Folder = "Work"
	if s, ok := b.Find("work/a"); !ok || s.URL != "h1" {
		t.Fatal("find by folder/name")
	}
}

func TestZones(t *testing.T) {
	for in, want := range map[string]time.Duration{"+02:00": 2 * time.Hour, "-0530": -(5*time.Hour + 30*time.Minute),
		"+2": 2 * time.Hour, "UTC": 0, "+14:00": 14 * time.Hour} {
		d, auto, err := ParseZone(in)
		if err != nil || auto || d != want {
			t.Errorf("ParseZone(%q) = %v %v %v", in, d, auto, err)
		}
		if back, _, _ := ParseZone(FormatZone(d)); back != d {
			t.Errorf("FormatZone(%v) = %q does not read back", d, FormatZone(d))
		}
	}
	for _, bad := range []string{"+15:00", "2", "+2:75", "CET", "+a"} {
		if _, _, err := ParseZone(bad); err == nil {
			t.Errorf("ParseZone(%q) accepted", bad)
		}
	}
	if _, auto, err := ParseZone(""); !auto || err != nil {
		t.Fatal("empty is auto")
	}
}

func TestRecent(t *testing.T) {
	path := RecentPath(t.TempDir())
	when := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range MaxRecent + 5 {
		cfg := session.Config{Host: "h" + string(rune('a'+i)), User: "u", Password: "secret", TLS: session.TLSExplicit}
		if _, err := AddRecent(path, RecentOf(cfg, "", when.Add(time.Duration(i)*time.Minute))); err != nil {
			t.Fatal(err)
		}
	}
	again := session.Config{Host: "hz", Port: 2121, User: "u", Password: "secret", Dir: "/pub", Active: true}
	list, err := AddRecent(path, RecentOf(again, "zed", when))
	if err != nil {
		t.Fatal(err)
	}
	read, err := LoadRecent(path)
	if err != nil || len(read) != MaxRecent || len(list) != MaxRecent {
		t.Fatalf("%d entries, %v", len(read), err)
	}
	if read[0].URL != "ftp://u@hz:2121/pub" || read[0].Site != "zed" || !read[0].Active || read[1].URL != "ftpes://u@hy:21" {
		t.Fatalf("order: %+v", read[:2])
	}
	cfg, err := read[0].Config()
	if err != nil || cfg.Host != "hz" || cfg.Port != 2121 || cfg.Dir != "/pub" || !cfg.Active || cfg.Password != "" {
		t.Fatalf("config %+v %v", cfg, err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "secret") {
		t.Fatalf("password in the recent list:\n%s", data)
	}
	if _, err := AddRecent(path, Recent{URL: "ftp://u:pw@h"}); err == nil {
		t.Fatal("a URL with a password was kept")
	}
}

func TestRemoveRecent(t *testing.T) {
	path := RecentPath(t.TempDir())
	AddRecent(path, Recent{URL: "ftp://a@h1:21"})
	AddRecent(path, Recent{URL: "ftp://b@h2:21"})
	list, err := RemoveRecent(path, "ftp://a@h1:21")
	if err != nil || len(list) != 1 || list[0].URL != "ftp://b@h2:21" {
		t.Fatalf("%+v %v", list, err)
	}
	if read, _ := LoadRecent(path); len(read) != 1 {
		t.Fatalf("file holds %d", len(read))
	}
}
