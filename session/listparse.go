package session

import (
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// parseMLSDLine reads one RFC 3659 line: "fact=value;fact=value; name".
func parseMLSDLine(line string) (Entry, bool) {
	facts, name, ok := strings.Cut(line, " ")
	if !ok || name == "" || !strings.Contains(facts, "=") {
		return Entry{}, false
	}
	e := Entry{Name: name, Raw: line, Kind: KindOther}
	for _, f := range strings.Split(facts, ";") {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		applyFact(&e, strings.ToLower(k), v)
	}
	return e, true
}

func applyFact(e *Entry, k, v string) {
	switch k {
	case "type":
		e.Kind, e.Target = factKind(v)
	case "size", "sizd":
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			e.Size = n
		}
	case "modify":
		if t, ok := parseFactTime(v); ok {
			e.ModTime = t
		}
	case "unix.mode":
		if m, err := strconv.ParseUint(v, 8, 32); err == nil {
			e.Mode |= fs.FileMode(m) & (fs.ModePerm)
			e.Mode |= specialBits(uint32(m))
			e.HasMode = true
		}
	case "unix.owner", "unix.ownername":
		e.Owner = v
	case "unix.group", "unix.groupname":
		e.Group = v
	case "unix.uid":
		if e.Owner == "" {
			e.Owner = v
		}
	case "unix.gid":
		if e.Group == "" {
			e.Group = v
		}
	}
	switch e.Kind {
	case KindDir:
		e.Mode |= fs.ModeDir
	case KindLink:
		e.Mode |= fs.ModeSymlink
	}
}

func specialBits(m uint32) fs.FileMode {
	var out fs.FileMode
	if m&0o4000 != 0 {
		out |= fs.ModeSetuid
	}
	if m&0o2000 != 0 {
		out |= fs.ModeSetgid
	}
	if m&0o1000 != 0 {
		out |= fs.ModeSticky
	}
	return out
}

// factKind maps MLSD type facts, including the OS.unix link forms
// ("OS.unix=slink:/target", "OS.unix=symlink").
func factKind(v string) (Kind, string) {
	lv := strings.ToLower(v)
	switch {
	case lv == "file":
		return KindFile, ""
	case lv == "dir" || lv == "cdir" || lv == "pdir":
		return KindDir, ""
	case strings.HasPrefix(lv, "os.unix=slink"), strings.HasPrefix(lv, "os.unix=symlink"):
		_, target, _ := strings.Cut(v, ":")
		return KindLink, target
	}
	return KindOther, ""
}

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// isTotalLine is the "total 123" header of ls -l output.
func isTotalLine(line string) bool {
	f := strings.Fields(line)
	if len(f) != 2 || strings.ToLower(f[0]) != "total" {
		return false
	}
	_, err := strconv.ParseInt(f[1], 10, 64)
	return err == nil
}

// parseLISTLine reads Unix "ls -l" lines and DOS/IIS lines.
func parseLISTLine(line string, now time.Time) (Entry, bool) {
	if e, ok := parseUnixLine(line, now); ok {
		return e, true
	}
	return parseDOSLine(line)
}

// token is a field with its position in the line, so a name keeps its
// spaces exactly.
type token struct {
	s     string
	start int
}

func tokens(line string) []token {
	var out []token
	i := 0
	for i < len(line) {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, token{line[i:j], i})
		}
		i = j
	}
	return out
}

func parseUnixLine(line string, now time.Time) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 6 {
		return Entry{}, false
	}
	kind, mode, ok := parsePerms(toks[0].s)
	if !ok {
		return Entry{}, false
	}
	// Find "Mon DD HH:MM|YYYY" with a size just before it.
	for i := 2; i+2 < len(toks); i++ {
		month, ok := months[strings.ToLower(toks[i].s)]
		if !ok {
			continue
		}
		size, err := strconv.ParseInt(toks[i-1].s, 10, 64)
		if err != nil {
			continue
		}
		t, ok := unixTime(month, toks[i+1].s, toks[i+2].s, now)
		if !ok {
			continue
		}
		nameStart := toks[i+2].start + len(toks[i+2].s) + 1
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
		owners := toks[2 : i-1]
		if len(owners) > 0 {
			e.Owner = owners[0].s
		}
		if len(owners) > 1 {
			e.Group = owners[1].s
		}
		return e, e.Name != ""
	}
	return Entry{}, false
}

func parsePerms(s string) (Kind, fs.FileMode, bool) {
	if len(s) < 10 {
		return 0, 0, false
	}
	var kind Kind
	var mode fs.FileMode
	switch s[0] {
	case '-':
		kind = KindFile
	case 'd':
		kind, mode = KindDir, fs.ModeDir
	case 'l', 'L': // ftpserverlib writes an upper-case L
		kind, mode = KindLink, fs.ModeSymlink
	case 'b', 'c', 'p', 's', 'D':
		kind = KindOther
	default:
		return 0, 0, false
	}
	bits := s[1:10]
	for i, c := range bits {
		want := "rwxrwxrwx"[i]
		switch {
		case byte(c) == want:
			mode |= 1 << (8 - i)
		case c == '-':
		case i%3 == 2 && (c == 's' || c == 't'):
			mode |= 1 << (8 - i)
			mode |= execSpecial(i)
		case i%3 == 2 && (c == 'S' || c == 'T'):
			mode |= execSpecial(i)
		default:
			return 0, 0, false
		}
	}
	return kind, mode, true
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
		if err1 != nil || err2 != nil || hh > 23 || mm > 59 {
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

// parseDOSLine reads "MM-DD-YY  HH:MMAM  <DIR>|size  name" (IIS, Windows).
func parseDOSLine(line string) (Entry, bool) {
	toks := tokens(line)
	if len(toks) < 4 {
		return Entry{}, false
	}
	t, err := time.Parse("01-02-06 03:04PM", toks[0].s+" "+toks[1].s)
	if err != nil {
		if t, err = time.Parse("01-02-2006 15:04", toks[0].s+" "+toks[1].s); err != nil {
			return Entry{}, false
		}
	}
	e := Entry{ModTime: t, Raw: line, Name: line[toks[3].start:]}
	if strings.EqualFold(toks[2].s, "<DIR>") {
		e.Kind, e.Mode = KindDir, fs.ModeDir
		return e, true
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(toks[2].s, ",", ""), 10, 64)
	if err != nil {
		return Entry{}, false
	}
	e.Kind, e.Size = KindFile, n
	return e, true
}
