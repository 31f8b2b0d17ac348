package session

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets feed each format's parser arbitrary lines: it must not
// panic, and what it accepts must be an entry a pane can show and a
// transfer can use. Seed corpora are in testdata/fuzz; .ci/run runs each
// briefly.

// checkEntry is what every accepted line must give: a name taken from the
// line (never invented), no line end inside it, no negative size.
func checkEntry(t *testing.T, line string, e Entry) {
	t.Helper()
	if e.Name == "" || e.Size < 0 || strings.ContainsAny(e.Name, "\r\n") {
		t.Fatalf("%q: parsed to an entry a pane cannot show: %+v", line, e)
	}
	if !strings.Contains(line, e.Name) || (e.Target != "" && !strings.Contains(line, e.Target)) {
		t.Fatalf("%q: name %q or target %q is not from the line", line, e.Name, e.Target)
	}
}

func fuzzLines(f *testing.F, seeds []string, parse func(string) (Entry, bool)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") {
			return // dataLines splits there: no line holds a line end
		}
		if e, ok := parse(line); ok {
			checkEntry(t, line, e)
			if e.Raw != line {
				t.Fatalf("%q: Raw is %q", line, e.Raw)
			}
		}
	})
}

func FuzzParseUnixLine(f *testing.F) {
	fuzzLines(f, []string{"crw-rw-rw- 1 root root 1,   3 Jan 1 2020 null", "-rwsr-xr-x 1 r r 5 Feb 6 2024 passwd",
		"lrwxrwxrwx 1 a u 21 Nov 24 11:01 my link -> ../x", "-rw-r--r-- 1 a u 12 2024-01-15 10:30 iso.txt"},
		func(l string) (Entry, bool) { return parseUnixLine(l, now) })
}

func FuzzParseDOSLine(f *testing.F) {
	fuzzLines(f, []string{"12-31-1999  11:59PM       <DIR>          y2k dir", "06-25-09  02:41PM  144,700 a b.exe",
		"10-05-2020  08:00AM    <JUNCTION>     App Data [C:\\x]"}, parseDOSLine)
}

func FuzzParseEPLFLine(f *testing.F) {
	fuzzLines(f, []string{"+i8388621.29609,m824255902,/,\tdev", "+m1700000000,r,s10,up644,\tf"}, parseEPLFLine)
}

func FuzzParseNetWareLine(f *testing.F) {
	fuzzLines(f, []string{"d [R----F--] supervisor            512       Jan 16 18:53    login"},
		func(l string) (Entry, bool) { return parseNetWareLine(l, now) })
}

func FuzzParseMLSDLine(f *testing.F) {
	fuzzLines(f, []string{"type=file;size=1; f", "type=OS.unix=slink:/x; l", "type=dir;UNIX.mode=0755; d d"},
		parseMLSDLine)
}

// FuzzParseVMSListing feeds whole listings, so wrapped names meet the
// lines after them; a VMS entry's name is its first token less version
// and ".DIR".
func FuzzParseVMSListing(f *testing.F) {
	f.Add("Directory D:[A]\r\n\r\nCORE.DIR;1  1  8-SEP-1996 16:09 [SYSTEM] (RWE,RWE,RE,RE)\r\nTotal of 1 file.\r\n")
	f.Add("LONG_NAME.TXT;12\r\n        5  21-MAR-2008 09:00  [SYSTEM]  (RWED,RWED,R,R)\r\nX.TXT;1\r\n")
	f.Fuzz(func(t *testing.T, listing string) {
		entries, _ := parseListing([]byte(listing), false, now)
		for _, e := range entries {
			if e.Name == "" || e.Size < 0 || !strings.Contains(listing, e.Name) {
				t.Fatalf("%q: entry %+v", listing, e)
			}
		}
	})
}

// FuzzParseListing feeds raw bytes with any line ends (CR only, LF,
// CRLF, mixed) in both modes: every entry's name comes from one line (a
// lone CR in a listing whose lines end in LF is part of a name, as the
// server sent it; the sanitiser shows it and the planner refuses it).
func FuzzParseListing(f *testing.F) {
	f.Add([]byte("-rw-r--r-- 1 m s 1 Nov 20 09:30 Read Me\rdrwxr-xr-x 1 m s 0 Nov 20 09:31 Sys\r"), false)
	f.Add([]byte("type=file;size=1; a\r\ntype=dir; b\n\r\n"), true)
	f.Fuzz(func(t *testing.T, raw []byte, mlsd bool) {
		entries, _ := parseListing(raw, mlsd, now)
		for _, e := range entries {
			if e.Name == "" || strings.ContainsRune(e.Name, '\n') || !strings.Contains(string(raw), e.Name) {
				t.Fatalf("%q: entry %+v", raw, e)
			}
			if utf8.ValidString(string(raw)) && !utf8.ValidString(e.Name) {
				t.Fatalf("%q: a valid listing gave the invalid name %q", raw, e.Name)
			}
		}
	})
}
