package watch

// The events: fsnotify's reports turned into paths waiting for quiet,
// folders added to the watch as they appear and forgotten as they go.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// rel is the event's path relative to the root, slash-separated; ok is
// false for the root itself and for paths outside it.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func (w *Watcher) abs(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

// handle notes one event: the path waits for quiet, a new folder is
// watched, a removed one forgotten. An error ends the watch.
func (w *Watcher) handle(ev fsnotify.Event) error {
	w.lastEvent = time.Now()
	if filepath.Clean(ev.Name) == w.root {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			return fmt.Errorf("%s was removed or moved away", w.root)
		}
		return nil
	}
	rel, ok := w.rel(ev.Name)
	if !ok || Ignored(rel) || ev.Op == fsnotify.Chmod {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forgetDir(rel)
	}
	if top, ok := w.newDirAbove(rel); ok {
		if ev.Has(fsnotify.Create) {
			w.watchNew(rel) // watched now, uploaded with the folder
		}
		w.touch(top, true)
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.watchNew(rel)
			w.touch(rel, true)
			return nil
		}
	}
	w.touch(rel, false)
	return nil
}

// touch makes rel wait for quiet again.
func (w *Watcher) touch(rel string, newDir bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := &change{rel: rel}
	if e := w.pending[rel]; e != nil {
		c = w.order.Remove(e).(*change)
	}
	c.due = w.clock.Now().Add(w.opts.Quiet)
	c.newDir = c.newDir || newDir
	w.pending[rel] = w.order.PushBack(c)
	if newDir { // what waited under it goes up with the folder
		for p, e := range w.pending {
			if strings.HasPrefix(p, rel+"/") {
				w.order.Remove(e)
				delete(w.pending, p)
			}
		}
	}
}

// newDirAbove is the new folder, waiting to be uploaded whole, that rel
// lies in.
func (w *Watcher) newDirAbove(rel string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if e := w.pending[d]; e != nil && e.Value.(*change).newDir {
			return d, true
		}
	}
	return "", false
}

// watchNew watches a folder that appeared, with its subfolders. A limit
// reached is reported: the folder is still uploaded once.
func (w *Watcher) watchNew(rel string) {
	if err := w.addTree(rel); err != nil {
		w.report(Report{Kind: Problem, Path: rel, Err: fmt.Errorf("changes in it are not watched: %w", err)})
	}
}

// addTree watches the folder rel and every folder under it that is not
// ignored; symbolic links are not followed.
func (w *Watcher) addTree(rel string) error {
	return filepath.WalkDir(w.abs(rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != w.abs(rel) && errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		r, _ := w.rel(p)
		if r != "" && Ignored(r) {
			return filepath.SkipDir
		}
		if err := w.fsw.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) && p != w.abs(rel) {
				return filepath.SkipDir
			}
			return fmt.Errorf("%s: %w", p, limitError(err))
		}
		w.dirs[r] = true
		return nil
	})
}

// forgetDir drops the watches of a folder that was removed or moved
// away, and of the folders under it.
func (w *Watcher) forgetDir(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			w.fsw.Remove(w.abs(d)) // the system may have dropped it already
			delete(w.dirs, d)
			if d == rel {
				w.goneDirs[d] = true
			}
		}
	}
}

// handleError reports what the system said; after lost events (the
// system's queue overflowed) the folder is scanned again.
func (w *Watcher) handleError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		n := w.rescan()
		w.report(Report{Kind: Problem, Err: fmt.Errorf("too many changes at once for the system to report: scanned again, %d changed %s found", n, plural(n, "path", "paths"))})
		return
	}
	w.report(Report{Kind: Problem, Err: err})
}
