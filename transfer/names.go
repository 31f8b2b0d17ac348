package transfer

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// ErrUnsafeName is wrapped when a name from a listing could escape the
// target folder: a hostile server must not write outside it.
var ErrUnsafeName = errors.New("unsafe name")

// CheckName refuses a name from a listing that is not one plain path
// element: empty, ".", "..", containing "/", "\\" or NUL, or absolute on
// any system (including "C:" drive names).
func CheckName(name string) error {
	why := ""
	switch {
	case name == "":
		why = "empty"
	case name == "." || name == "..":
		why = "is . or .."
	case strings.ContainsAny(name, "/\\"):
		why = "contains a path separator"
	case strings.ContainsRune(name, 0):
		why = "contains NUL"
	case strings.ContainsAny(name, "\r\n"):
		why = "contains a line break"
	case len(name) >= 2 && name[1] == ':':
		why = "looks like a drive name"
	case filepath.IsAbs(name) || path.IsAbs(name):
		why = "is absolute"
	}
	if why != "" {
		return &Error{Reason: ReasonUnsafeName, Op: "name", Path: fmt.Sprintf("%q", name),
			Err: fmt.Errorf("%w: %s", ErrUnsafeName, why)}
	}
	return nil
}

// partName is where a copy is written until it is verified.
func partName(p string) string { return p + ".part" }

// uniqueCandidate is the n-th alternative name for p: name.1, name.2 ...
// (appended after the whole name, as ftp's runique does).
func uniqueCandidate(p string, n int) string { return fmt.Sprintf("%s.%d", p, n) }

// maxUnique bounds the search for a free name.
const maxUnique = 999

// hasExt reports whether p ends in one of exts (".txt" or "txt", any case).
func hasExt(p string, exts []string) bool {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(p, "\\", "/")))
	if ext == "" {
		return false
	}
	for _, e := range exts {
		e = strings.ToLower(e)
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		if e == ext {
			return true
		}
	}
	return false
}
