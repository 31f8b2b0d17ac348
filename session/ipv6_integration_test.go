package session_test

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestIPv6 connects to servers on ::1 through the URL and host forms a
// user types, plain and TLS, passive and active: the data connections
// must be negotiated with EPSV and EPRT (PASV and PORT cannot carry an
// IPv6 address), and a file goes up and down intact.
func TestIPv6(t *testing.T) {
	for _, target := range testsrv.IPv6(t) {
		for _, v := range variants(target) {
			t.Run(target.Name+"/"+v.String(), func(t *testing.T) { testIPv6(t, target, v) })
		}
	}
}

func testIPv6(t *testing.T, target testsrv.Target, v variant) {
	for _, in := range []string{"[::1]", "::1", fmt.Sprintf("ftp://[::1]:%d/", target.Port)} {
		cfg, err := session.ParseURL(in)
		if err != nil || cfg.Host != "::1" {
			t.Fatalf("ParseURL(%q) = %+v, %v; want host ::1", in, cfg, err)
		}
	}
	r, trace := dial(t, target, v)
	if r.Config().Addr() != fmt.Sprintf("[::1]:%d", target.Port) {
		t.Fatalf("Addr = %q", r.Config().Addr())
	}
	ctx := context.Background()
	dir := target.Path(fmt.Sprintf("/v6-%d", time.Now().UnixNano()))
	if err := r.Mkdir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.RemoveAll(context.Background(), dir) })
	data := randomBytes(t, 1<<20+7)
	file := path.Join(dir, "six.bin")
	put(t, r, file, data, 0)
	if got := onDisk(t, target, file); sum(got) != sum(data) {
		t.Fatalf("stored %d bytes over IPv6, sha256 differs", len(got))
	}
	if got := get(t, r, file, 0); sum(got) != sum(data) {
		t.Fatalf("downloaded %d bytes over IPv6, sha256 differs", len(got))
	}
	if l, err := r.List(ctx, dir); err != nil || len(l.Entries) != 1 {
		t.Fatalf("listing over IPv6: %+v, %v", l.Entries, err)
	}
	want, never := "---> EPSV", "---> PASV"
	if v.active {
		want, never = "---> EPRT |2|::1|", "---> PORT"
	}
	if !sentPrefix(*trace, want) || sentPrefix(*trace, never) {
		t.Fatalf("want %q and never %q in the transcript:\n%s", want, never, strings.Join(*trace, "\n"))
	}
}
