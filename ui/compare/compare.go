// Package compare holds what comparing two folders means, without any
// Bubble Tea: the result of each name (newer, older, only here, size
// differs, same) by name, size and time at the precision both sides know,
// a recursive walk of a folder tree, and the plan that makes one side like
// the other (the sync preview's actions and its equivalent mirror command).
// The root model (ui/compare.go, ui/syncview.go) shows and runs them.
package compare

import (
	"fmt"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
)

// File is one entry to compare.
type File struct {
	Name string
	Kind session.Kind
	Size int64
	// Time is the true time (a server's LIST times of day already moved by
	// its zone); a date alone (Days) is the date the server wrote.
	Time time.Time
	Prec Precision
}

// FileOf is the File for a listed entry; its precision comes from the
// entry as listed (before any zone shift).
func FileOf(e session.Entry, p Precision) File {
	return File{Name: e.Name, Kind: e.Kind, Size: e.Size, Time: e.ModTime, Prec: p}
}

// Side is one folder's entries and the zone of its dates: the server's
// offset east of UTC, which places a date-only time (Days) in absolute
// time. The local disk's is 0 and unused.
type Side struct {
	Files []File
	Zone  time.Duration
}

// Result is what comparing a name found, seen from one side.
type Result uint8

// The results. Files are compared by size first, then by time; folders,
// links and other entries by presence only (a folder on one side and a
// file on the other differ).
const (
	None     Result = iota // not compared
	Same                   // same size, same time within the precision
	Newer                  // same size, this side's time is later
	Older                  // same size, this side's time is earlier
	OnlyHere               // the other side has no such name
	Differs                // the sizes differ (or the kinds)
)

func (r Result) String() string {
	switch r {
	case Same:
		return "same"
	case Newer:
		return "newer"
	case Older:
		return "older"
	case OnlyHere:
		return "only here"
	case Differs:
		return "differs"
	}
	return ""
}

// Marker is the one-cell sign of a result in the column a pane shows when
// colours are off (NO_COLOR).
func (r Result) Marker() string {
	switch r {
	case Same:
		return "="
	case Newer:
		return ">"
	case Older:
		return "<"
	case OnlyHere:
		return "+"
	case Differs:
		return "!"
	}
	return " "
}

// Cmp is one name's comparison from one side: its Result, and how its
// time relates to the other side's (1 later, -1 earlier, 0 equal or
// unknown), which a size difference hides from the Result.
type Cmp struct {
	Result Result
	Time   int
}

// Outcome is a comparison of two folders: each side's names and results.
type Outcome [2]map[string]Cmp

// Compare compares two folders' entries by name (case-sensitive).
func Compare(a, b Side) Outcome {
	out := Outcome{make(map[string]Cmp, len(a.Files)), make(map[string]Cmp, len(b.Files))}
	other := make(map[string]File, len(b.Files))
	for _, f := range b.Files {
		other[f.Name] = f
	}
	for _, f := range a.Files {
		g, ok := other[f.Name]
		if !ok {
			out[0][f.Name] = Cmp{Result: OnlyHere}
			continue
		}
		ca := pair(f, a.Zone, g, b.Zone)
		out[0][f.Name] = ca
		out[1][f.Name] = mirror(ca)
	}
	for _, g := range b.Files {
		if _, ok := out[1][g.Name]; !ok {
			out[1][g.Name] = Cmp{Result: OnlyHere}
		}
	}
	return out
}

// pair compares a name present on both sides, from a's side.
func pair(a File, za time.Duration, b File, zb time.Duration) Cmp {
	if a.Kind != b.Kind {
		return Cmp{Result: Differs}
	}
	if a.Kind != session.KindFile {
		return Cmp{Result: Same}
	}
	t := CmpTimes(a, za, b, zb)
	switch {
	case a.Size != b.Size:
		return Cmp{Result: Differs, Time: t}
	case t > 0:
		return Cmp{Result: Newer, Time: t}
	case t < 0:
		return Cmp{Result: Older, Time: t}
	}
	return Cmp{Result: Same}
}

// mirror is a pair's comparison seen from the other side.
func mirror(c Cmp) Cmp {
	switch c.Result {
	case Newer:
		c.Result = Older
	case Older:
		c.Result = Newer
	}
	c.Time = -c.Time
	return c
}

// Results is one side's results alone, as a pane colours its rows.
func (o Outcome) Results(side int) map[string]Result {
	out := make(map[string]Result, len(o[side]))
	for n, c := range o[side] {
		out[n] = c.Result
	}
	return out
}

// Pick is a choice of names by their comparison: what to mark.
type Pick uint8

// The choices. PickDefault is Midnight Commander's: what is newer here
// (also when the size differs) and what the other side lacks.
const (
	PickDefault Pick = iota
	PickNewer        // later here, whatever the size
	PickOlder        // earlier here, whatever the size
	PickOnlyHere
	PickDiffers
	PickSame
	PickNothing
)

// Picks lists the choices in menu order.
func Picks() []Pick {
	return []Pick{PickDefault, PickNewer, PickOlder, PickOnlyHere, PickDiffers, PickSame, PickNothing}
}

func (p Pick) String() string {
	switch p {
	case PickNewer:
		return "newer"
	case PickOlder:
		return "older"
	case PickOnlyHere:
		return "only here"
	case PickDiffers:
		return "size differs"
	case PickSame:
		return "same"
	case PickNothing:
		return "nothing"
	}
	return "newer and only here"
}

// Has reports whether a comparison is among the pick.
func (p Pick) Has(c Cmp) bool {
	switch p {
	case PickDefault:
		return c.Result == OnlyHere || c.Time > 0
	case PickNewer:
		return c.Time > 0
	case PickOlder:
		return c.Time < 0
	case PickOnlyHere:
		return c.Result == OnlyHere
	case PickDiffers:
		return c.Result == Differs
	case PickSame:
		return c.Result == Same
	}
	return false
}

// Names is the set of one side's names the pick takes.
func (o Outcome) Names(side int, p Pick) map[string]bool {
	out := map[string]bool{}
	for n, c := range o[side] {
		if p.Has(c) {
			out[n] = true
		}
	}
	return out
}

// Counts is how many names of one side got each result.
type Counts struct{ Newer, Older, OnlyHere, OnlyThere, Differs, Same int }

// Count counts one side's results; OnlyThere is the other side's only-here.
func (o Outcome) Count(side int) Counts {
	var c Counts
	for _, x := range o[side] {
		switch x.Result {
		case Newer:
			c.Newer++
		case Older:
			c.Older++
		case OnlyHere:
			c.OnlyHere++
		case Differs:
			c.Differs++
		case Same:
			c.Same++
		}
	}
	for _, x := range o[1-side] {
		if x.Result == OnlyHere {
			c.OnlyThere++
		}
	}
	return c
}

// String is the summary the status line shows: "3 newer, 2 older, 5 only
// here, 1 only there, 1 differs, 7 same", leaving out what is none.
func (c Counts) String() string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(c.Newer, "newer")
	add(c.Older, "older")
	add(c.OnlyHere, "only here")
	add(c.OnlyThere, "only there")
	add(c.Differs, "differ")
	if c.Differs == 1 {
		parts[len(parts)-1] = "1 differs"
	}
	add(c.Same, "same")
	if len(parts) == 0 {
		return "both folders are empty"
	}
	return strings.Join(parts, ", ")
}
