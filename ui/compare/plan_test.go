package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tree builds a Tree from "path" (a folder when it ends in /) or
// "path size time" lines.
func tree(lines ...string) *Tree {
	t := NewTree("/", 0)
	for _, l := range lines {
		if d, ok := strings.CutSuffix(l, "/"); ok {
			t.Dirs[d] = true
			continue
		}
		var rel, tm string
		var size int64
		fmt.Sscan(l, &rel, &size, &tm)
		t.Files[rel] = File{Name: rel[strings.LastIndexByte(rel, '/')+1:], Size: size, Time: at(tm)}
	}
	return t
}

// lines is a plan as "op to rel why" lines, selected ones only.
func lines(s *Sync) []string {
	var out []string
	for _, a := range s.Selected() {
		l := fmt.Sprintf("%s %d %s", a.Op, a.To, a.Rel)
		if a.Op == OpCopy {
			l += " " + a.Why.String()
		}
		out = append(out, l)
	}
	return out
}

func wantLines(t *testing.T, s *Sync, want ...string) {
	t.Helper()
	if got := lines(s); !slices.Equal(got, want) {
		t.Errorf("plan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

const t0, t1 = "2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z"

func sample() [2]*Tree {
	return [2]*Tree{
		tree("a.txt 10 "+t1, "same.txt 5 "+t0, "size.txt 7 "+t0, "old.txt 3 "+t0, "new/", "new/deep/",
			"new/deep/x.bin 1 "+t0, "docs/", "docs/guide.md 4 "+t1, "clash/", "clash/in.txt 1 "+t0),
		tree("a.txt 10 "+t0, "same.txt 5 "+t0, "size.txt 9 "+t1, "old.txt 3 "+t1, "extra.txt 2 "+t0,
			"docs/", "docs/guide.md 4 "+t0, "docs/stale.md 1 "+t0, "gone/", "gone/inner.txt 1 "+t0, "clash 1 "+t0),
	}
}

// TestPlanOneWay is mirror's rule: copy what the target lacks, has with
// another size, or has older; make missing folders; deletions (hidden
// until turned on) remove what the source has under no name, a folder
// whole.
func TestPlanOneWay(t *testing.T) {
	s := Plan(sample(), 0, OneWay)
	wantLines(t, s,
		"copy 1 a.txt newer",
		"copy 1 docs/guide.md newer",
		"mkdir 1 new",
		"mkdir 1 new/deep",
		"copy 1 new/deep/x.bin only here",
		"copy 1 size.txt differs")
	if want := []string{"clash: a folder on one side, a file on the other"}; !slices.Equal(s.Skipped, want) {
		t.Errorf("skipped %q, want %q", s.Skipped, want)
	}
	if !s.CanDelete {
		t.Error("both trees were read whole, yet deletions are not allowed")
	}
	s.Deletions = true
	wantLines(t, s,
		"copy 1 a.txt newer",
		"copy 1 docs/guide.md newer",
		"mkdir 1 new",
		"mkdir 1 new/deep",
		"copy 1 new/deep/x.bin only here",
		"copy 1 size.txt differs",
		"delete 1 docs/stale.md",
		"delete 1 extra.txt",
		"delete 1 gone")

	back := Plan(sample(), 1, OneWay)
	wantLines(t, back,
		"copy 0 docs/stale.md only here",
		"copy 0 extra.txt only here",
		"mkdir 0 gone",
		"copy 0 gone/inner.txt only here",
		"copy 0 old.txt newer",
		"copy 0 size.txt differs")
	if want := []string{"clash: a file on one side, a folder on the other"}; !slices.Equal(back.Skipped, want) {
		t.Errorf("skipped %q, want %q", back.Skipped, want)
	}
}

// TestPlanBothWays: the newer file wins; a missing one is copied to the
// side without it; the same time with another size is left alone.
func TestPlanBothWays(t *testing.T) {
	trees := sample()
	trees[0].Files["tie.txt"] = File{Name: "tie.txt", Size: 1, Time: at(t0)}
	trees[1].Files["tie.txt"] = File{Name: "tie.txt", Size: 2, Time: at(t0)}
	s := Plan(trees, 0, BothWays)
	wantLines(t, s,
		"copy 1 a.txt newer",
		"copy 1 docs/guide.md newer",
		"copy 0 docs/stale.md only here",
		"copy 0 extra.txt only here",
		"mkdir 0 gone",
		"copy 0 gone/inner.txt only here",
		"mkdir 1 new",
		"mkdir 1 new/deep",
		"copy 1 new/deep/x.bin only here",
		"copy 0 old.txt newer",
		"copy 0 size.txt newer")
	want := []string{"clash: a folder on one side, a file on the other", "tie.txt: the same time on both sides, another size"}
	if !slices.Equal(s.Skipped, want) {
		t.Errorf("skipped %q, want %q", s.Skipped, want)
	}
	if s.CanDelete {
		t.Error("both ways deletes nothing")
	}
}

// TestPlanToggleKeepsFoldersWhole: a file turned on turns on the folders
// it needs; a folder turned off takes what goes in it along.
func TestPlanToggleKeepsFoldersWhole(t *testing.T) {
	s := Plan(sample(), 0, OneWay)
	find := func(op Op, rel string) int {
		for i, a := range s.Actions {
			if a.Op == op && a.Rel == rel {
				return i
			}
		}
		t.Fatalf("no %s %s", op, rel)
		return -1
	}
	s.Toggle(find(OpMkdir, "new"))
	wantLines(t, s, "copy 1 a.txt newer", "copy 1 docs/guide.md newer", "copy 1 size.txt differs")
	s.Toggle(find(OpCopy, "new/deep/x.bin"))
	wantLines(t, s, "copy 1 a.txt newer", "copy 1 docs/guide.md newer", "mkdir 1 new", "mkdir 1 new/deep",
		"copy 1 new/deep/x.bin only here", "copy 1 size.txt differs")
	s.SetAll(false)
	wantLines(t, s)
	if s.AllOn() {
		t.Error("AllOn with nothing selected")
	}
	s.SetAll(true)
	if !s.AllOn() || len(lines(s)) != 6 {
		t.Errorf("SetAll(true): %q", lines(s))
	}
}

// TestPlanNoDeletionsFromAPartialTree: a folder that could not be read
// may hold what the other side has: deleting on its strength is refused.
func TestPlanNoDeletionsFromAPartialTree(t *testing.T) {
	trees := sample()
	trees[0].Complete = false
	if Plan(trees, 0, OneWay).CanDelete {
		t.Error("deletions allowed although the source was not read whole")
	}
}

func TestMirrorArgs(t *testing.T) {
	roots := [2]string{"/home/ann/site", "/www"}
	remote := [2]bool{false, true}
	check := func(s *Sync, remote [2]bool, want ...string) {
		t.Helper()
		got, err := s.MirrorArgs(remote, roots)
		if err != nil {
			t.Fatal(err)
		}
		var flat []string
		for _, a := range got {
			flat = append(flat, strings.Join(a, " "))
		}
		if !slices.Equal(flat, want) {
			t.Errorf("mirror %q, want %q", flat, want)
		}
	}
	up := Plan(sample(), 0, OneWay)
	check(up, remote, "-R --dry-run /home/ann/site /www")
	up.Deletions = true
	check(up, remote, "-R --delete --dry-run /home/ann/site /www")
	check(Plan(sample(), 1, OneWay), remote, "--dry-run /www /home/ann/site")
	check(Plan(sample(), 0, OneWay), [2]bool{true, false}, "--dry-run /home/ann/site /www")
	check(Plan(sample(), 0, BothWays), remote, "--only-newer --dry-run /www /home/ann/site",
		"-R --only-newer --dry-run /home/ann/site /www")
	if _, err := up.MirrorArgs([2]bool{false, false}, roots); err == nil ||
		err.Error() != "mirror copies between a server and the local disk: both folders are local" {
		t.Errorf("two local folders: %v", err)
	}
}
