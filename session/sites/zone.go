package sites

import (
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
)

// ModTimer asks a server for a file's modification time in UTC (MDTM):
// the same as session.ModTimer, kept under this name for callers.
type ModTimer = session.ModTimer

// ErrNoZoneSample says a folder had no file to compare: no LIST line
// with a time of day, or MDTM refused for each one tried.
var ErrNoZoneSample = errors.New("no file with a time of day to compare")

// timeOfDay finds the "15:04" (or "03:04PM") of a LIST line.
var timeOfDay = regexp.MustCompile(`\b\d{1,2}:\d{2}(AM|PM)?\b`)

// FromLIST reports whether an entry's time came from a LIST line, which
// is in the server's own zone, rather than from MLSD facts (UTC).
var FromLIST = mtime.FromLIST

// DetectOffset finds the zone of a server's LIST times: it asks MDTM (UTC)
// for a file of the listing whose LIST line shows a time of day, and
// rounds the difference to a quarter hour. A listing from MLSD needs no
// offset (0, nil). At most three files are tried.
func DetectOffset(ctx context.Context, c ModTimer, l session.Listing) (time.Duration, error) {
	tried := 0
	for _, e := range l.Entries {
		if e.Kind != session.KindFile || e.ModTime.IsZero() {
			continue
		}
		if !FromLIST(e) {
			return 0, nil
		}
		if !timeOfDay.MatchString(e.Raw) {
			continue
		}
		if tried++; tried > 3 {
			break
		}
		utc, err := c.ModTime(ctx, path.Join(l.Dir, e.Name))
		if err != nil {
			continue
		}
		off := e.ModTime.Sub(utc).Round(15 * time.Minute)
		if off < -14*time.Hour || off > 14*time.Hour {
			continue // a LIST year guessed wrong, or a clock that is plain wrong
		}
		return off, nil
	}
	return 0, fmt.Errorf("detect server time zone in %s: %w", l.Dir, ErrNoZoneSample)
}

// ShiftListing returns l with true times in loc: LIST times of day moved
// back by the server's offset, MLSD times (already UTC) only converted.
// A LIST date without a time of day is left as the server wrote it.
func ShiftListing(l session.Listing, offset time.Duration, loc *time.Location) session.Listing {
	out := l
	out.Entries = make([]session.Entry, len(l.Entries))
	for i, e := range l.Entries {
		out.Entries[i] = ShiftEntry(e, offset, loc)
	}
	return out
}

// ShiftEntry is ShiftListing for one entry, as a pane applies it while
// a listing streams in.
func ShiftEntry(e session.Entry, offset time.Duration, loc *time.Location) session.Entry {
	if !e.ModTime.IsZero() {
		switch {
		case !FromLIST(e):
			e.ModTime = e.ModTime.In(loc)
		case timeOfDay.MatchString(e.Raw): // a date alone is not worth moving to another day
			e.ModTime = e.ModTime.Add(-offset).In(loc)
		}
	}
	return e
}
