package shell

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// timeBound is lftp's --newer-than (after) or --older-than (before):
// only files whose time is strictly after, or strictly before, it are
// copied. A file of unknown time is copied all the same, as lftp does.
type timeBound struct {
	after, before time.Time
}

func (b timeBound) has(t time.Time) bool {
	switch {
	case t.IsZero():
		return true
	case !b.after.IsZero() && !t.After(b.after):
		return false
	case !b.before.IsZero() && !t.Before(b.before):
		return false
	}
	return true
}

// parseWhen reads --newer-than's and --older-than's argument as lftp
// does: a time ("now-7days", "now - 3 hours", "2 weeks ago", "week ago",
// "yesterday", "today", "2024-01-31", "2024-01-31 10:00[:05]", in local
// time), else a local file (local resolves its path; nil: as given),
// whose modification time is taken.
func parseWhen(spec string, now time.Time, local func(string) string) (time.Time, error) {
	if t, ok := parseTimeSpec(spec, now); ok {
		return t, nil
	}
	if local == nil {
		local = func(p string) string { return p }
	}
	st, err := os.Stat(local(spec))
	if err == nil {
		return st.ModTime(), nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return time.Time{}, err
	}
	return time.Time{}, fmt.Errorf("%q is neither a time (such as now-7days, 2 weeks ago, 2024-01-31 10:00) nor a file", spec)
}

// timeUnits are the lengths parseTimeSpec knows (a month is 30 days and
// a year 365, as at(1) counts them).
var timeUnits = map[string]time.Duration{
	"sec": time.Second, "second": time.Second, "min": time.Minute, "minute": time.Minute,
	"hour": time.Hour, "day": 24 * time.Hour, "week": 7 * 24 * time.Hour,
	"month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour,
}

func parseTimeSpec(spec string, now time.Time) (time.Time, bool) {
	s := strings.ToLower(strings.Join(strings.Fields(spec), " "))
	switch s {
	case "now":
		return now, true
	case "today":
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, now.Location()), true
	case "yesterday":
		return now.AddDate(0, 0, -1), true
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, true
		}
	}
	if rest, ok := strings.CutPrefix(s, "now"); ok {
		rest = strings.ReplaceAll(rest, " ", "")
		if rest, ok = strings.CutPrefix(rest, "-"); ok {
			if d, ok := amount(rest); ok {
				return now.Add(-d), true
			}
		}
		return time.Time{}, false
	}
	if rest, ok := strings.CutSuffix(s, " ago"); ok {
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			rest = "1" + rest // "week ago"
		}
		if d, ok := amount(strings.ReplaceAll(rest, " ", "")); ok {
			return now.Add(-d), true
		}
	}
	return time.Time{}, false
}

// amount reads "7days", "3hour", "1week" (plural or not).
func amount(s string) (time.Duration, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	unit, ok := timeUnits[strings.TrimSuffix(s[i:], "s")]
	if err != nil || !ok || n > 100000 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}
