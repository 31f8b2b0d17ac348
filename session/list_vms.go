package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// OpenVMS listings (MultiNet, UCX/TCPware, the VMS servers of old):
//
//	Directory DISK$USER:[ANONYMOUS]
//
//	00README.TXT;1      2  30-DEC-1996 17:44  [SYSTEM]  (RWED,RWED,RE,RE)
//	CORE.DIR;1          1   8-SEP-1996 16:09  [SYSTEM]  (RWE,RWE,RE,RE)
//	A_VERY_LONG_NAME_THAT_WRAPS.TXT;3
//	                  3/4  1-JAN-2000 01:02:03.45 [GROUP,OWNER] (RWED,RWED,RE,)
//
//	Total of 3 files, 6 blocks.
//
// Names carry a version (";1") that is dropped: RETR without a version gets
// the newest one. A ".DIR" file is a folder, entered by its name without
// the extension. Sizes are in 512-byte blocks ("used/allocated").

const vmsBlock = 512

// parseVMSLine reads one entry line (after a wrapped name is rejoined).
func parseVMSLine(line string) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 4 {
		return Entry{}, false
	}
	name, dir, ok := vmsName(toks[0].s)
	if !ok {
		return Entry{}, false
	}
	used, _, _ := strings.Cut(toks[1].s, "/")
	blocks, err := strconv.ParseInt(used, 10, 64)
	if err != nil || blocks < 0 || blocks > 1<<40 {
		return Entry{}, false
	}
	t, ok := vmsTime(toks[2].s, toks[3].s)
	if !ok {
		return Entry{}, false
	}
	e := Entry{Name: name, Kind: KindFile, Size: blocks * vmsBlock, ModTime: t, Raw: line}
	if dir {
		e.Kind, e.Mode = KindDir, fs.ModeDir
	}
	for _, tok := range toks[4:] {
		switch {
		case strings.HasPrefix(tok.s, "[") && strings.HasSuffix(tok.s, "]"):
			vmsOwner(&e, tok.s[1:len(tok.s)-1])
		case strings.HasPrefix(tok.s, "(") && strings.HasSuffix(tok.s, ")"):
			vmsPerms(&e, tok.s[1:len(tok.s)-1])
		}
	}
	return e, true
}

// vmsName reads "NAME.EXT;VERSION"; dir reports a ".DIR" file.
func vmsName(s string) (name string, dir bool, ok bool) {
	base, version, found := strings.Cut(s, ";")
	if !found || base == "" || !isDigits(version) || strings.ContainsAny(base, "/\\") {
		return "", false, false
	}
	if len(base) > 4 && strings.EqualFold(base[len(base)-4:], ".DIR") {
		return base[:len(base)-4], true, true
	}
	return base, false, true
}

// isVMSWrappedName is a line holding only a name too long for its column;
// the rest of the entry is on the next line.
func isVMSWrappedName(line string) bool {
	toks := tokens(line)
	if len(toks) != 1 || toks[0].start != 0 {
		return false
	}
	_, _, ok := vmsName(toks[0].s)
	return ok
}

func vmsTime(date, clock string) (time.Time, bool) {
	d, err := time.Parse("2-Jan-2006", date)
	if err != nil {
		return time.Time{}, false
	}
	clock, _, _ = strings.Cut(clock, ".") // hundredths
	for _, layout := range []string{"15:04", "15:04:05"} {
		if c, err := time.Parse(layout, clock); err == nil {
			return d.Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute +
				time.Duration(c.Second())*time.Second), true
		}
	}
	return time.Time{}, false
}

// vmsOwner reads "[SYSTEM]" or "[GROUP,OWNER]".
func vmsOwner(e *Entry, s string) {
	if group, owner, ok := strings.Cut(s, ","); ok {
		e.Owner, e.Group = owner, group
		return
	}
	e.Owner = s
}

// vmsPerms maps "(system,owner,group,world)" rights to Unix bits: R read,
// W write, E execute (D, delete, has no Unix bit).
func vmsPerms(e *Entry, s string) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return
	}
	var mode fs.FileMode
	for i, shift := range []uint{6, 3, 0} {
		for _, c := range strings.ToUpper(parts[i+1]) {
			switch c {
			case 'R':
				mode |= 4 << shift
			case 'W':
				mode |= 2 << shift
			case 'E':
				mode |= 1 << shift
			}
		}
	}
	e.Mode |= mode
	e.HasMode = true
}

// isVMSFrame is a header or footer of a VMS listing, not an entry.
func isVMSFrame(line string) bool {
	return strings.HasPrefix(line, "Directory ") && strings.HasSuffix(strings.TrimSpace(line), "]") ||
		strings.HasPrefix(line, "Total of ") || strings.HasPrefix(line, "Grand total of ")
}
