package compare

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Op is what a sync action does.
type Op uint8

// The actions of a sync.
const (
	OpMkdir  Op = iota // make a folder the other side has
	OpCopy             // copy a file over
	OpDelete           // delete what the other side lacks (a folder with all in it)
)

func (o Op) String() string {
	switch o {
	case OpMkdir:
		return "mkdir"
	case OpDelete:
		return "delete"
	}
	return "copy"
}

// Action is one line of a sync preview.
type Action struct {
	Op Op
	// To is the side the action changes: a copy's target, where a folder
	// is made, what is deleted from. A copy's source is the other side.
	To   int
	Rel  string // the path relative to both folders, slash-separated
	Dir  bool   // a folder
	Size int64  // a copy's bytes
	Time time.Time
	// Why a copy is made, from its source's side: OnlyHere (the target
	// lacks it), Newer, or Differs (another size).
	Why Result
	On  bool // selected
}

// Mode is a sync's direction.
type Mode uint8

// The directions: from one side to the other, or both ways where the
// newer file wins.
const (
	OneWay Mode = iota
	BothWays
)

// Sync is the plan that makes one side like the other (or both alike),
// as the preview shows it: each action can be turned off.
type Sync struct {
	Mode    Mode
	From    int // OneWay: the side copied from
	Actions []Action
	// Skipped names what no action can settle, and why: a folder on one
	// side and a file on the other; both ways, the same time and another
	// size.
	Skipped []string
	// Deletions shows the deletions (and lets them run); CanDelete says
	// whether they may: one way, with the target read completely.
	Deletions bool
	CanDelete bool
}

// Plan builds the sync of two trees: OneWay from side from to the other,
// or BothWays. Every action starts selected; deletions are hidden until
// Deletions is turned on.
func Plan(trees [2]*Tree, from int, mode Mode) *Sync {
	s := &Sync{Mode: mode, From: from}
	p := planner{s: s, t: trees, blocked: map[string]bool{}}
	if mode == BothWays {
		p.dirs(0)
		p.dirs(1)
		p.bothWays()
	} else {
		p.dirs(from)
		p.oneWay(from)
		p.deletions(1 - from)
		s.CanDelete = trees[from].Complete && trees[1-from].Complete
	}
	slices.SortStableFunc(s.Actions, func(a, b Action) int {
		if (a.Op == OpDelete) != (b.Op == OpDelete) { // deletions last
			if a.Op == OpDelete {
				return 1
			}
			return -1
		}
		return cmpRel(a.Rel, b.Rel)
	})
	slices.Sort(s.Skipped)
	return s
}

// cmpRel orders paths folder by folder, so a folder's content follows it.
func cmpRel(a, b string) int {
	return slices.Compare(splitRel(a), splitRel(b))
}

type planner struct {
	s       *Sync
	t       [2]*Tree
	blocked map[string]bool // a folder here and a file there: left alone with all under it
}

// under reports whether rel is a blocked name or lies below one.
func (p *planner) under(rel string) bool {
	for r := rel; r != "." && r != ""; r = parent(r) {
		if p.blocked[r] {
			return true
		}
	}
	return false
}

func parent(rel string) string {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return ""
	}
	return rel[:i]
}

// dirs makes on the other side the folders of side from it lacks.
func (p *planner) dirs(from int) {
	src, dst := p.t[from], p.t[1-from]
	for _, d := range sortedKeys(src.Dirs) {
		switch {
		case dst.Dirs[d] || p.under(d):
		case hasFile(dst, d):
			p.blocked[d] = true
			p.s.Skipped = append(p.s.Skipped, d+": a folder on one side, a file on the other")
		default:
			p.s.Actions = append(p.s.Actions, Action{Op: OpMkdir, To: 1 - from, Rel: d, Dir: true, On: true})
		}
	}
}

func hasFile(t *Tree, rel string) bool { _, ok := t.Files[rel]; return ok }

// oneWay copies the files of side from that the other side lacks, has
// with another size, or has older; as mirror does.
func (p *planner) oneWay(from int) {
	src, dst := p.t[from], p.t[1-from]
	for _, r := range sortedKeys(src.Files) {
		f := src.Files[r]
		if p.under(parent(r)) {
			continue
		}
		g, ok := dst.Files[r]
		switch {
		case !ok && dst.Dirs[r]:
			p.blocked[r] = true
			p.s.Skipped = append(p.s.Skipped, r+": a file on one side, a folder on the other")
		case !ok:
			p.copy(from, r, f, OnlyHere)
		case f.Size != g.Size:
			p.copy(from, r, f, Differs)
		case CmpTimes(f, src.Zone, g, dst.Zone) > 0:
			p.copy(from, r, f, Newer)
		}
	}
}

func (p *planner) copy(from int, rel string, f File, why Result) {
	p.s.Actions = append(p.s.Actions, Action{Op: OpCopy, To: 1 - from, Rel: rel, Size: f.Size, Time: f.Time,
		Why: why, On: true})
}

// bothWays copies each file missing on one side to it, and each file
// present on both from the side where it is newer. The same time with
// another size is left alone: nothing says which is right. (A file on
// one side and a folder on the other was blocked by dirs.)
func (p *planner) bothWays() {
	for side := range 2 {
		src, dst := p.t[side], p.t[1-side]
		for _, r := range sortedKeys(src.Files) {
			if p.under(r) {
				continue
			}
			f := src.Files[r]
			g, ok := dst.Files[r]
			if !ok {
				p.copy(side, r, f, OnlyHere)
				continue
			}
			switch c := CmpTimes(f, src.Zone, g, dst.Zone); {
			case c > 0:
				p.copy(side, r, f, Newer)
			case c == 0 && side == 0 && f.Size != g.Size:
				p.s.Skipped = append(p.s.Skipped, r+": the same time on both sides, another size")
			}
		}
	}
}

// deletions deletes on side to what the other side has under no name: a
// file, or a folder with everything in it (its content is not listed).
func (p *planner) deletions(to int) {
	dst, src := p.t[to], p.t[1-to]
	gone := map[string]bool{}
	for _, d := range sortedKeys(dst.Dirs) {
		if src.Dirs[d] || hasFile(src, d) || p.under(d) || p.goneAbove(gone, d) {
			continue
		}
		gone[d] = true
		p.s.Actions = append(p.s.Actions, Action{Op: OpDelete, To: to, Rel: d, Dir: true, On: true})
	}
	for _, r := range sortedKeys(dst.Files) {
		if hasFile(src, r) || src.Dirs[r] || p.goneAbove(gone, r) || p.under(parent(r)) {
			continue
		}
		f := dst.Files[r]
		p.s.Actions = append(p.s.Actions, Action{Op: OpDelete, To: to, Rel: r, Size: f.Size, Time: f.Time, On: true})
	}
}

// goneAbove reports whether a folder above rel is deleted whole.
func (p *planner) goneAbove(gone map[string]bool, rel string) bool {
	for r := parent(rel); r != ""; r = parent(r) {
		if gone[r] {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, cmpRel)
	return out
}

// Visible lists the indices of the actions the preview shows: all but
// the deletions while they are off.
func (s *Sync) Visible() []int {
	out := make([]int, 0, len(s.Actions))
	for i, a := range s.Actions {
		if a.Op != OpDelete || s.Deletions {
			out = append(out, i)
		}
	}
	return out
}

// Selected lists the actions that would run: shown and selected.
func (s *Sync) Selected() []Action {
	var out []Action
	for _, i := range s.Visible() {
		if s.Actions[i].On {
			out = append(out, s.Actions[i])
		}
	}
	return out
}

// Toggle turns action i on or off, keeping the plan whole: a file or
// folder turned on turns on the making of the folders above it, and a
// folder not made turns off everything that would go in it.
func (s *Sync) Toggle(i int) {
	a := &s.Actions[i]
	a.On = !a.On
	if a.Op == OpDelete {
		return
	}
	for j := range s.Actions {
		b := &s.Actions[j]
		if b.Op == OpDelete || b.To != a.To || j == i {
			continue
		}
		switch {
		case a.On && b.Op == OpMkdir && strings.HasPrefix(a.Rel, b.Rel+"/"):
			b.On = true
		case !a.On && a.Op == OpMkdir && strings.HasPrefix(b.Rel, a.Rel+"/"):
			b.On = false
		}
	}
}

// SetAll selects (or clears) every action shown.
func (s *Sync) SetAll(on bool) {
	for _, i := range s.Visible() {
		s.Actions[i].On = on
	}
}

// AllOn reports whether every action shown is selected.
func (s *Sync) AllOn() bool {
	for _, i := range s.Visible() {
		if !s.Actions[i].On {
			return false
		}
	}
	return true
}

// Totals is what the selected actions do to one side.
type Totals struct {
	Copies, Mkdirs, Deletes int
	Bytes                   int64
}

// Totals counts the selected actions by the side they change.
func (s *Sync) Totals() [2]Totals {
	var t [2]Totals
	for _, a := range s.Selected() {
		switch a.Op {
		case OpCopy:
			t[a.To].Copies++
			t[a.To].Bytes += a.Size
		case OpMkdir:
			t[a.To].Mkdirs++
		case OpDelete:
			t[a.To].Deletes++
		}
	}
	return t
}

// ErrNoMirror says mirror cannot do a sync: it copies between the
// server and the local disk only.
var ErrNoMirror = fmt.Errorf("mirror copies between a server and the local disk")

// MirrorArgs is the mirror command (or two, both ways) that does what the
// plan does, as a dry run: remote says which sides are servers, roots are
// the two folders. One way from the local disk is mirror -R; deletions
// add --delete. Both ways is each way with --only-newer (missing files
// are copied, and of two the newer one).
func (s *Sync) MirrorArgs(remote [2]bool, roots [2]string) ([][]string, error) {
	if remote[0] == remote[1] {
		both := "local"
		if remote[0] {
			both = "on servers"
		}
		return nil, fmt.Errorf("%w: both folders are %s", ErrNoMirror, both)
	}
	r, l := 0, 1
	if remote[1] {
		r, l = 1, 0
	}
	if s.Mode == BothWays {
		return [][]string{
			{"--only-newer", "--dry-run", roots[r], roots[l]},
			{"-R", "--only-newer", "--dry-run", roots[l], roots[r]},
		}, nil
	}
	var args []string
	if !remote[s.From] {
		args = append(args, "-R")
	}
	if s.Deletions {
		args = append(args, "--delete")
	}
	return [][]string{append(args, "--dry-run", roots[s.From], roots[1-s.From])}, nil
}
