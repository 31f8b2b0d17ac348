package session

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of session/testdata")

// parseListing reads a captured listing as dataLines and ListEach do:
// split at any line end, fed to the line parser, entries collected.
func parseListing(raw []byte, mlsd bool, now time.Time) ([]Entry, []string) {
	p := lineParser{mlsd: mlsd, now: now}
	var out []Entry
	add := func(e Entry) error { out = append(out, e); return nil }
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Split((&listSplitter{}).split)
	for sc.Scan() {
		_ = p.feed(sc.Text(), add)
	}
	_ = p.flush(add)
	return out, p.warnings()
}

// goldenLine writes every field a pane or ls shows, names quoted so that
// spaces are visible.
func goldenLine(e Entry) string {
	mode := e.ModeString()
	if mode == "" {
		mode = "(none)"
	}
	when := "(none)"
	if !e.ModTime.IsZero() {
		when = e.ModTime.Format(time.RFC3339)
	}
	name := fmt.Sprintf("%q", e.Name)
	if e.Target != "" {
		name += fmt.Sprintf(" -> %q", e.Target)
	}
	return fmt.Sprintf("%-7s %-10s %11d %-20s %s/%s %s", e.Kind, mode, e.Size, when, e.Owner, e.Group, name)
}

// TestListingGolden parses captured listings of every format ftpane reads
// (testdata/listings/*.txt; "mlsd-" files are MLSD) and compares every
// field of every entry with the .golden file beside it. go test -update
// rewrites the golden files: read the diff before committing it.
func TestListingGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/listings/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no captured listings: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			entries, warnings := parseListing(raw, strings.HasPrefix(filepath.Base(f), "mlsd-"), now)
			var b strings.Builder
			for _, e := range entries {
				b.WriteString(goldenLine(e) + "\n")
			}
			for _, w := range warnings {
				b.WriteString("warning: " + w + "\n")
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *updateGolden {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -run TestListingGolden -update writes it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from %s:\n got:\n%s\nwant:\n%s", f, golden, b.String(), want)
			}
		})
	}
}

// TestLoneCRInAnLFListing: in a listing whose lines end in LF (or CRLF),
// a lone CR belongs to the name the server sent (a hostile one, shown
// escaped and refused for copies); only a listing whose first line end is
// a lone CR is read as CR-only.
func TestLoneCRInAnLFListing(t *testing.T) {
	lf := "-rw-r--r-- 1 o g 5 Jan 02  2024 plain.txt\r\n-rw-r--r-- 1 o g 5 Jan 02  2024 evil.sh\rsafe.txt\r\n"
	entries, _ := parseListing([]byte(lf), false, now)
	if len(entries) != 2 || entries[1].Name != "evil.sh\rsafe.txt" {
		t.Fatalf("LF listing: %q", names(entries))
	}
	cr := "-rw-r--r-- 1 o g 5 Jan 02  2024 a.txt\r-rw-r--r-- 1 o g 5 Jan 02  2024 b.txt\r"
	if entries, _ = parseListing([]byte(cr), false, now); len(entries) != 2 || entries[1].Name != "b.txt" {
		t.Fatalf("CR-only listing: %q", names(entries))
	}
}

func names(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}
