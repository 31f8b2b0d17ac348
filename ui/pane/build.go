package pane

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
)

// builder fills a table one entry at a time, as a listing streams in, so
// a folder never exists as a []session.Entry on the way.
type builder struct {
	t     table
	names strings.Builder
	users map[owners]uint32
	limit int
	// shape rewrites each entry before it is kept (a server's time zone);
	// sample keeps the first files as they came, for the root to learn
	// from (time-zone detection).
	shape  func(session.Entry) session.Entry
	sample []session.Entry
}

// sampleSize is how many files a listing keeps as they came.
const sampleSize = 8

func newBuilder(limit int) *builder {
	if limit <= 0 {
		limit = DefaultMaxEntries
	}
	return &builder{t: table{users: []owners{{}}, offs: []uint32{0}}, users: map[owners]uint32{{}: 0}, limit: limit}
}

// add appends e, or returns errFull (and marks the table cut) when the
// table already holds limit entries or its names would pass 4 GiB.
func (b *builder) add(e session.Entry) error {
	if len(b.t.rows) >= b.limit || b.names.Len()+len(e.Name) > math.MaxUint32 {
		b.t.cut = true
		return errFull
	}
	if len(b.sample) < sampleSize && e.Kind == session.KindFile && !e.ModTime.IsZero() {
		b.sample = append(b.sample, e)
	}
	if b.shape != nil {
		e = b.shape(e)
	}
	i := int32(len(b.t.rows))
	perm := ""
	if !e.HasMode {
		perm = e.Perm // a mode says more; a fact is shown only without one
	}
	r := row{size: e.Size, mode: e.Mode, users: b.user(e.Owner, e.Group, perm), kind: uint8(e.Kind)}
	r.flags |= precisionFlags(e) // compare.go
	b.names.WriteString(e.Name)
	b.t.offs = append(b.t.offs, uint32(b.names.Len()))
	if e.HasMode {
		r.flags |= flagMode
	}
	if e.HasMode || perm != "" {
		b.t.modes = true
	}
	if e.Target != "" {
		r.flags |= flagTarget
		b.t.targets = setAside(b.t.targets, i, strings.Clone(e.Target))
	}
	b.setTime(&r, i, e.ModTime)
	b.t.rows = append(b.t.rows, r)
	return nil
}

// user interns an owner, group and perm fact. The strings are copied: a
// parser's substrings would keep their whole listing line alive.
func (b *builder) user(owner, group, perm string) uint32 {
	k := owners{owner, group, perm}
	if i, ok := b.users[k]; ok {
		return i
	}
	k = owners{strings.Clone(owner), strings.Clone(group), strings.Clone(perm)}
	i := uint32(len(b.t.users))
	b.t.users = append(b.t.users, k)
	b.users[k] = i
	return i
}

// setTime stores t in nanoseconds where they reach (1678 to 2261), else
// in seconds; a zone other than the table's (the first entry's) is kept
// aside.
func (b *builder) setTime(r *row, i int32, t time.Time) {
	if t.IsZero() {
		r.mtime = noTime
		return
	}
	if y := t.Year(); y > 1678 && y < 2261 {
		r.mtime = t.UnixNano()
	} else {
		r.mtime, r.flags = t.Unix(), r.flags|flagSecs
	}
	switch loc := t.Location(); {
	case b.t.zone == nil:
		b.t.zone = loc
	case loc != b.t.zone:
		r.flags |= flagZone
		b.t.zones = setAside(b.t.zones, i, loc)
	}
}

func setAside[V any](m map[int32]V, i int32, v V) map[int32]V {
	if m == nil {
		m = map[int32]V{}
	}
	m[i] = v
	return m
}

// finish returns the table; the builder is spent.
func (b *builder) finish() *table {
	b.t.names = b.names.String()
	if b.t.zone == nil {
		b.t.zone = time.UTC
	}
	b.t.ownerW, b.t.groupW = ownerWidths(b.t.users)
	t := b.t
	return &t
}

// tableOf builds a table from a listing held whole (an FS that cannot
// stream, or a test).
func tableOf(es []session.Entry, limit int) *table {
	b := newBuilder(limit)
	es = es[:min(len(es), b.limit+1)] // one more, to see the cut
	b.t.rows = make([]row, 0, min(len(es), b.limit))
	b.t.offs = slices.Grow(b.t.offs, min(len(es), b.limit))
	size := 0
	for _, e := range es {
		size += len(e.Name)
	}
	b.names.Grow(size)
	for _, e := range es {
		if b.add(e) != nil {
			break
		}
	}
	return b.finish()
}
