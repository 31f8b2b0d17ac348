package compare

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// Tree is a folder and everything under it, by slash-separated path
// relative to the folder.
type Tree struct {
	Root  string
	Dirs  map[string]bool
	Files map[string]File
	Zone  time.Duration // see Side
	// Listed is how many folders were read. Complete is false when one
	// could not be read or the walk stopped at its limit: what the tree
	// lacks may then exist, and nothing may be deleted on its strength.
	Listed   int
	Complete bool
	// Problems says what was left out and why: folders that could not be
	// read, names that cannot be file names, the limit.
	Problems []string
}

// NewTree is an empty tree of root.
func NewTree(root string, zone time.Duration) *Tree {
	return &Tree{Root: root, Dirs: map[string]bool{}, Files: map[string]File{}, Zone: zone, Complete: true}
}

// ErrLimit says a walk met its limit of folders.
var ErrLimit = errors.New("too many folders")

// Walker reads a tree through a session.FS.
type Walker struct {
	FS session.FS
	// Shape rewrites each entry as listed (a server's time zone); nil:
	// none. The precision is taken before it.
	Shape func(session.Entry) session.Entry
	// Limit bounds the number of listings (0: DefaultLimit).
	Limit int
	// Progress is told the number of folders read so far, after each.
	Progress func(listed int)
}

// DefaultLimit is how many folders a walk reads at most: a sync preview
// of more would show more lines than anyone checks (mirror has no limit).
const DefaultLimit = 5000

// Walk lists root and every folder under it, one listing at a time, and
// stops when ctx ends (returning its error). The root must be readable; a
// subfolder that is not is noted in Problems and the rest goes on. Links,
// devices and unparsed lines are left out, as mirror does.
func (w Walker) Walk(ctx context.Context, root string, zone time.Duration) (*Tree, error) {
	t := NewTree(root, zone)
	limit := w.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	todo := []string{""}
	for len(todo) > 0 {
		if err := ctx.Err(); err != nil {
			return t, err
		}
		if t.Listed >= limit {
			t.Complete = false
			t.Problems = append(t.Problems, fmt.Sprintf("stopped after %d folders (%v): the rest was not compared", limit, ErrLimit))
			break
		}
		rel := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		l, err := w.FS.List(ctx, Join(w.FS, root, rel))
		if err != nil {
			if rel == "" || ctx.Err() != nil {
				return t, err
			}
			t.Complete = false
			t.Problems = append(t.Problems, fmt.Sprintf("%s: %v", rel, err))
			continue
		}
		t.Listed++
		dirs := w.add(t, rel, l)
		for i := len(dirs) - 1; i >= 0; i-- { // depth first, in name order
			todo = append(todo, dirs[i])
		}
		if w.Progress != nil {
			w.Progress(t.Listed)
		}
	}
	return t, nil
}

// add records one listed folder's folders and files and returns its
// folders. A name that cannot be a file name is refused: a server must
// not choose where files land.
func (w Walker) add(t *Tree, rel string, l session.Listing) []string {
	var dirs []string
	for _, e := range l.Entries {
		if e.Name == "." || e.Name == ".." {
			continue
		}
		if e.Kind != session.KindDir && e.Kind != session.KindFile {
			continue
		}
		if err := transfer.CheckName(e.Name); err != nil {
			t.Problems = append(t.Problems, fmt.Sprintf("left out of %s: %v", showRel(rel), err))
			continue
		}
		p := PrecisionOf(e)
		if w.Shape != nil {
			e = w.Shape(e)
		}
		r := path.Join(rel, e.Name)
		if e.Kind == session.KindDir {
			t.Dirs[r] = true
			dirs = append(dirs, r)
			continue
		}
		t.Files[r] = FileOf(e, p)
	}
	return dirs
}

func showRel(rel string) string {
	if rel == "" {
		return "the top folder"
	}
	return rel
}

// splitRel is a relative path's names.
func splitRel(rel string) []string {
	if rel == "" {
		return nil
	}
	return strings.Split(rel, "/")
}

// Join is root joined with a relative path, in fsys's syntax.
func Join(fsys session.FS, root, rel string) string {
	return fsys.Join(append([]string{root}, splitRel(rel)...)...)
}
