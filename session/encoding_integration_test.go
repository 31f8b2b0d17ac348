package session_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbkBytes(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCharsetEveryServer: on every server, a folder holding a GBK-named
// file is listed as UTF-8 would be, with a hint and an event naming GBK;
// SetEncoding("gbk") switches live; the file is listed under its Chinese
// name, downloaded, and uploaded again under the same name elsewhere,
// where it lands with byte-identical name bytes.
func TestCharsetEveryServer(t *testing.T) {
	for _, target := range allTargets(t) {
		t.Run(target.Name, func(t *testing.T) { testCharset(t, target) })
	}
}

func testCharset(t *testing.T, target testsrv.Target) {
	if target.UTF8Names {
		t.Skipf("%s sends every name as UTF-8 (\"?\" for other bytes): it cannot serve GBK names", target.Name)
	}
	v := variant{tls: session.TLSNone}
	if target.Implicit {
		v.tls = session.TLSImplicit
	}
	cfg := config(target, v)
	var mu sync.Mutex
	var events []session.Event
	onEvent := func(e session.Event) { mu.Lock(); events = append(events, e); mu.Unlock() }
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg, session.WithEvents(onEvent))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	dir := target.Path(fmt.Sprintf("/c-%d", time.Now().UnixNano()))
	if err := r.Mkdir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.RemoveAll(context.Background(), dir) })
	raw := gbkBytes(t, "目录说明.txt")
	disk := filepath.Join(target.Root, filepath.FromSlash(dir), raw)
	if err := os.WriteFile(disk, []byte("gbk content\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := r.List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := find(l, raw); !ok || !strings.Contains(strings.Join(l.Warnings, "\n"), "look like gbk") {
		t.Fatalf("before the charset: want the raw name and a GBK hint, got %+v %q", l.Entries, l.Warnings)
	}
	mu.Lock()
	if len(events) != 1 || events[0].Kind != session.EventCharset || events[0].Charset != "gbk" {
		t.Errorf("want one charset event naming gbk, got %+v", events)
	}
	mu.Unlock()
	if err := r.SetEncoding(ctx, "gbk"); err != nil {
		t.Fatal(err)
	}
	testCharsetRoundTrip(t, r, target, dir, raw)
}

func testCharsetRoundTrip(t *testing.T, r *session.Remote, target testsrv.Target, dir, raw string) {
	ctx := context.Background()
	l, err := r.List(ctx, dir)
	if _, ok := find(l, "目录说明.txt"); err != nil || !ok || len(l.Warnings) > 0 {
		t.Fatalf("after charset gbk: %+v %q %v", l.Entries, l.Warnings, err)
	}
	data := get(t, r, path.Join(dir, "目录说明.txt"), 0)
	if string(data) != "gbk content\n" {
		t.Fatalf("downloaded %q", data)
	}
	sub := path.Join(dir, "副本")
	if err := r.Mkdir(ctx, sub); err != nil {
		t.Fatal(err)
	}
	put(t, r, path.Join(sub, "目录说明.txt"), data, 0)
	subDisk := filepath.Join(target.Root, filepath.FromSlash(dir), gbkBytes(t, "副本"))
	names, err := os.ReadDir(subDisk)
	if err != nil || len(names) != 1 || names[0].Name() != raw {
		t.Fatalf("re-uploaded: the server's folder holds %v (%v); want exactly the name bytes %x", names, err, raw)
	}
	if r.Config().Encoding != "gbk" {
		t.Errorf("Config().Encoding = %q: transfers dialled from it would not use gbk", r.Config().Encoding)
	}
}

// TestNoOptsUTF8WithLegacyCharset: a server announcing UTF8 gets OPTS UTF8
// ON only when names are UTF-8, OFF when the user switches to a legacy
// charset live, and ON again when back to UTF-8.
func TestNoOptsUTF8WithLegacyCharset(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	for _, enc := range []string{"gbk", ""} {
		cfg := config(target, variant{tls: session.TLSNone})
		cfg.Encoding = enc
		var sent []string
		trace := func(d session.TraceDir, l string) { sent = append(sent, d.Prefix()+l) }
		r, err := session.Dial(context.Background(), cfg, session.WithTrace(trace))
		if err != nil {
			t.Fatal(err)
		}
		opts := sentPrefix(sent, "---> OPTS UTF8 ON")
		if opts != (enc == "") {
			t.Errorf("encoding %q: OPTS UTF8 ON sent = %v", enc, opts)
		}
		if enc == "" {
			if err := r.SetEncoding(context.Background(), "big5"); err != nil || !sentPrefix(sent, "---> OPTS UTF8 OFF") {
				t.Errorf("switching to big5: %v, sent %q", err, sent)
			}
		}
		r.Close()
	}
}
