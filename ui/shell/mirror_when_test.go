package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 30, 0, 0, time.Local)
	day := 24 * time.Hour
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"now", now},
		{"now-7days", now.Add(-7 * day)},
		{"now - 3 hours", now.Add(-3 * time.Hour)},
		{"now-1week", now.Add(-7 * day)},
		{"2 weeks ago", now.Add(-14 * day)},
		{"week ago", now.Add(-7 * day)},
		{"90 min ago", now.Add(-90 * time.Minute)},
		{"yesterday", now.AddDate(0, 0, -1)},
		{"today", time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local)},
		{"2024-01-31", time.Date(2024, 1, 31, 0, 0, 0, 0, time.Local)},
		{"2024-01-31 10:00", time.Date(2024, 1, 31, 10, 0, 0, 0, time.Local)},
		{"2024-01-31 10:00:05", time.Date(2024, 1, 31, 10, 0, 5, 0, time.Local)},
	} {
		got, err := parseWhen(c.in, now, nil)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%q: %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	ref := filepath.Join(t.TempDir(), "stamp")
	os.WriteFile(ref, nil, 0o644)
	at := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	os.Chtimes(ref, at, at)
	if got, err := parseWhen(ref, now, nil); err != nil || !got.Equal(at) {
		t.Errorf("a file: %v, %v; want its time %v", got, err, at)
	}
	for _, bad := range []string{"now+3days", "3 fortnights ago", "2024-13-01", "no/such/file"} {
		if _, err := parseWhen(bad, now, nil); err == nil || !strings.Contains(err.Error(), "neither a time") {
			t.Errorf("%q: %v, want an error naming both readings", bad, err)
		}
	}
}

// TestMirrorNewerOlderThan: --newer-than and --older-than copy only files
// whose time is after, or before, the bound (bytes on disk).
func TestMirrorNewerOlderThan(t *testing.T) {
	e := newEnv(t)
	old, recent := time.Now().Add(-30*24*time.Hour), time.Now().Add(-time.Hour)
	for name, at := range map[string]time.Time{"w/old.txt": old, "w/recent.txt": recent} {
		p := filepath.Join(e.root, name)
		writeFile(t, p, name)
		os.Chtimes(p, at, at)
	}
	mirrorGives(t, e, "mirror --newer-than now-7days w", "w", "recent.txt")
	mirrorGives(t, e, "mirror --older-than=\"1 week ago\" w", "w", "old.txt recent.txt")
	mustContain(t, "bad time", e.fail("mirror -N soon w"), "neither a time")
	// A reference file, found in the local working folder.
	stamp := filepath.Join(e.local, "stamp")
	writeFile(t, stamp, "")
	mid := time.Now().Add(-7 * 24 * time.Hour)
	os.Chtimes(stamp, mid, mid)
	mirrorGives(t, e, "mirror -N stamp w w2", "w2", "recent.txt")
}
