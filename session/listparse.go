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
	case "perm":
		e.Perm = v
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

// parseLISTLine reads one LIST line in any format ftpane knows: Unix
// "ls -l", DOS/IIS, EPLF, NetWare and (one line of) VMS. The formats
// cannot be mistaken for each other: each starts differently.
func parseLISTLine(line string, now time.Time) (Entry, bool) {
	if e, ok := parseUnixLine(line, now); ok {
		return e, true
	}
	if e, ok := parseDOSLine(line); ok {
		return e, true
	}
	if e, ok := parseEPLFLine(line); ok {
		return e, true
	}
	if e, ok := parseNetWareLine(line, now); ok {
		return e, true
	}
	return parseVMSLine(line)
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
