package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// Novell NetWare listings:
//
//	d [R----F--] supervisor            512       Jan 16 18:53    login
//	- [RWCEAFMS] rhesus             214059       Oct 20  1999    cx.exe
//
// The bracket holds NetWare trustee rights, which have no Unix meaning:
// the entry has no mode. The name starts at the first character after the
// date's padding.
func parseNetWareLine(line string, now time.Time) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 8 || len(toks[0].s) != 1 || !isNetWareRights(toks[1].s) {
		return Entry{}, false
	}
	e := Entry{Raw: line, Owner: toks[2].s}
	switch toks[0].s {
	case "d":
		e.Kind, e.Mode = KindDir, fs.ModeDir
	case "-":
		e.Kind = KindFile
	default:
		return Entry{}, false
	}
	n, err := strconv.ParseInt(toks[3].s, 10, 64)
	month, ok := months[strings.ToLower(toks[4].s)]
	if err != nil || n < 0 || !ok {
		return Entry{}, false
	}
	if e.ModTime, ok = unixTime(month, toks[5].s, toks[6].s, now); !ok {
		return Entry{}, false
	}
	e.Size, e.Name = n, line[toks[7].start:]
	return e, true
}

func isNetWareRights(s string) bool {
	if len(s) < 3 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	for _, c := range s[1 : len(s)-1] {
		if !strings.ContainsRune("RWCEAFMS-", c) {
			return false
		}
	}
	return true
}
