package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// Unix "ls -l" lines, as most servers send them:
//
//	-rw-r--r--   1 ftp  ftp   1234 Nov 20 09:30 hello.txt
//	crw-rw-rw-   1 root root  1,   3 Jan  1  2020 null
//	lrwxrwxrwx   1 root root     7 Dec 30 23:59 latest -> docs/v2
//	-rw-r--r--   1 u    g       12 2024-01-15 10:30 iso.txt   (ls --time-style=long-iso)
//
// The owner and group columns may be missing or numeric; the name keeps
// its spaces exactly (it starts one space after the date).

func parseUnixLine(line string, now time.Time) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 5 {
		return Entry{}, false
	}
	kind, mode, ok := parsePerms(toks[0].s)
	if !ok {
		return Entry{}, false
	}
	for i := 2; i+1 < len(toks); i++ {
		t, last, ok := unixDate(toks, i, now)
		if !ok {
			continue
		}
		size, sizeAt, ok := unixSize(toks, i, mode)
		if !ok {
			continue
		}
		nameStart := toks[last].start + len(toks[last].s) + 1
		if nameStart > len(line) {
			return Entry{}, false
		}
		e := Entry{Kind: kind, Mode: mode, HasMode: true, Size: size, ModTime: t, Raw: line}
		e.Name = line[nameStart:]
		if kind == KindLink {
			if n, target, ok := strings.Cut(e.Name, " -> "); ok {
				e.Name, e.Target = n, target
			}
		}
		if sizeAt > 2 { // toks[1] is the link count; then owner and group
			e.Owner = toks[2].s
			if sizeAt > 3 {
				e.Group = toks[3].s
			}
		}
		return e, e.Name != ""
	}
	return Entry{}, false
}

// unixDate reads the date that starts at toks[i]: "Mon DD HH:MM",
// "Mon DD YYYY" or "YYYY-MM-DD HH:MM"; last is the index of its last token.
func unixDate(toks []token, i int, now time.Time) (time.Time, int, bool) {
	if month, ok := months[strings.ToLower(toks[i].s)]; ok {
		if i+2 >= len(toks) {
			return time.Time{}, 0, false
		}
		t, ok := unixTime(month, toks[i+1].s, toks[i+2].s, now)
		return t, i + 2, ok
	}
	if len(toks[i].s) != 10 || toks[i].s[4] != '-' {
		return time.Time{}, 0, false
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, toks[i].s+" "+toks[i+1].s); err == nil {
			return t, i + 1, true
		}
	}
	return time.Time{}, 0, false
}

// unixSize reads the size column just before the date at toks[i]. For a
// device it is "major, minor" (or "major,minor"): a device has no size.
// sizeAt is where the size column starts, so the owners end there.
func unixSize(toks []token, i int, mode fs.FileMode) (size int64, sizeAt int, ok bool) {
	prev := toks[i-1].s
	if mode&fs.ModeDevice != 0 {
		if maj, minor, ok := strings.Cut(prev, ","); ok && isDigits(maj) && isDigits(minor) {
			return 0, i - 1, true
		}
		if i >= 3 && isDigits(prev) && strings.HasSuffix(toks[i-2].s, ",") && isDigits(strings.TrimSuffix(toks[i-2].s, ",")) {
			return 0, i - 2, true
		}
	}
	n, err := strconv.ParseInt(prev, 10, 64)
	if err != nil || n < 0 {
		return 0, 0, false
	}
	return n, i - 1, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parsePerms reads "drwxr-sr-t" and its relatives (a trailing "+" or "."
// marks ACLs or SELinux labels and is ignored).
func parsePerms(s string) (Kind, fs.FileMode, bool) {
	if len(s) < 10 {
		return 0, 0, false
	}
	kind, mode, ok := permsType(s[0])
	if !ok {
		return 0, 0, false
	}
	for i, c := range s[1:10] {
		want := "rwxrwxrwx"[i]
		switch {
		case byte(c) == want:
			mode |= 1 << (8 - i)
		case c == '-':
		case i%3 == 2 && (c == 's' || c == 't'):
			mode |= 1<<(8-i) | execSpecial(i)
		case i%3 == 2 && (c == 'S' || c == 'T'):
			mode |= execSpecial(i)
		default:
			return 0, 0, false
		}
	}
	return kind, mode, true
}

// permsType reads the type letter of an ls -l mode.
func permsType(c byte) (Kind, fs.FileMode, bool) {
	switch c {
	case '-':
		return KindFile, 0, true
	case 'd':
		return KindDir, fs.ModeDir, true
	case 'l', 'L': // ftpserverlib writes an upper-case L
		return KindLink, fs.ModeSymlink, true
	case 'c':
		return KindOther, fs.ModeDevice | fs.ModeCharDevice, true
	case 'b':
		return KindOther, fs.ModeDevice, true
	case 'p':
		return KindOther, fs.ModeNamedPipe, true
	case 's':
		return KindOther, fs.ModeSocket, true
	case 'D': // a Solaris door
		return KindOther, fs.ModeIrregular, true
	}
	return 0, 0, false
}

func execSpecial(i int) fs.FileMode {
	switch i {
	case 2:
		return fs.ModeSetuid
	case 5:
		return fs.ModeSetgid
	}
	return fs.ModeSticky
}

// unixTime reads "DD HH:MM" (within the last year) or "DD YYYY".
func unixTime(month time.Month, dayS, last string, now time.Time) (time.Time, bool) {
	day, err := strconv.Atoi(dayS)
	if err != nil || day < 1 || day > 31 {
		return time.Time{}, false
	}
	if h, m, ok := strings.Cut(last, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
			return time.Time{}, false
		}
		t := time.Date(now.Year(), month, day, hh, mm, 0, 0, time.UTC)
		if t.After(now.Add(24 * time.Hour)) {
			t = t.AddDate(-1, 0, 0)
		}
		return t, true
	}
	y, err := strconv.Atoi(last)
	if err != nil || y < 1900 || y > 9999 {
		return time.Time{}, false
	}
	return time.Date(y, month, day, 0, 0, 0, 0, time.UTC), true
}
