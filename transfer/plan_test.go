package transfer

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session"
)

func TestCheckRelative(t *testing.T) {
	for _, ok := range []string{"a.txt", "dir/a.txt", "..a", "a..b", "a b"} {
		if err := CheckRelative(ok); err != nil {
			t.Errorf("CheckRelative(%q) = %v, want ok", ok, err)
		}
	}
	for _, bad := range []string{"", ".", "..", "/etc/passwd", "../x", "a/../../x", "a/..", "x\x00y",
		"~/.bashrc", "dir/", `..\x`, `C:\x`, `\\host\x`} {
		if err := CheckRelative(bad); err == nil {
			t.Errorf("CheckRelative(%q) = nil, want a refusal", bad)
		}
	}
}

// TestPlanChecksEveryListedName: a listing's top-level names go through
// the same check as the names inside a tree (issue 11's F5 escape).
func TestPlanChecksEveryListedName(t *testing.T) {
	dst := t.TempDir()
	req := Request{Src: RemoteEndpoint(session.Config{Host: "h"}), Dst: LocalEndpoint(), DstFS: session.Local{}}
	for _, n := range []string{"x/../../../../tmp/anywhere.txt", "a/../../escape.txt", "up/../../updir", "..", "ok.txt"} {
		req.Items = append(req.Items, Item{SrcPath: "/" + n, DstPath: filepath.Join(dst, n), Name: n,
			Origin: FromListing})
	}
	p, err := PlanCopy(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Jobs) != 1 || p.Jobs[0].SrcPath != "/ok.txt" || len(p.Refused) != 4 {
		t.Fatalf("plan: %d jobs %+v, %d refused; want only ok.txt", len(p.Jobs), p.Jobs, len(p.Refused))
	}
	for _, r := range p.Refused {
		var te *Error
		if !errors.As(r.Err, &te) || te.Reason != ReasonUnsafeName {
			t.Errorf("%q refused with %v, want an unsafe-name reason", r.Item.Name, r.Err)
		}
	}
}

// TestPlanTargetFolder: a missing local folder fails the plan in words,
// or is made when the request says so.
func TestPlanTargetFolder(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "new", "deeper")
	req := Request{Src: RemoteEndpoint(session.Config{Host: "h"}), Dst: LocalEndpoint(), DstFS: session.Local{},
		Items: []Item{{SrcPath: "/a", DstPath: filepath.Join(dst, "a")}}}
	_, err := PlanCopy(context.Background(), req)
	if !errors.Is(err, ErrNoTargetFolder) || !strings.Contains(err.Error(), "no such folder") {
		t.Fatalf("missing folder: %v, want ErrNoTargetFolder in words", err)
	}
	req.MakeDirs = true
	if _, err := PlanCopy(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dst); err != nil || !st.IsDir() {
		t.Fatalf("MakeDirs did not make %s: %v", dst, err)
	}
}

// FuzzCheckName: a name the check lets through is one plain path element:
// joined to a folder it lands directly inside it, on either side's syntax.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"a.txt", "..", "x/../../y", `a\..\b`, "C:evil", "/etc/passwd", "a\x00b", "ok name",
		"évian", "\u202etxt.exe", "..a", ".", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if CheckName(name) != nil {
			return
		}
		dir := filepath.FromSlash("/target/dir")
		if j := filepath.Join(dir, name); filepath.Dir(j) != dir || filepath.Base(j) != name {
			t.Fatalf("%q passed the check but joins to %q", name, j)
		}
		if j := path.Join("/target/dir", name); path.Dir(j) != "/target/dir" || path.Base(j) != name {
			t.Fatalf("%q passed the check but joins to %q on a server", name, j)
		}
	})
}

// FuzzCheckRelative: a derived name the check lets through stays inside
// the folder it is joined to.
func FuzzCheckRelative(f *testing.F) {
	for _, s := range []string{"a/b.txt", "../x", "a/../../x", `..\x`, "~/x", "dir/", "a\nb", "ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if CheckRelative(name) != nil {
			return
		}
		rel, err := filepath.Rel("/target", filepath.Join("/target", name))
		if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || rel == "." {
			t.Fatalf("%q passed the check but lands at %q", name, rel)
		}
	})
}
