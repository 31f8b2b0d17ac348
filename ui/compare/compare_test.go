package compare

import (
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func file(name string, size int64, tm string) File {
	return File{Name: name, Kind: session.KindFile, Size: size, Time: at(tm)}
}

func dir(name, tm string) File {
	return File{Name: name, Kind: session.KindDir, Size: 4096, Time: at(tm)}
}

// TestCompareByNameSizeTime covers each result from both sides: folders
// by presence, files by size then time, names case-sensitive.
func TestCompareByNameSizeTime(t *testing.T) {
	const t0, t1 = "2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z"
	left := Side{Files: []File{
		file("same.txt", 10, t0), file("newer.txt", 10, t1), file("older.txt", 10, t0),
		file("bigger.txt", 20, t1), file("left.txt", 1, t0), file("Case.txt", 1, t0),
		dir("docs", t0), dir("mine", t0), dir("kind", t0),
	}}
	right := Side{Files: []File{
		file("same.txt", 10, t0), file("newer.txt", 10, t0), file("older.txt", 10, t1),
		file("bigger.txt", 10, t0), file("right.txt", 1, t0), file("case.txt", 1, t0),
		dir("docs", t1), file("kind", 5, t0),
	}}
	o := Compare(left, right)
	want := [2]map[string]Result{
		{"same.txt": Same, "newer.txt": Newer, "older.txt": Older, "bigger.txt": Differs, "left.txt": OnlyHere,
			"Case.txt": OnlyHere, "docs": Same, "mine": OnlyHere, "kind": Differs},
		{"same.txt": Same, "newer.txt": Older, "older.txt": Newer, "bigger.txt": Differs, "right.txt": OnlyHere,
			"case.txt": OnlyHere, "docs": Same, "kind": Differs},
	}
	for side := range 2 {
		got := o.Results(side)
		if len(got) != len(want[side]) {
			t.Errorf("side %d: %d results, want %d: %v", side, len(got), len(want[side]), got)
		}
		for n, r := range want[side] {
			if got[n] != r {
				t.Errorf("side %d: %s is %q, want %q", side, n, got[n], r)
			}
		}
	}
	if c := o[0]["bigger.txt"]; c.Time != 1 || o[1]["bigger.txt"].Time != -1 {
		t.Errorf("a size difference hides which is newer: %+v / %+v", c, o[1]["bigger.txt"])
	}
	if got, want := o.Count(0).String(), "1 newer, 1 older, 3 only here, 2 only there, 2 differ, 2 same"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got, want := (Counts{Newer: 3, Older: 2, OnlyHere: 5, Differs: 1}).String(), "3 newer, 2 older, 5 only here, 1 differs"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// TestPickAsMidnightCommander: after a compare, what is newer here
// (whatever its size) and what the other side lacks is marked.
func TestPickAsMidnightCommander(t *testing.T) {
	const t0, t1 = "2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z"
	o := Compare(
		Side{Files: []File{file("new.txt", 1, t1), file("grown.txt", 9, t1), file("old.txt", 1, t0),
			file("mine.txt", 1, t0), file("same.txt", 1, t0)}},
		Side{Files: []File{file("new.txt", 1, t0), file("grown.txt", 1, t0), file("old.txt", 1, t1),
			file("theirs.txt", 1, t0), file("same.txt", 1, t0)}})
	check := func(side int, p Pick, want ...string) {
		t.Helper()
		got := o.Names(side, p)
		if len(got) != len(want) {
			t.Errorf("side %d, %s: %v, want %v", side, p, got, want)
		}
		for _, n := range want {
			if !got[n] {
				t.Errorf("side %d, %s: %s not picked (%v)", side, p, n, got)
			}
		}
	}
	check(0, PickDefault, "new.txt", "grown.txt", "mine.txt")
	check(1, PickDefault, "old.txt", "theirs.txt")
	check(0, PickNewer, "new.txt", "grown.txt")
	check(0, PickOlder, "old.txt")
	check(0, PickDiffers, "grown.txt")
	check(0, PickSame, "same.txt")
	check(1, PickOnlyHere, "theirs.txt")
	check(0, PickNothing)
}
