package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ftpane/ftpane/transfer"
)

// fire settles every path whose quiet period is over, parents first.
func (w *Watcher) fire() {
	now := w.clock.Now()
	w.mu.Lock()
	due := map[string]change{}
	var order []string
	for e := w.order.Front(); e != nil && !e.Value.(*change).due.After(now); e = w.order.Front() {
		c := w.order.Remove(e).(*change)
		delete(w.pending, c.rel)
		due[c.rel] = *c
		order = append(order, c.rel)
	}
	w.mu.Unlock()
	sort.Strings(order)
	deleted := map[string]bool{}
	for _, rel := range order {
		if w.ctx.Err() != nil {
			return
		}
		w.settle(rel, due[rel], deleted)
	}
}

// settle acts on a path that has been quiet: what is there now decides,
// not the events that led here. A file is uploaded, a new folder is
// uploaded whole, a path that is gone is deleted on the other side when
// the watch deletes, and otherwise left alone.
func (w *Watcher) settle(rel string, c change, deleted map[string]bool) {
	wasDir := w.goneDirs[rel]
	delete(w.goneDirs, rel)
	fi, err := os.Lstat(w.abs(rel))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if w.opts.Delete && !under(rel, deleted) {
			w.remove(rel, wasDir)
			deleted[rel] = true
		}
	case err != nil:
		w.report(Report{Kind: Problem, Path: rel, Err: err})
	case fi.IsDir():
		if c.newDir || wasDir {
			w.submit(rel, fi, true)
		}
	case fi.Mode().IsRegular():
		w.uploadFile(rel, fi)
	case fi.Mode()&fs.ModeSymlink != 0:
		w.report(Report{Kind: Skipped, Path: rel, Err: errors.New("a symbolic link: not uploaded")})
	default:
		w.report(Report{Kind: Skipped, Path: rel, Err: fmt.Errorf("not a regular file (%s): not uploaded", fi.Mode().Type())})
	}
}

// under reports whether rel lies in one of the folders in set.
func under(rel string, set map[string]bool) bool {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if set[d] {
			return true
		}
	}
	return false
}

// uploadFile queues a changed file, unless its last upload will carry
// the change anyway: one still queued reads the file when it starts; one
// running already read part of it, so one more upload follows it (one,
// however often the file changes meanwhile).
func (w *Watcher) uploadFile(rel string, fi fs.FileInfo) {
	if u := w.track[rel]; u != nil && w.covered(rel, u) {
		return
	}
	w.submit(rel, fi, false)
}

// covered reports whether upload u of rel takes care of a new change.
func (w *Watcher) covered(rel string, u *upload) bool {
	st, ok := w.opts.Queue.Get(u.id)
	if !ok {
		return false
	}
	switch st.State {
	case transfer.Queued:
		if st.Attempts == 0 {
			return true // not started: it reads the file as it is then
		}
	case transfer.Active, transfer.Verifying, transfer.Waiting:
	default:
		return false
	}
	u.again = true
	if !u.waiting {
		u.waiting = true
		w.wg.Add(1)
		go w.waitFor(rel, u.id)
	}
	return true
}

// waitFor tells the loop when job id has ended (or paused).
func (w *Watcher) waitFor(rel string, id transfer.ID) {
	defer w.wg.Done()
	w.opts.Queue.Wait(w.ctx, id, nil) // its outcome shows in the queue
	select {
	case w.ended <- ended{rel, id}:
	case <-w.ctx.Done():
	}
}

// jobEnded queues the one more upload a change during the job asked for.
func (w *Watcher) jobEnded(e ended) {
	u := w.track[e.rel]
	if u == nil || u.id != e.id {
		return
	}
	u.waiting = false
	if !u.again {
		return
	}
	u.again = false
	if fi, err := os.Lstat(w.abs(e.rel)); err == nil && fi.Mode().IsRegular() {
		w.submit(e.rel, fi, false)
	}
}

// dst is rel's path on the other side.
func (w *Watcher) dst(rel string) string {
	t := w.opts.Target
	return t.FS.Join(append([]string{t.Dir}, strings.Split(rel, "/")...)...)
}

// submit plans rel's upload through the one planning step (a folder as a
// tree: it and everything in it) and queues it. The target's folders are
// checked, and made when missing, once per folder.
func (w *Watcher) submit(rel string, fi fs.FileInfo, dir bool) {
	t := w.opts.Target
	dst := w.dst(rel)
	parent := t.FS.Dir(dst)
	it := transfer.Item{SrcPath: w.abs(rel), DstPath: dst, Name: path.Base(rel), Origin: transfer.FromUser,
		Dir: dir, ModTime: fi.ModTime()}
	if !dir {
		it.Size = fi.Size()
	}
	req := transfer.Request{Src: transfer.LocalEndpoint(), Dst: t.Dst, Type: t.Type, Conflict: transfer.Overwrite,
		Items: []transfer.Item{it}}
	if !w.made[parent] {
		req.DstFS, req.MakeDirs = t.FS, true
	}
	p, err := transfer.PlanCopy(w.ctx, req)
	if err != nil {
		w.report(Report{Kind: Problem, Path: rel, Err: err})
		return
	}
	for _, r := range p.Refused {
		w.report(Report{Kind: Problem, Path: rel, Err: r.Err})
	}
	if len(p.Jobs) == 0 {
		return
	}
	w.made[parent] = true
	ids := w.opts.Queue.Submit(p)
	if !dir && len(ids) == 1 {
		w.track[rel] = &upload{id: ids[0]}
	}
	w.report(Report{Kind: Uploading, Path: rel, Jobs: ids})
}

// remove deletes rel on the other side (Options.Delete), when it is there.
func (w *Watcher) remove(rel string, dir bool) {
	t, dst := w.opts.Target, w.dst(rel)
	delete(w.track, rel)
	if _, err := t.FS.Stat(w.ctx, dst); err != nil {
		return // never uploaded, or gone already
	}
	var err error
	if dir {
		err = t.FS.RemoveAll(w.ctx, dst)
	} else {
		err = t.FS.Remove(w.ctx, dst)
	}
	if err != nil {
		w.report(Report{Kind: Problem, Path: rel, Err: fmt.Errorf("delete %s: %w", dst, err)})
		return
	}
	w.report(Report{Kind: Deleted, Path: rel})
}

// rescan looks for what lost events hid: folders not watched yet are
// watched and uploaded whole, files changed since shortly before the
// last event seen are uploaded. It returns how many paths it found.
func (w *Watcher) rescan() int {
	since := w.lastEvent.Add(-2 * time.Second)
	n := 0
	filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		rel, ok := w.rel(p)
		switch {
		case err != nil || !ok:
			return nil
		case Ignored(rel):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir() && !w.dirs[rel]:
			w.watchNew(rel)
			w.touch(rel, true)
			n++
			return filepath.SkipDir
		case d.Type().IsRegular():
			if fi, err := d.Info(); err == nil && !fi.ModTime().Before(since) {
				w.touch(rel, false)
				n++
			}
		}
		return nil
	})
	return n
}
