package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// DOS and IIS lines ("MS-DOS" listing style of Windows servers):
//
//	01-16-02  11:14AM       <DIR>          epsgroup
//	12-31-1999  11:59PM       <DIR>          y2k dir
//	06-25-09  02:41PM            144,700 file name.exe
//	2024-01-15  10:30                 12 iso.txt
//
// The year has two or four digits, the time is 12-hour (AM/PM, sometimes
// after a space) or 24-hour, and sizes may carry thousands separators.

// dosLayouts are the date and time forms Windows servers write, tried in
// order; the date and time tokens are joined by one space first.
var dosLayouts = []string{
	"01-02-06 03:04PM", "01-02-2006 03:04PM", "01-02-06 15:04", "01-02-2006 15:04",
	"2006-01-02 15:04", "2006-01-02 03:04PM", "02.01.2006 15:04", "01/02/2006 03:04PM", "01/02/2006 15:04",
}

func parseDOSLine(line string) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 4 {
		return Entry{}, false
	}
	when := strings.ToUpper(toks[0].s + " " + toks[1].s)
	rest := toks[2:]
	if ampm := strings.ToUpper(rest[0].s); (ampm == "AM" || ampm == "PM") && len(rest) > 2 {
		when += ampm
		rest = rest[1:]
	}
	t, ok := dosTime(when)
	if !ok {
		return Entry{}, false
	}
	e := Entry{ModTime: t, Raw: line, Name: line[rest[1].start:]}
	if strings.EqualFold(rest[0].s, "<DIR>") {
		e.Kind, e.Mode = KindDir, fs.ModeDir
		return e, true
	}
	if strings.EqualFold(rest[0].s, "<JUNCTION>") || strings.EqualFold(rest[0].s, "<SYMLINKD>") {
		e.Kind, e.Mode = KindLink, fs.ModeSymlink
		if n, target, ok := strings.Cut(e.Name, " ["); ok && strings.HasSuffix(target, "]") && n != "" {
			e.Name, e.Target = n, strings.TrimSuffix(target, "]")
		}
		return e, true
	}
	n, err := strconv.ParseInt(strings.NewReplacer(",", "", ".", "").Replace(rest[0].s), 10, 64)
	if err != nil || n < 0 {
		return Entry{}, false
	}
	e.Kind, e.Size = KindFile, n
	return e, true
}

func dosTime(s string) (time.Time, bool) {
	for _, layout := range dosLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
