package compare

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// failing is a fake whose listings of some folders fail, and which
// counts its listings.
type failing struct {
	*fakefs.FS
	bad   map[string]bool
	lists int
}

func (f *failing) List(ctx context.Context, dir string) (session.Listing, error) {
	f.lists++
	if f.bad[dir] {
		return session.Listing{}, &session.ReplyError{Op: "ls " + dir, Code: 550, Msg: "Permission denied"}
	}
	return f.FS.List(ctx, dir)
}

func walkFixture() *failing {
	f := fakefs.New("ann@ftp.example.org:21", "/srv")
	f.File("/srv/top.txt", "top")
	f.File("/srv/a/one.txt", "1")
	f.File("/srv/a/b/two.txt", "22")
	f.File("/srv/secret/x.txt", "x")
	f.MkdirAll("/srv/empty")
	f.Add("/srv/link", session.Entry{Kind: session.KindLink, Target: "/srv/a"}, nil)
	f.Hostile("/srv/a", session.Entry{Name: "../../etc/passwd", Kind: session.KindFile, Size: 1})
	return &failing{FS: f, bad: map[string]bool{"/srv/secret": true}}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestWalkReadsTheTree: every folder is read once; links are left out;
// a folder that cannot be read and a name that cannot be a file name are
// said, and the tree is then not complete (nothing may be deleted on it).
func TestWalkReadsTheTree(t *testing.T) {
	f := walkFixture()
	var seen []int
	w := Walker{FS: f, Progress: func(n int) { seen = append(seen, n) }}
	tr, err := w.Walk(context.Background(), "/srv", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(tr.Dirs), []string{"a", "a/b", "empty", "secret"}; !slices.Equal(got, want) {
		t.Errorf("folders %q, want %q", got, want)
	}
	if got, want := keys(tr.Files), []string{"a/b/two.txt", "a/one.txt", "top.txt"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if tr.Files["a/b/two.txt"].Size != 2 {
		t.Errorf("a/b/two.txt: %+v", tr.Files["a/b/two.txt"])
	}
	if tr.Complete || tr.Listed != 4 || f.lists != 5 || !slices.Equal(seen, []int{1, 2, 3, 4}) {
		t.Errorf("complete %v, listed %d, listings %d, progress %v", tr.Complete, tr.Listed, f.lists, seen)
	}
	all := strings.Join(tr.Problems, "\n")
	for _, want := range []string{"secret: ls /srv/secret: 550 Permission denied", `left out of a: unsafe name from the server: name "../../etc/passwd"`} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}

func TestWalkStopsAtItsLimit(t *testing.T) {
	f := walkFixture()
	f.bad = nil
	tr, err := Walker{FS: f, Limit: 2}.Walk(context.Background(), "/srv", 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.lists != 2 || tr.Complete || !strings.Contains(strings.Join(tr.Problems, "\n"), "stopped after 2 folders") {
		t.Errorf("listings %d, complete %v, problems %q", f.lists, tr.Complete, tr.Problems)
	}
}

func TestWalkFailsWhenTheRootCannotBeRead(t *testing.T) {
	f := walkFixture()
	f.bad["/srv"] = true
	if _, err := (Walker{FS: f}).Walk(context.Background(), "/srv", 0); err == nil ||
		!strings.Contains(err.Error(), "550 Permission denied") {
		t.Errorf("walk of an unreadable root: %v", err)
	}
}

func TestWalkEndsWithItsContext(t *testing.T) {
	f := walkFixture()
	ctx, cancel := context.WithCancel(context.Background())
	w := Walker{FS: f, Progress: func(n int) {
		if n == 1 {
			cancel()
		}
	}}
	_, err := w.Walk(ctx, "/srv", 0)
	if !errors.Is(err, context.Canceled) || f.lists != 1 {
		t.Errorf("after cancel: %v, %d listings", err, f.lists)
	}
}

// TestWalkShapesAfterPrecision: a server's LIST times are moved by its
// zone (the walker's Shape), while the precision is read from the line
// as it came.
func TestWalkShapesAfterPrecision(t *testing.T) {
	f := fakefs.New("srv", "/")
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	f.Add("/d/list.txt", session.Entry{Kind: session.KindFile, Size: 1, ModTime: when,
		Raw: "-rw-r--r-- 1 a b 1 May  1 12:00 list.txt"}, []byte("x"))
	f.Add("/d/old.txt", session.Entry{Kind: session.KindFile, Size: 1, ModTime: when,
		Raw: "-rw-r--r-- 1 a b 1 May  1  2024 old.txt"}, []byte("x"))
	shift := func(e session.Entry) session.Entry { e.ModTime = e.ModTime.Add(-2 * time.Hour); e.Raw = ""; return e }
	tr, err := Walker{FS: f, Shape: shift}.Walk(context.Background(), "/d", 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Files["list.txt"]; got.Prec != Minutes || !got.Time.Equal(when.Add(-2*time.Hour)) {
		t.Errorf("list.txt: %+v", got)
	}
	if got := tr.Files["old.txt"]; got.Prec != Days || tr.Zone != 2*time.Hour {
		t.Errorf("old.txt: %+v, zone %v", got, tr.Zone)
	}
}
