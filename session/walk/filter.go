package walk

import (
	"errors"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
)

// Type selects which kinds of entry a search reports.
type Type int

// Both reports files and folders; Files everything that is not a folder
// (links and special files too); Folders only folders.
const (
	Both Type = iota
	Files
	Folders
)

func (t Type) String() string {
	switch t {
	case Files:
		return "files"
	case Folders:
		return "folders"
	}
	return "files and folders"
}

// ParseType reads a type as the find dialog and lftp's --type spell it:
// "f"/"files", "d"/"folders", or "both".
func ParseType(s string) (Type, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "both", "all", "files and folders":
		return Both, nil
	case "f", "file", "files":
		return Files, nil
	case "d", "dir", "folder", "folders":
		return Folders, nil
	}
	return Both, fmt.Errorf("type %q: want f (files), d (folders) or both", s)
}

// SizeCond is one size condition: Op is '<', '>' or '='.
type SizeCond struct {
	Op byte
	N  int64
}

// AgeCond is one condition on the modification time: Within holds for
// entries modified less than D ago, otherwise for entries older than D.
type AgeCond struct {
	Within bool
	D      time.Duration
}

// Filter says which entries of the tree are results. The zero Filter
// reports everything.
type Filter struct {
	// Pattern is a shell pattern (*, ?, [a-z]) matched against the name,
	// or against the path from the start folder when it holds a slash.
	// "" matches every name.
	Pattern string
	// Fold makes the pattern ignore case.
	Fold bool
	Type Type
	// Size and Age must all hold. A size condition leaves folders out
	// (their listed size says nothing about what they hold); an age
	// condition leaves out entries whose time the listing did not give.
	Size []SizeCond
	Age  []AgeCond
}

// Check reports a malformed pattern.
func (f Filter) Check() error {
	if _, err := path.Match(f.pattern(), ""); err != nil {
		return fmt.Errorf("pattern %q: %w", f.Pattern, err)
	}
	return nil
}

func (f Filter) pattern() string {
	if f.Fold {
		return strings.ToLower(f.Pattern)
	}
	return f.Pattern
}

// Match reports whether the entry at rel (slash-separated, from the start
// folder) is a result, now being the time the search started.
func (f Filter) Match(rel string, e session.Entry, now time.Time) bool {
	return f.matcher(now).match(rel, e)
}

// matcher is a Filter prepared once for a whole walk.
type matcher struct {
	f       Filter
	pattern string
	byPath  bool
	now     time.Time
}

func (f Filter) matcher(now time.Time) matcher {
	p := f.pattern()
	return matcher{f: f, pattern: p, byPath: strings.Contains(p, "/"), now: now}
}

func (m matcher) match(rel string, e session.Entry) bool {
	switch {
	case m.f.Type == Files && e.IsDir(), m.f.Type == Folders && !e.IsDir():
		return false
	case len(m.f.Size) > 0 && e.IsDir():
		return false
	}
	for _, c := range m.f.Size {
		if !c.holds(e.Size) {
			return false
		}
	}
	for _, c := range m.f.Age {
		if e.ModTime.IsZero() || !c.holds(m.now.Sub(e.ModTime)) {
			return false
		}
	}
	if m.pattern == "" {
		return true
	}
	name := e.Name
	if m.byPath {
		name = rel
	}
	if m.f.Fold {
		name = strings.ToLower(name)
	}
	ok, _ := path.Match(m.pattern, name)
	return ok
}

func (c SizeCond) holds(n int64) bool {
	switch c.Op {
	case '<':
		return n < c.N
	case '>':
		return n > c.N
	}
	return n == c.N
}

func (c AgeCond) holds(age time.Duration) bool {
	if c.Within {
		return age <= c.D
	}
	return age > c.D
}

// ParseSize reads size conditions separated by spaces: ">1M" (more
// than), "<10K" (less than), "0" or "=0" (exactly). Units are those the
// panes show sizes in (K, M, G are powers of 1000; KiB, MiB, GiB of
// 1024); a bare number is bytes.
func ParseSize(s string) ([]SizeCond, error) {
	var out []SizeCond
	for _, w := range strings.Fields(s) {
		op := w[0]
		num := w[1:]
		if op >= '0' && op <= '9' {
			op, num = '=', w
		}
		if op != '<' && op != '>' && op != '=' || num == "" {
			return nil, sizeError(w)
		}
		n, err := humanize.ParseBytes(num)
		if err != nil || n > math.MaxInt64 {
			return nil, sizeError(w)
		}
		out = append(out, SizeCond{Op: op, N: int64(n)})
	}
	return out, nil
}

func sizeError(w string) error {
	return fmt.Errorf("size %q: want >N, <N or N, N a size such as 1M, 10K or 512", w)
}

// ParseAge reads modification-time conditions separated by spaces:
// "-7d" is modified within the last 7 days, "+30d" longer ago than 30
// days (find's -mtime signs). Units: m (minutes), h, d, w; a bare number
// is days.
func ParseAge(s string) ([]AgeCond, error) {
	var out []AgeCond
	for _, w := range strings.Fields(s) {
		c, err := parseAge(w)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func parseAge(w string) (AgeCond, error) {
	bad := fmt.Errorf("modified %q: want -N (within N days) or +N (older than N days), N with m, h, d or w, such as -7d or +30d", w)
	if len(w) < 2 || (w[0] != '-' && w[0] != '+') {
		return AgeCond{}, bad
	}
	num, unit := w[1:], time.Duration(24*time.Hour)
	units := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if u, ok := units[num[len(num)-1]]; ok {
		num, unit = num[:len(num)-1], u
	}
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil {
		return AgeCond{}, bad
	}
	return AgeCond{Within: w[0] == '-', D: time.Duration(n) * unit}, nil
}

// errNotFolder is the start folder's error when it names a file.
var errNotFolder = errors.New("not a folder")
