package pane

import (
	"errors"
	"io/fs"
	"math"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
)

// DefaultMaxEntries is how many entries of one folder a pane keeps unless
// configured otherwise (browse.max_entries).
const DefaultMaxEntries = 1_000_000

// errFull stops a listing once the pane holds as many entries as it may.
var errFull = errors.New("pane: entry limit reached")

// table is a folder's entries, held compactly: a session.Entry costs
// about 130 bytes plus its strings (the listing line among them), a row
// here 32 bytes plus its name and 4 bytes for where that starts. Names
// sit back to back in one string;
// owner and group pairs, which repeat, are kept once; link targets and
// times in an unusual zone are kept aside. The listing line (Raw) is not
// kept: only the shell's ls shows it, and it lists for itself.
type table struct {
	rows    []row
	names   string   // every name, back to back
	offs    []uint32 // name i is names[offs[i]:offs[i+1]]
	users   []owners // distinct owner, group and perm fact; users[0] is none
	targets map[int32]string
	zones   map[int32]*time.Location // times not in zone
	zone    *time.Location
	cut     bool // the folder has more entries than the limit let in
	// modes says some entry has permissions; ownerW and groupW are the
	// widest owner and group (0: none known). The columns size by them.
	modes          bool
	ownerW, groupW int
}

// owners is an entry's owner and group, and its MLSD perm fact where the
// server gave no mode: all three repeat, so they are kept once.
type owners struct{ owner, group, perm string }

// row is one entry. mtime is in Unix nanoseconds, or in seconds when
// flagSecs says so (times before 1678 or after 2261), or noTime.
type row struct {
	size  int64
	mtime int64
	mode  fs.FileMode
	users uint32
	kind  uint8 // a session.Kind
	flags uint8
}

const (
	flagMode   = 1 << iota // the listing reported permissions (Entry.HasMode)
	flagSecs               // mtime is in seconds
	flagTarget             // the link target is in table.targets
	flagZone               // the time's zone is in table.zones
)

const noTime = math.MinInt64

// emptyTable is what a pane shows before its first listing.
var emptyTable = &table{users: []owners{{}}, offs: []uint32{0}}

func (t *table) len() int { return len(t.rows) }

// name is entry i's name, a view into the table (never keep it: it holds
// every name of the folder).
func (t *table) name(i int) string { return t.names[t.offs[i]:t.offs[i+1]] }

func (t *table) isDir(i int) bool { return t.rows[i].isDir() }

func (r *row) isDir() bool { return session.Kind(r.kind) == session.KindDir }

// entry gives entry i back as the session listed it, but for Raw (the
// listing line), which is the name for an Unknown entry and empty
// otherwise. Its strings are copies: keeping it does not keep the table.
func (t *table) entry(i int) session.Entry {
	e := t.peek(i)
	e.Name = strings.Clone(e.Name)
	if e.Kind == session.KindUnknown {
		e.Raw = e.Name
	}
	return e
}

// peek is entry i for drawing a row: the name is a view into the table.
func (t *table) peek(i int) session.Entry {
	r := &t.rows[i]
	u := t.users[r.users]
	e := session.Entry{Name: t.name(i), Kind: session.Kind(r.kind), Size: r.size, ModTime: t.modTime(i),
		Mode: r.mode, HasMode: r.flags&flagMode != 0, Owner: u.owner, Group: u.group, Perm: u.perm}
	if r.flags&flagTarget != 0 {
		e.Target = t.targets[int32(i)]
	}
	return e
}

func (t *table) modTime(i int) time.Time {
	r := &t.rows[i]
	var tm time.Time
	switch {
	case r.mtime == noTime:
		return time.Time{}
	case r.flags&flagSecs != 0:
		tm = time.Unix(r.mtime, 0)
	default:
		tm = time.Unix(0, r.mtime)
	}
	if r.flags&flagZone != 0 {
		return tm.In(t.zones[int32(i)])
	}
	return tm.In(t.zone)
}

// cmpTime orders two rows by modification time, no time first.
func cmpTime(a, b *row) int {
	if (a.flags|b.flags)&flagSecs == 0 {
		return cmpInt(a.mtime, b.mtime)
	}
	as, an := a.unix()
	bs, bn := b.unix()
	if c := cmpInt(as, bs); c != 0 {
		return c
	}
	return cmpInt(an, bn)
}

func (r *row) unix() (sec, nsec int64) {
	switch {
	case r.mtime == noTime:
		return math.MinInt64, 0
	case r.flags&flagSecs != 0:
		return r.mtime, 0
	}
	sec, nsec = r.mtime/1e9, r.mtime%1e9
	if nsec < 0 {
		sec, nsec = sec-1, nsec+1e9
	}
	return sec, nsec
}
