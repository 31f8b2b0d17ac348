package session_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestListingEveryServer lists folders whose names ls would split, a
// missing folder, and a folder with the user's ls options, on every
// server: the entries come back whole, a missing folder is the server's
// own refusal, and the options reach the server.
func TestListingEveryServer(t *testing.T) {
	for _, target := range allTargets(t) {
		t.Run(target.Name, func(t *testing.T) {
			v := variant{tls: session.TLSNone}
			if target.Implicit {
				v.tls = session.TLSImplicit
			}
			r, trace := dial(t, target, v)
			base := target.Path(fmt.Sprintf("/l-%d", time.Now().UnixNano()))
			ctx := context.Background()
			if err := r.Mkdir(ctx, base); err != nil {
				t.Fatalf("mkdir: %v", err)
			}
			t.Cleanup(func() { _ = r.RemoveAll(context.Background(), base) })
			testListSpaces(t, r, target, base)
			testListMissing(t, r, base)
			testListFlags(t, r, target, base, trace)
		})
	}
}

func testListSpaces(t *testing.T, r *session.Remote, target testsrv.Target, base string) {
	ctx := context.Background()
	dir := path.Join(base, "with space", "and [brackets]")
	if err := r.Mkdir(ctx, path.Dir(dir)); err != nil {
		t.Fatal(err)
	}
	if err := r.Mkdir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	put(t, r, path.Join(dir, "inner file.txt"), []byte("12345"), 0)
	before, _ := r.Pwd(ctx)
	l, err := r.List(ctx, dir)
	if err != nil {
		t.Fatalf("list %q: %v", dir, err)
	}
	if e, ok := find(l, "inner file.txt"); !ok || e.Size != 5 || len(l.Entries) != 1 || len(l.Warnings) > 0 {
		t.Fatalf("list %q: want the one 5-byte file, got %+v %v", dir, l.Entries, l.Warnings)
	}
	if after, err := r.Pwd(ctx); err != nil || after != before {
		t.Fatalf("after listing from inside, PWD = %q, %v; want %q back", after, err, before)
	}
	if got := r.ListsInFolder(); got != target.ListsThroughLs {
		t.Errorf("ListsInFolder = %v, want %v (the server's greeting names it)", got, target.ListsThroughLs)
	}
}

func testListMissing(t *testing.T, r *session.Remote, base string) {
	missing := path.Join(base, "no such folder")
	_, err := r.List(context.Background(), missing)
	var re *session.ReplyError
	if !errors.As(err, &re) || re.Code < 500 || strings.Contains(err.Error(), "unsafe") {
		t.Fatalf("listing a missing folder: want the server's 5xx refusal, got %v", err)
	}
}

// testListFlags sends "LIST -lt": two files whose times differ by a year
// come back (newest first where the server honours -t, as ls does).
func testListFlags(t *testing.T, r *session.Remote, target testsrv.Target, base string, trace *[]string) {
	ctx := context.Background()
	for i, name := range []string{"old.txt", "new.txt"} {
		p := path.Join(base, name)
		put(t, r, p, []byte(name), 0)
		when := time.Date(2020+i, 1, 1, 0, 0, 0, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(target.Root, filepath.FromSlash(p)), when, when); err != nil {
			t.Fatal(err)
		}
	}
	*trace = (*trace)[:0]
	var names []string
	if _, err := r.ListFlags(ctx, base, "-lt", func(e session.Entry) error {
		if e.Kind == session.KindFile {
			names = append(names, e.Name)
		}
		return nil
	}); err != nil {
		t.Fatalf("ls -lt: %v", err)
	}
	if !sentPrefix(*trace, "---> LIST -lt") {
		t.Fatalf("ls -lt: the options did not reach the server: %q", *trace)
	}
	if strings.Join(names, ",") != "new.txt,old.txt" && (target.ListsThroughLs || len(names) != 2) {
		t.Fatalf("ls -lt: got files %q, want new.txt then old.txt", names)
	}
	if _, err := r.ListFlags(ctx, base, "-l;rm", func(session.Entry) error { return nil }); !errors.Is(err, session.ErrBadArgument) {
		t.Fatalf("ls options with a semicolon: want ErrBadArgument, got %v", err)
	}
}

func sentPrefix(trace []string, prefix string) bool {
	for _, l := range trace {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}
