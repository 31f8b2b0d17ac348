package transfer

import (
	"context"
	"errors"
	"fmt"

	"github.com/ftpane/ftpane/session"
)

// runTree lists a source folder, creates the target folder, and queues
// one job per entry right after the folder's own job: files as file jobs,
// subfolders as folder jobs (listed in turn by a worker, so a large tree
// never blocks the caller). Names the server sent that could escape the
// target are refused one by one: they show as failed jobs, the rest goes on.
func (q *Queue) runTree(ctx context.Context, j *job, c conns) result {
	js := q.state(j)
	l, err := c.src.List(ctx, js.SrcPath)
	if err != nil {
		return result{err: wrap(opList, js.SrcPath, err)}
	}
	if err := noLinkedFolder(ctx, js, c.dst); err != nil {
		return result{err: err}
	}
	fresh, err := mkdirFresh(ctx, c.dst, js.DstPath)
	if err != nil {
		return result{err: wrap(opWrite, js.DstPath, err)}
	}
	children := make([]childJob, 0, len(l.Entries))
	skipped := 0
	for _, e := range l.Entries {
		ch, ok := childOf(js, c, e)
		ch.job.Fresh = fresh && ch.job.Kind == KindFile
		if !ok {
			skipped++
			continue
		}
		children = append(children, ch)
	}
	if js.Move {
		children = append(children, childJob{job: Job{Kind: KindRemoveDir, Src: js.Src,
			SrcPath: js.SrcPath, Parent: js.Parent}, state: Queued, after: js.ID})
	}
	q.mu.Lock()
	run := make([]*job, len(children))
	for i, ch := range children {
		run[i] = q.newJobLocked(ch.job, ch.state, ch.err, ch.after)
	}
	q.addRunLocked(j, run)
	q.mu.Unlock()
	note := fmt.Sprintf("%d entries queued", len(children))
	if skipped > 0 {
		note += fmt.Sprintf(", %d links or special files left out", skipped)
	}
	return result{state: Done, note: note}
}

type childJob struct {
	job   Job
	state State
	err   error
	after ID
}

// childOf builds the job for one listed entry; ok is false for entries
// that are not copied (links, devices, unparsed lines).
func childOf(js JobState, c conns, e session.Entry) (childJob, bool) {
	j := Job{Src: js.Src, Dst: js.Dst, Size: e.Size, ModTime: e.ModTime, Type: js.Type, Conflict: js.Conflict,
		Move: js.Move, Parent: js.ID, MaxTries: js.MaxTries}
	switch e.Kind {
	case session.KindDir:
		j.Kind = KindTree
	case session.KindFile:
		if js.Type == session.TypeASCII {
			j.Type = session.TypeBinary // a folder's files choose by extension
		}
	default:
		return childJob{}, false
	}
	if err := CheckName(e.Name); err != nil {
		j.SrcPath, j.DstPath = js.SrcPath+"/?", js.DstPath+"/?"
		return childJob{job: j, state: Failed, err: err}, true
	}
	j.SrcPath, j.DstPath = c.src.Join(js.SrcPath, e.Name), c.dst.Join(js.DstPath, e.Name)
	return childJob{job: j, state: Queued}, true
}

// ErrLinkedFolder is wrapped when a local target folder inside a copied
// tree is a symbolic link: following it would write outside the folder
// the user chose.
var ErrLinkedFolder = errors.New("the target folder is a symbolic link: not followed")

// noLinkedFolder refuses a local subfolder target that is a symbolic
// link. The folder the user chose (the tree's own job) may be one.
func noLinkedFolder(ctx context.Context, js JobState, dst session.FS) error {
	if js.Parent == 0 || !js.Dst.IsLocal() {
		return nil
	}
	if e, err := dst.Stat(ctx, js.DstPath); err == nil && e.Kind == session.KindLink {
		return &Error{Reason: ReasonLink, Op: opWrite, Path: js.DstPath, Err: ErrLinkedFolder}
	}
	return nil
}

// mkdirFresh is mkdirOnce, and reports whether the folder is new (so
// nothing in it can be in a copy's way).
func mkdirFresh(ctx context.Context, fs session.FS, p string) (bool, error) {
	if fs.Mkdir(ctx, p) == nil {
		return true, nil
	}
	return false, mkdirOnce(ctx, fs, p)
}

// mkdirOnce creates a folder unless a folder of that name exists.
func mkdirOnce(ctx context.Context, fs session.FS, p string) error {
	err := fs.Mkdir(ctx, p)
	if err == nil {
		return nil
	}
	if e, serr := fs.Stat(ctx, p); serr == nil && e.Kind == session.KindDir {
		return nil
	}
	return err
}

// runRemoveDir deletes a moved folder's source once everything under it
// is done. When anything was skipped or failed the folder is kept: it
// still holds what was not moved.
func (q *Queue) runRemoveDir(ctx context.Context, j *job, c conns) result {
	q.mu.Lock()
	js, left := j.st, q.leftUnderLocked(j)
	q.mu.Unlock()
	if left > 0 {
		return result{state: Skipped, note: fmt.Sprintf("folder kept: %d entries were not moved", left)}
	}
	if err := c.src.Remove(ctx, js.SrcPath); err != nil {
		return result{err: wrap(opDelete, js.SrcPath, err)}
	}
	return result{state: Done, note: "moved"}
}
