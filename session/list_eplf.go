package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// EPLF, D. J. Bernstein's Easily Parsed LIST Format (publicfile, some
// embedded servers): "+" facts separated by commas, a tab, the name.
//
//	+i8388621.29609,m824255902,/,	dev
//	+i8388621.44468,m839956783,r,s10376,up644,	RFCEPLF
//
// Facts: "/" a folder one may CWD into, "r" a file one may RETR, "s" the
// size, "m" the modification time in Unix seconds (UTC), "up" the octal
// permissions, "i" an identifier. Unknown facts are ignored.
func parseEPLFLine(line string) (Entry, bool) {
	if !strings.HasPrefix(line, "+") {
		return Entry{}, false
	}
	facts, name, ok := strings.Cut(line[1:], "\t")
	if !ok || name == "" {
		return Entry{}, false
	}
	e := Entry{Name: name, Raw: line, Kind: KindOther}
	for _, f := range strings.Split(facts, ",") {
		if f == "" {
			continue
		}
		applyEPLFFact(&e, f)
	}
	return e, true
}

func applyEPLFFact(e *Entry, f string) {
	switch {
	case f == "/":
		e.Kind = KindDir
		e.Mode = e.Mode&^fs.ModeType | fs.ModeDir
	case f == "r":
		if e.Kind != KindDir {
			e.Kind = KindFile
		}
	case f[0] == 's':
		if n, err := strconv.ParseInt(f[1:], 10, 64); err == nil && n >= 0 {
			e.Size = n
		}
	case f[0] == 'm':
		if n, err := strconv.ParseInt(f[1:], 10, 64); err == nil && n >= 0 && n < 1<<40 {
			e.ModTime = time.Unix(n, 0).UTC()
		}
	case strings.HasPrefix(f, "up"):
		if m, err := strconv.ParseUint(f[2:], 8, 32); err == nil {
			e.Mode |= fs.FileMode(m)&fs.ModePerm | specialBits(uint32(m))
			e.HasMode = true
		}
	}
}
