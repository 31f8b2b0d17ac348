// Package mtime compares files' modification times the way each side
// knows them: the local disk to the nanosecond, MLSD and MDTM to the
// second, a LIST line to the minute, or only to the day when the line
// shows a year. Two times are compared at the coarser precision of the
// two, as lftp does; compared exactly, every file looks newer on the side
// that keeps the finer time. The pane's compare, mirror and the queue's
// "newer" policy all decide with Cmp.
package mtime

import (
	"time"

	"strings"

	"github.com/ftpane/ftpane/session"
)

// Precision is how finely a side knows a file's time.
type Precision uint8

// The precisions, finest first.
const (
	Seconds Precision = iota // the local disk, MLSD, MLST, MDTM
	Minutes                  // a LIST line with a time of day: "Jan  2 15:04"
	Days                     // a LIST line with a year: "Jan  2  2006"
)

func (p Precision) String() string {
	switch p {
	case Minutes:
		return "minutes"
	case Days:
		return "days"
	}
	return "seconds"
}

// Of is the precision of an entry's time as its listing gave it: entries
// from LIST lines (their Raw text) have minutes, or days when the line
// shows a year instead of a time; all others seconds.
func Of(e session.Entry) Precision {
	if !FromLIST(e) {
		return Seconds
	}
	if hasTimeOfDay(e.Raw) {
		return Minutes
	}
	return Days
}

// FromLIST reports whether an entry's time came from a LIST line (in the
// server's own zone, to the minute or the day) rather than from MLSD
// facts, MLST or MDTM (UTC, to the second) or the local disk.
func FromLIST(e session.Entry) bool {
	if e.Raw == "" {
		return false
	}
	facts, _, ok := strings.Cut(e.Raw, " ")
	return !(ok && strings.Contains(facts, "=") && strings.HasSuffix(facts, ";"))
}

// Stamp is a time and how finely it is known. Time is the true time (a
// server's LIST time of day already moved by its zone); a date alone
// (Days) is the date the server wrote.
type Stamp struct {
	Time time.Time
	Prec Precision
}

// StampOf is an entry's time with its precision.
func StampOf(e session.Entry) Stamp { return Stamp{Time: e.ModTime, Prec: Of(e)} }

// Compare compares two entries' times with Cmp, both sides' dates taken
// in UTC.
func Compare(a, b session.Entry) int { return Cmp(StampOf(a), 0, StampOf(b), 0) }

// Newer reports whether a is later than b at the coarser precision of the
// two, both sides' dates taken in UTC.
func Newer(a, b session.Entry) bool { return Compare(a, b) > 0 }

// Cmp compares a with b at the coarser precision of the two: 1 when a is
// later, -1 when earlier, 0 when equal within that precision or when
// either time is unknown. za and zb are the sides' zones, east of UTC,
// which place a date-only time (Days) in absolute time.
func Cmp(a Stamp, za time.Duration, b Stamp, zb time.Duration) int {
	if a.Time.IsZero() || b.Time.IsZero() {
		return 0
	}
	switch max(a.Prec, b.Prec) {
	case Days:
		z := zb
		if a.Prec == Days {
			z = za
		}
		return cmpDates(civil(a, z), civil(b, z))
	case Minutes:
		return a.Time.Truncate(time.Minute).Compare(b.Time.Truncate(time.Minute))
	}
	return a.Time.Truncate(time.Second).Compare(b.Time.Truncate(time.Second))
}

// hasTimeOfDay finds the "15:04" (or "03:04PM") of a LIST line: one or
// two digits standing alone before a colon, two after. A pane reads this
// for each of up to a million entries, so it is a scan, not a regexp.
func hasTimeOfDay(raw string) bool {
	for i := 1; i+2 < len(raw); i++ {
		if raw[i] != ':' || !digit(raw[i-1]) || !digit(raw[i+1]) || !digit(raw[i+2]) {
			continue
		}
		h := i - 1
		if h > 0 && digit(raw[h-1]) {
			h--
		}
		if h == 0 || !word(raw[h-1]) {
			return true
		}
	}
	return false
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

func word(c byte) bool { return digit(c) || c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z' }

type date struct {
	y int
	m time.Month
	d int
}

// civil is s's date in the zone z of a side whose dates have no time of
// day: as written for such a date, else its absolute time moved to z.
func civil(s Stamp, z time.Duration) date {
	t := s.Time
	if s.Prec != Days {
		t = t.UTC().Add(z)
	}
	y, m, d := t.Date()
	return date{y, m, d}
}

func cmpDates(a, b date) int {
	switch {
	case a.y != b.y:
		return sign(a.y - b.y)
	case a.m != b.m:
		return sign(int(a.m) - int(b.m))
	}
	return sign(a.d - b.d)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
