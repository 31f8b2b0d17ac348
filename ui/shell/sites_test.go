package shell

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session"
)

func TestOpenAtSite(t *testing.T) {
	addr, root := startServer(t)
	os.WriteFile(filepath.Join(root, "site-file.txt"), []byte("x"), 0o644)
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	out := &lockedBuffer{}
	sh := New(Options{Out: out, NoNetrc: true})
	defer sh.Close()
	ctx := context.Background()
	if err := sh.Run(ctx, "open @box"); err == nil || !strings.Contains(err.Error(), "open @box: no site list") {
		t.Fatalf("without a site list: %v", err)
	}
	sh.SetSites(func(name string) (session.Config, error) {
		if name != "box" {
			return session.Config{}, errors.New(`no site "` + name + `"`)
		}
		return session.Config{Host: host, Port: p, User: "u", Password: "pw-secret"}, nil
	})
	if err := sh.Run(ctx, "open @nope"); err == nil || err.Error() != `open @nope: no site "nope"` {
		t.Fatalf("unknown site: %v", err)
	}
	if err := sh.Run(ctx, "open @box"); err != nil {
		t.Fatal(err)
	}
	if err := sh.Run(ctx, "ls"); err != nil {
		t.Fatal(err)
	}
	if got := out.take(); !strings.Contains(got, "site-file.txt") {
		t.Fatalf("ls after open @box:\n%s", got)
	}
}

type fakeThemer struct{ cur string }

func (f *fakeThemer) Themes() []string { return []string{"auto", "dark", "light"} }
func (f *fakeThemer) Current() string  { return f.cur }
func (f *fakeThemer) SetTheme(n string) error {
	if n == "plaid" {
		return errors.New(`no theme "plaid"`)
	}
	f.cur = n
	return nil
}

func TestThemeCommand(t *testing.T) {
	out := &lockedBuffer{}
	sh := New(Options{Out: out})
	ctx := context.Background()
	if err := sh.Run(ctx, "theme"); err == nil || !strings.Contains(err.Error(), "batch mode has no screen") {
		t.Fatalf("batch: %v", err)
	}
	th := &fakeThemer{cur: "auto"}
	sh.SetThemer(th)
	sh.Run(ctx, "theme light")
	if th.cur != "light" || out.take() != "Theme light.\n" {
		t.Fatal("theme light")
	}
	sh.Run(ctx, "theme")
	if got := out.take(); got != "  auto\n  dark\n* light\n" {
		t.Fatalf("list:\n%s", got)
	}
	if err := sh.Run(ctx, "theme plaid"); err == nil || err.Error() != `theme: no theme "plaid"` {
		t.Fatalf("bad name: %v", err)
	}
}
