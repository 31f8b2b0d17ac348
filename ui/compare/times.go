package compare

// Times: how finely each side knows a file's time, and comparing two
// times at the coarser of the two, each in its own zone.

import (
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/sites"
)

// Precision is how finely a side knows a file's time. Two times are
// compared at the coarser precision of the two: a LIST line has minutes
// only, or only a date for an older file.
type Precision uint8

// The precisions, finest first.
const (
	Seconds Precision = iota // the local disk, MLSD, MDTM
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

// PrecisionOf is the precision of an entry's time as its listing gave it:
// entries from LIST lines (their Raw text) have minutes, or days when the
// line shows a year instead of a time; all others seconds.
func PrecisionOf(e session.Entry) Precision {
	if !sites.FromLIST(e) {
		return Seconds
	}
	if hasTimeOfDay(e.Raw) {
		return Minutes
	}
	return Days
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

// CmpTimes compares a's time with b's at the coarser precision of the
// two: 1 when a is later, -1 when earlier, 0 when equal within that
// precision or when either time is unknown. za and zb are the sides'
// zones (see Side).
func CmpTimes(a File, za time.Duration, b File, zb time.Duration) int {
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

type date struct {
	y int
	m time.Month
	d int
}

// civil is f's date in the zone z of a side whose dates have no time of
// day: as written for such a date, else its absolute time moved to z.
func civil(f File, z time.Duration) date {
	t := f.Time
	if f.Prec != Days {
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
