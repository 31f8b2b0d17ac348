package ftpd

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// maxGlobMatches bounds a glob's expansion, so "*/*/*/*" over a large tree
// cannot make the server list it all.
const maxGlobMatches = 10000

var errTooManyMatches = fmt.Errorf("more than %d names match", maxGlobMatches)

// globbing reports whether name is to be expanded as a glob: it has glob
// characters and the command is one that lists (vsftpd and proftpd expand
// globs in LIST, NLST and STAT; tnftp's mget and mdelete rely on it).
func (s *sessionFs) globbing(name string) bool {
	switch s.cc.GetLastCommand() {
	case "LIST", "NLST", "STAT":
		return hasMeta(name)
	}
	return false
}

func hasMeta(name string) bool { return strings.ContainsAny(name, "*?[") }

// glob expands the absolute pattern name as a shell does: *, ? and [...]
// in any component, a leading dot matched only explicitly. It returns the
// folder before the first component with a glob and the matches, named by
// their path from that folder, sorted.
func (s *sessionFs) glob(name string) (string, []fs.FileInfo, error) {
	comps := strings.Split(strings.TrimPrefix(path.Clean(name), "/"), "/")
	first := slices.IndexFunc(comps, hasMeta)
	parent := "/" + path.Join(comps[:first]...)
	found := []string{""}
	for _, pat := range comps[first:] {
		var next []string
		for _, dir := range found {
			next = append(next, s.matchIn(parent, dir, pat)...)
			if len(next) > maxGlobMatches {
				return parent, nil, errTooManyMatches
			}
		}
		found = next
	}
	slices.Sort(found)
	out := make([]fs.FileInfo, 0, len(found))
	for _, f := range found {
		if info, err := s.root.Stat(path.Join(parent, f)); err == nil {
			out = append(out, namedInfo{FileInfo: info, name: f})
		}
	}
	return parent, out, nil
}

// matchIn lists the names in parent/dir matching the one component pat, as
// paths from parent. A component without glob characters matches itself
// if it exists; a bad pattern matches nothing.
func (s *sessionFs) matchIn(parent, dir, pat string) []string {
	if !hasMeta(pat) {
		if _, err := s.root.Stat(path.Join(parent, dir, pat)); err != nil {
			return nil
		}
		return []string{path.Join(dir, pat)}
	}
	des, err := fs.ReadDir(s.root.root.FS(), rel(path.Join(parent, dir)))
	if err != nil {
		return nil // not a folder, or unreadable: no matches there
	}
	var out []string
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".") && !strings.HasPrefix(pat, ".") {
			continue
		}
		ok, err := path.Match(pat, de.Name())
		if errors.Is(err, path.ErrBadPattern) {
			return nil
		}
		if ok {
			out = append(out, path.Join(dir, de.Name()))
		}
	}
	return out
}

// globInfo is what Stat says of a glob with matches: a folder, so that the
// library asks ReadDir for its entries.
type globInfo struct{ name string }

func (g globInfo) Name() string       { return g.name }
func (g globInfo) Size() int64        { return 0 }
func (g globInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (g globInfo) ModTime() time.Time { return time.Time{} }
func (g globInfo) IsDir() bool        { return true }
func (g globInfo) Sys() any           { return nil }
