package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/viewer"
)

// viewMsg opens the pager on a file being read.
type viewMsg struct {
	Path string
	Src  viewer.Source
	Err  error
}

// mkdirCmd creates a folder; a name with folders in it (a/b/c) also
// creates those of them that are missing, and the cursor lands on the
// first folder made (or the one in dir that holds it).
func mkdirCmd(fsys session.FS, i int, dir, name string) tea.Cmd {
	if name == "" {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		p := target(fsys, dir, name)
		if fsys.Dir(p) == dir {
			if err := fsys.Mkdir(ctx, p); err != nil {
				return opDoneMsg{Pane: i, Err: err}
			}
			return opDoneMsg{Pane: i, Text: "created " + pane.Escape(p), Select: firstElem(name)}
		}
		first, err := session.Mkdirs(ctx, fsys, p)
		sel := ""
		if first != "" {
			sel = entryIn(fsys, dir, first)
		}
		if err != nil {
			return opDoneMsg{Pane: i, Err: err, Select: sel}
		}
		return opDoneMsg{Pane: i, Text: "created " + pane.Escape(p), Select: sel}
	}
}

// entryIn is the name of the entry of dir that p is or lies under; "" when
// p is not below dir.
func entryIn(fsys session.FS, dir, p string) string {
	for x := p; x != "" && fsys.Dir(x) != x; x = fsys.Dir(x) {
		if fsys.Dir(x) == dir {
			return path.Base(strings.ReplaceAll(x, `\`, "/"))
		}
	}
	return ""
}

// levels are the folders from the one under dir down to p (p itself
// only, when it is not below dir).
func levels(fsys session.FS, dir, p string) []string {
	var out []string
	for x := p; x != "" && fsys.Dir(x) != x; x = fsys.Dir(x) {
		out = append([]string{x}, out...)
		if fsys.Dir(x) == dir {
			return out
		}
	}
	return []string{p}
}

// target resolves a name typed in a dialog: absolute as given, relative
// to the pane's folder otherwise.
func target(fsys session.FS, dir, name string) string {
	if strings.HasPrefix(name, "/") {
		return name
	}
	return fsys.Join(dir, name)
}

func firstElem(name string) string {
	if strings.HasPrefix(name, "/") {
		return ""
	}
	first, _, _ := strings.Cut(name, "/")
	return first
}

func renameCmd(fsys session.FS, i int, dir, from, to string) tea.Cmd {
	if to == "" || to == from {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		dst := target(fsys, dir, to)
		if err := fsys.Rename(ctx, fsys.Join(dir, from), dst); err != nil {
			return opDoneMsg{Pane: i, Err: err}
		}
		sel := ""
		if fsys.Dir(dst) == dir {
			sel = path.Base(strings.ReplaceAll(dst, `\`, "/"))
		}
		return opDoneMsg{Pane: i, Text: "renamed " + pane.Escape(from) + " to " + pane.Escape(to), Select: sel}
	}
}

func deleteCmd(fsys session.FS, i int, dir string, entries []session.Entry) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		n, err := deleteEntries(ctx, fsys, dir, entries)
		return opDoneMsg{Pane: i, Err: err, Text: fmt.Sprintf("deleted %d %s", n, plural(n, "entry", "entries"))}
	}
}

// deleteEntries deletes entries of dir, a folder with everything in it,
// and returns how many went (F8, and the sync's deletions).
func deleteEntries(ctx context.Context, fsys session.FS, dir string, entries []session.Entry) (int, error) {
	var errs []error
	n := 0
	for _, e := range entries {
		p := fsys.Join(dir, e.Name)
		var err error
		if e.IsDir() {
			err = fsys.RemoveAll(ctx, p)
		} else {
			err = fsys.Remove(ctx, p)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

func chmodCmd(fsys session.FS, i int, dir string, entries []session.Entry, text string) tea.Cmd {
	mode, err := ParseMode(text)
	if err != nil {
		return func() tea.Msg { return opDoneMsg{Pane: i, Err: err} }
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		for _, e := range entries {
			if err := fsys.Chmod(ctx, fsys.Join(dir, e.Name), mode); err != nil {
				return opDoneMsg{Pane: i, Err: err}
			}
		}
		return opDoneMsg{Pane: i, Text: fmt.Sprintf("mode %04o set on %d %s", mode, len(entries), plural(len(entries), "entry", "entries"))}
	}
}

// ParseMode reads permissions as octal (644, 0755) or as ls shows them
// (rw-r--r--, with or without the leading type letter).
func ParseMode(s string) (fs.FileMode, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseUint(s, 8, 32); err == nil && len(s) >= 3 && len(s) <= 4 && n <= 0o7777 {
		return fs.FileMode(n), nil
	}
	if len(s) == 10 {
		s = s[1:]
	}
	if len(s) != 9 {
		return 0, fmt.Errorf("bad mode %q: give octal (644) or rwx (rw-r--r--)", s)
	}
	var mode fs.FileMode
	for i, c := range s {
		want := "rwx"[i%3]
		switch {
		case byte(c) == want:
			mode |= 1 << (8 - i)
		case c != '-':
			return 0, fmt.Errorf("bad mode %q: position %d must be %c or -", s, i+1, want)
		}
	}
	return mode, nil
}

func modeValue(e session.Entry) string {
	if !e.HasMode {
		return "644"
	}
	return fmt.Sprintf("%03o", e.Mode.Perm())
}

func chmodLines(sel []session.Entry) []string {
	if len(sel) == 1 {
		return []string{pane.Escape(sel[0].Name) + ": octal (644) or rwx (rw-r--r--)"}
	}
	return []string{fmt.Sprintf("%d entries: octal (644) or rwx (rw-r--r--)", len(sel))}
}

// viewCmd opens a file for the pager, which reads it as the user scrolls
// (a remote one from a temporary copy filled in the background).
func viewCmd(fsys session.FS, p string) tea.Cmd {
	return func() tea.Msg {
		src, err := viewer.Open(fsys, p)
		return viewMsg{Path: p, Src: src, Err: err}
	}
}
