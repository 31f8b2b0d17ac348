package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// hasMeta reports whether a name is a glob pattern.
func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// remoteGlob expands remote patterns against the server's listing (names
// are matched here, not by the server's NLST, so every server globs
// alike). Folders are kept only when dirs is true. With glob off, or for a
// name without wildcards, the name is taken as it is.
func (s *Shell) remoteGlob(ctx context.Context, patterns []string, dirs bool) ([]string, error) {
	var out []string
	var errs error
	for _, p := range patterns {
		if !s.set.glob || !hasMeta(p) {
			out = append(out, p)
			continue
		}
		names, err := s.matchRemote(ctx, p, dirs)
		if err == nil && len(names) == 0 {
			err = fmt.Errorf("%s: no match", p)
		}
		errs = errors.Join(errs, err)
		out = append(out, names...)
	}
	return out, errs
}

// matchRemote lists the pattern's folder and matches its last element as
// the listing streams in: only the matches are kept, so globbing a folder
// of a million names costs no more memory than its matches.
func (s *Shell) matchRemote(ctx context.Context, pattern string, dirs bool) ([]string, error) {
	dir, base := path.Split(pattern)
	if hasMeta(dir) {
		return nil, fmt.Errorf("%s: wildcards are only allowed in the last part of a name", pattern)
	}
	var out []string
	_, err := s.cur.remote.ListEach(ctx, listDir(dir), func(e session.Entry) error {
		if globMatch(base, e, dirs) {
			out = append(out, dir+e.Name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// globMatch reports whether a listed entry is one of the pattern's
// matches: a file (or a folder, when dirs), hidden names only for a
// pattern that starts with a dot.
func globMatch(base string, e session.Entry, dirs bool) bool {
	if e.Name == "." || e.Name == ".." || (e.IsDir() && !dirs) || e.Kind == session.KindUnknown {
		return false
	}
	if strings.HasPrefix(e.Name, ".") && !strings.HasPrefix(base, ".") {
		return false
	}
	ok, _ := path.Match(base, e.Name)
	return ok
}

// listDir is the folder to list for the directory part of a name: "" is
// the working folder, and "/" stays the root.
func listDir(dir string) string {
	if dir == "/" {
		return dir
	}
	return strings.TrimSuffix(dir, "/")
}

// localGlob expands local patterns relative to the local directory; the
// names keep the form they were given in (relative stays relative).
// Folders are skipped: mput sends files.
func (s *Shell) localGlob(patterns []string) ([]string, error) {
	var out []string
	var errs error
	for _, p := range patterns {
		names := []string{p}
		if s.set.glob && hasMeta(p) {
			matches, err := filepath.Glob(s.localPath(p))
			if err != nil || len(matches) == 0 {
				errs = errors.Join(errs, fmt.Errorf("%s: no match", p))
				continue
			}
			names = names[:0]
			dots := strings.HasPrefix(filepath.Base(p), ".")
			for _, m := range matches {
				if dots || !strings.HasPrefix(filepath.Base(m), ".") {
					names = append(names, s.unresolve(p, m))
				}
			}
		}
		for _, n := range names {
			if st, err := os.Stat(s.localPath(n)); err == nil && st.IsDir() {
				s.printf("%s: not a plain file.\n", n)
				continue
			}
			out = append(out, n)
		}
	}
	return out, errs
}

// localPath resolves a local name against the local directory.
func (s *Shell) localPath(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.lcwd, p)
}

// unresolve gives a match the form of its pattern: relative when the
// pattern was relative.
func (s *Shell) unresolve(pattern, match string) string {
	if filepath.IsAbs(pattern) {
		return match
	}
	if rel, err := filepath.Rel(s.lcwd, match); err == nil {
		return rel
	}
	return match
}

// confirm asks "verb name?" when prompting is on. ok says to do this
// file; stop, to do no more. An answer of "all" stops the asking.
func (s *Shell) confirm(verb, name string, all *bool) (ok, stop bool) {
	if !s.set.prompt || *all {
		return true, false
	}
	ans, err := s.prompt.Confirm(fmt.Sprintf("%s %s? ", verb, name))
	if err != nil {
		return true, false
	}
	switch ans {
	case AnswerNo:
		return false, false
	case AnswerAll:
		*all = true
	case AnswerQuit:
		return false, true
	}
	return true, false
}
