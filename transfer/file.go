package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/ftpane/ftpane/session"
)

// runFile copies one file: it learns the source's size, applies the
// conflict policy once, copies into NAME.part (continuing a .part left by
// an earlier try), verifies, renames into place and, for a move, deletes
// the source. A verification mismatch restarts the file from zero once.
func (q *Queue) runFile(ctx context.Context, j *job, c conns) result {
	js := q.state(j)
	if err := setType(ctx, c.dst, session.TypeBinary); err != nil { // SIZE needs TYPE I on some servers
		return result{err: wrap(opWrite, js.DstPath, err)}
	}
	if res, ok := q.committedBefore(ctx, js, c, js.Target); ok {
		return res // before asking the source: a move may have deleted it
	}
	src, err := q.sourceOf(ctx, j, js, c.src)
	if err != nil {
		return result{err: err}
	}
	q.update(j, func(s *JobState) { s.Total = src.Size; s.Size = src.Size })
	if js.direct() {
		return q.runDirect(ctx, j, c, src)
	}
	target := js.Target
	if target == "" {
		var res *result
		target, res = q.resolveTarget(ctx, j, js, c, src)
		if res != nil {
			return *res
		}
	}
	for {
		var settled *result
		err := q.transfer(ctx, j, c, target, src.Size)
		if err == nil {
			q.phase(j, Verifying)
			err = sourceUnchanged(ctx, js, c.src, src)
		}
		if err == nil {
			settled, err = q.settle(ctx, j, c, target, src.Size)
		}
		if err == nil && settled == nil {
			err = q.verify(ctx, q.state(j), c, partName(target), src.Size)
		}
		if err != nil {
			if q.restartOnce(ctx, j, c, target, err) {
				q.phase(j, Active)
				if src, err = q.statSource(ctx, j, js, c.src); err != nil { // it may have changed
					return result{err: err}
				}
				q.update(j, func(s *JobState) { s.Total = src.Size; s.Size = src.Size })
				continue
			}
			return result{err: err}
		}
		if settled != nil {
			return *settled
		}
		q.update(j, func(s *JobState) { s.verified = true })
		return q.place(ctx, j, c, target)
	}
}

// place puts a verified .part in place and gives it the source's time.
func (q *Queue) place(ctx context.Context, j *job, c conns, target string) result {
	res := q.commit(ctx, q.state(j), c, target)
	if res.err == nil {
		q.keepTime(ctx, q.state(j), c, target)
		res.note = joinNotes(q.state(j).note, res.note)
	}
	return res
}

// sourceUnchanged catches a local file that changed while it was copied
// (its size or time moved on): what went out is a mix of two versions,
// so the copy is a mismatch and starts over once. A server's file has no
// cheap stamp; its checksum, where offered, does that work.
func sourceUnchanged(ctx context.Context, js JobState, src session.FS, before session.Entry) error {
	if !js.Src.IsLocal() || before.ModTime.IsZero() {
		return nil
	}
	now, err := src.Stat(ctx, js.SrcPath)
	if err != nil {
		return wrap(opRead, js.SrcPath, err)
	}
	if now.Kind == session.KindLink {
		if now, err = followLink(js.SrcPath, now); err != nil {
			return wrap(opRead, js.SrcPath, err)
		}
	}
	if now.Size != before.Size || !now.ModTime.Equal(before.ModTime) {
		return &Error{Reason: ReasonMismatch, Op: opVerify, Path: js.SrcPath,
			Err: errors.New("the source changed while it was copied")}
	}
	return nil
}

// resolveTarget decides the name to write once per job: the conflict
// policy, or for a restart (Offset) the target itself, which becomes the
// .part the copy continues at Offset.
func (q *Queue) resolveTarget(ctx context.Context, j *job, js JobState, c conns, src session.Entry) (string, *result) {
	target := js.DstPath
	if js.Offset > 0 {
		if err := q.restartFrom(ctx, js, c, target); err != nil {
			return "", &result{err: err}
		}
		q.update(j, func(s *JobState) { s.restartAt = js.Offset })
	} else {
		var res *result
		if target, res = q.resolve(ctx, js, c, src); res != nil {
			return "", res
		}
	}
	q.update(j, func(s *JobState) { s.Target = target })
	return target, nil
}

// restartFrom makes an existing target the .part a restart continues.
func (q *Queue) restartFrom(ctx context.Context, js JobState, c conns, target string) error {
	e, ok, err := existing(ctx, c.dst, target)
	if err != nil || !ok || e.Kind != session.KindFile {
		return wrap(opWrite, target, err)
	}
	if _, ok, _ := existing(ctx, c.dst, partName(target)); ok {
		if err := c.dst.Remove(ctx, partName(target)); err != nil {
			return wrap(opWrite, partName(target), err)
		}
	}
	return wrap(opWrite, target, c.dst.Rename(ctx, target, partName(target)))
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// keepTime gives the copy the source's modification time, as mirror and
// lftp do: from the listing the job was planned from, else asked (MDTM,
// stat). It is best effort: a server without MFMT keeps its own time.
func (q *Queue) keepTime(ctx context.Context, js JobState, c conns, target string) {
	if t := q.sourceTime(ctx, js, c); !t.IsZero() {
		_ = c.dst.Chtimes(ctx, target, t)
	}
}

// committedBefore finishes a job that an earlier run verified and renamed
// into place but could not record as done (a crash in between): the .part
// is gone and the target is there. Only the source of a move is left to
// delete.
func (q *Queue) committedBefore(ctx context.Context, js JobState, c conns, target string) (result, bool) {
	if !js.verified || target == "" {
		return result{}, false
	}
	_, partLeft, err := existing(ctx, c.dst, partName(target))
	if err != nil || partLeft {
		return result{}, false
	}
	if _, ok, err := existing(ctx, c.dst, target); err != nil || !ok {
		return result{}, false
	}
	res := result{state: Done, note: "completed before the restart"}
	if js.Move {
		if err := c.src.Remove(ctx, js.SrcPath); err != nil && !isNotExist(err) {
			res.note = wrap(opDelete, js.SrcPath, err).Error()
		}
	}
	return res, true
}

// state is a copy of the job's state, read under the lock.
func (q *Queue) state(j *job) JobState {
	q.mu.Lock()
	defer q.mu.Unlock()
	return j.st
}

// sourceOf is the source as the job knows it from the listing it was
// planned from (a server's file of known size and time: no SIZE or MDTM
// round trip per file of a tree), else as statSource finds it. A
// verification mismatch asks again (statSource): the listing may be old.
func (q *Queue) sourceOf(ctx context.Context, j *job, js JobState, fs session.FS) (session.Entry, error) {
	if !js.Src.IsLocal() && js.Size > 0 && js.Attempts <= 1 && (js.Conflict != Newer || !js.ModTime.IsZero()) {
		if err := setType(ctx, fs, session.TypeBinary); err != nil {
			return session.Entry{}, wrap(opRead, js.SrcPath, err)
		}
		return session.Entry{Kind: session.KindFile, Size: js.Size, ModTime: js.ModTime}, nil
	}
	return q.statSource(ctx, j, js, fs)
}

// statSource finds the source's size (SIZE on a server, which is cheap;
// Stat otherwise) and refuses folders and files that are gone.
func (q *Queue) statSource(ctx context.Context, j *job, js JobState, fs session.FS) (session.Entry, error) {
	if err := setType(ctx, fs, session.TypeBinary); err != nil {
		return session.Entry{}, wrap(opRead, js.SrcPath, err)
	}
	if s, ok := fs.(session.Sizer); ok && js.Conflict != Newer && !js.Src.IsLocal() {
		n, err := s.Size(ctx, js.SrcPath)
		if err == nil {
			// Empty by its listing (a planned job with a time and no
			// size: the queue keeps 0 as unknown) and by SIZE: no RETR.
			// SIZE alone is not enough: a server that reports sizes
			// modulo 4 GiB would turn a big file into an empty copy
			// that checks out.
			listedEmpty := js.Size <= 0 && !js.ModTime.IsZero()
			q.update(j, func(s *JobState) { s.empty = n == 0 && listedEmpty })
			return session.Entry{Kind: session.KindFile, Size: n}, nil
		}
		if !notImplemented(err) {
			return session.Entry{}, wrap(opRead, js.SrcPath, err)
		}
	}
	e, err := fs.Stat(ctx, js.SrcPath)
	if err != nil && !js.Src.IsLocal() {
		// A server that answers neither SIZE nor a listing of the file
		// (some list folders only): copy it with its size unknown; RETR
		// says whether it is there.
		return session.Entry{Kind: session.KindFile, Size: -1}, nil
	}
	if err != nil {
		return e, wrap(opRead, js.SrcPath, err)
	}
	if _, onDisk := fs.(session.Local); onDisk && e.Kind == session.KindLink {
		e, err = followLink(js.SrcPath, e)
		if err != nil {
			return e, wrap(opRead, js.SrcPath, err)
		}
	}
	if e.Kind == session.KindDir {
		return e, &Error{Reason: ReasonIsFolder, Op: opRead, Path: js.SrcPath,
			Err: errors.New("the source is a folder: copy it as a folder")}
	}
	return e, nil
}

// restartOnce deletes the .part after the first verification mismatch so
// that the next pass starts from zero.
func (q *Queue) restartOnce(ctx context.Context, j *job, c conns, target string, err error) bool {
	var te *Error
	if !errors.As(err, &te) || te.Reason != ReasonMismatch {
		return false
	}
	q.mu.Lock()
	again := !j.restarted
	j.restarted = true
	j.st.Done = 0
	q.mu.Unlock()
	if again {
		if rerr := c.dst.Remove(ctx, partName(target)); rerr != nil && !isNotExist(rerr) {
			return false
		}
	}
	return again
}

// commit renames the verified .part into place, replacing an existing
// target, then deletes the source of a move.
func (q *Queue) commit(ctx context.Context, js JobState, c conns, target string) result {
	if err := q.renameIntoPlace(ctx, js, c, target); err != nil {
		return result{err: wrap(opCommit, target, err)}
	}
	return q.afterCommit(ctx, js, c)
}

// afterCommit deletes the source of a move whose copy is in place.
func (q *Queue) afterCommit(ctx context.Context, js JobState, c conns) result {
	if !js.Move {
		return result{state: Done}
	}
	if err := c.src.Remove(ctx, js.SrcPath); err != nil {
		return result{state: Done, note: wrap(opDelete, js.SrcPath, err).Error()}
	}
	return result{state: Done, note: "moved"}
}

// renameIntoPlace renames the .part to target, replacing an existing
// target. A fresh job tries the rename first and looks for a target in
// the way only when it fails.
func (q *Queue) renameIntoPlace(ctx context.Context, js JobState, c conns, target string) error {
	if js.Fresh && c.dst.Rename(ctx, partName(target), target) == nil {
		return nil
	}
	if _, ok, err := existing(ctx, c.dst, target); err != nil {
		return err
	} else if ok {
		if err := c.dst.Remove(ctx, target); err != nil {
			return err
		}
	}
	return c.dst.Rename(ctx, partName(target), target)
}

func setType(ctx context.Context, fs session.FS, t session.TransferType) error {
	if tt, ok := fs.(session.Typer); ok && tt.Type() != t {
		if err := tt.SetType(ctx, t); err != nil {
			return fmt.Errorf("type %s: %w", t, err)
		}
	}
	return nil
}

// existing reports whether p exists and its entry; "no such file" is not
// an error. On a server it is one SIZE: a 550 means no file there (a
// folder in the way is the server's to refuse, in its words, when the
// copy is renamed into place), so an upload costs no listing (a data
// connection) per check. Only a server without SIZE is asked for a
// listing.
func existing(ctx context.Context, fs session.FS, p string) (session.Entry, bool, error) {
	if s, ok := fs.(session.Sizer); ok {
		n, err := s.Size(ctx, p)
		switch {
		case err == nil:
			return session.Entry{Kind: session.KindFile, Size: n}, true, nil
		case isNotExist(err):
			return session.Entry{}, false, nil
		case !notImplemented(err):
			return session.Entry{}, false, err
		}
	}
	e, err := fs.Stat(ctx, p)
	if err != nil {
		if isNotExist(err) {
			return e, false, nil
		}
		return e, false, err
	}
	return e, true, nil
}

// followLink describes what a local symlink points to: the file's size,
// not the link's.
func followLink(p string, e session.Entry) (session.Entry, error) {
	st, err := os.Stat(p)
	if err != nil {
		return e, err
	}
	e.Size, e.ModTime, e.Kind = st.Size(), st.ModTime(), session.KindFile
	if st.IsDir() {
		e.Kind = session.KindDir
	}
	return e, nil
}
