package mtime

import (
	"testing"
	"time"

	"github.com/ftpane/ftpane/session"
)

func TestPrecisionOfListing(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want Precision
	}{
		{"", Seconds}, // the local disk
		{"type=file;size=10;modify=20240102150405; a.txt", Seconds},
		{"-rw-r--r--   1 ann  staff  10 Jan  2 15:04 a.txt", Minutes},
		{"01-02-24  03:04PM                  10 a.txt", Minutes}, // IIS
		{"-rw-r--r--   1 ann  staff  10 Jan  2  2006 a.txt", Days},
		{"-rw-r--r--   1 ann  staff  10 Jan  2  2006 v123:45", Days}, // no time standing alone
		{"-rw-r--r--   1 ann  staff  10 Jan  2  9:05 a.txt", Minutes},
	} {
		if got := Of(session.Entry{Name: "a.txt", Raw: c.raw}); got != c.want {
			t.Errorf("%q: precision %v, want %v", c.raw, got, c.want)
		}
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestTimesAtTheCoarserPrecision: times are equal when they agree as far
// as the coarser side knows them, and a date alone is placed in its
// server's zone before the other side's time is compared with it.
func TestTimesAtTheCoarserPrecision(t *testing.T) {
	east10 := 10 * time.Hour
	for _, c := range []struct {
		name   string
		a      Stamp
		za     time.Duration
		b      Stamp
		zb     time.Duration
		want   int
		reason string
	}{
		{"fractions of a second", Stamp{Time: at("2024-05-01T10:00:00.9Z")}, 0,
			Stamp{Time: at("2024-05-01T10:00:00.1Z")}, 0, 0, "both know seconds: the same second"},
		{"a second later", Stamp{Time: at("2024-05-01T10:00:01Z")}, 0,
			Stamp{Time: at("2024-05-01T10:00:00Z")}, 0, 1, "seconds differ"},
		{"LIST minutes", Stamp{Time: at("2024-05-01T10:00:00Z"), Prec: Minutes}, 0,
			Stamp{Time: at("2024-05-01T10:00:59.5Z")}, 0, 0, "LIST knows 10:00 only"},
		{"LIST minutes, next minute", Stamp{Time: at("2024-05-01T10:00:00Z"), Prec: Minutes}, 0,
			Stamp{Time: at("2024-05-01T10:01:00Z")}, 0, -1, "10:01 is after 10:00"},
		{"a date in UTC+10", Stamp{Time: at("2006-01-02T00:00:00Z"), Prec: Days}, east10,
			Stamp{Time: at("2006-01-01T20:00:00Z")}, 0, 0, "20:00 UTC is the 2nd in UTC+10"},
		{"a date in UTC", Stamp{Time: at("2006-01-02T00:00:00Z"), Prec: Days}, 0,
			Stamp{Time: at("2006-01-01T20:00:00Z")}, 0, 1, "without the zone it is the 1st"},
		{"a date, the other side", Stamp{Time: at("2006-01-02T14:00:00Z")}, 0,
			Stamp{Time: at("2006-01-02T00:00:00Z"), Prec: Days}, east10, 1, "14:00 UTC is the 3rd in UTC+10"},
		{"two dates", Stamp{Time: at("2006-01-02T00:00:00Z"), Prec: Days}, east10,
			Stamp{Time: at("2006-01-02T00:00:00Z"), Prec: Days}, 0, 0, "as written"},
		{"no time", Stamp{}, 0, Stamp{Time: at("2024-05-01T10:00:00Z")}, 0, 0, "unknown is not newer"},
	} {
		if got := Cmp(c.a, c.za, c.b, c.zb); got != c.want {
			t.Errorf("%s: %d, want %d (%s)", c.name, got, c.want, c.reason)
		}
		if got := Cmp(c.b, c.zb, c.a, c.za); got != -c.want {
			t.Errorf("%s, swapped: %d, want %d", c.name, got, -c.want)
		}
	}
}
