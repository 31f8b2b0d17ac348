package transfer

import (
	"context"
	"errors"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
)

// resolve applies the conflict policy to the target name. It returns the
// name to write, or a result that ends the job (skipped, or an error).
func (q *Queue) resolve(ctx context.Context, js JobState, c conns, src session.Entry) (string, *result) {
	dst := js.DstPath
	if js.Fresh && js.Attempts <= 1 {
		return dst, nil
	}
	e, ok, err := existing(ctx, c.dst, dst)
	if err != nil {
		return "", &result{err: wrap(opWrite, dst, err)}
	}
	if ok && e.Kind == session.KindDir {
		return "", &result{err: &Error{Reason: ReasonIsFolder, Op: opWrite, Path: dst,
			Err: errors.New("a folder of that name is in the way")}}
	}
	if !ok {
		return dst, nil
	}
	switch js.Conflict {
	case Skip:
		return "", &result{state: Skipped, note: "target exists"}
	case Newer:
		return q.resolveNewer(ctx, js, c, src)
	case Resume:
		return q.resolveResume(ctx, js, c, src, e)
	case Unique:
		return q.resolveUnique(ctx, js, c)
	}
	return dst, nil
}

// resolveNewer copies only a source newer than the target.
func (q *Queue) resolveNewer(ctx context.Context, js JobState, c conns, src session.Entry) (string, *result) {
	de, err := c.dst.Stat(ctx, js.DstPath)
	if err != nil {
		return "", &result{err: wrap(opWrite, js.DstPath, err)}
	}
	if src.ModTime.IsZero() || de.ModTime.IsZero() {
		return js.DstPath, nil // cannot tell: copy
	}
	// At the coarser precision of the two sides: a server keeps seconds
	// at best (MLSD, MDTM) and a LIST line minutes or only the day, so a
	// file sent up from a disk with nanoseconds is otherwise forever
	// newer than the copy it made.
	if !mtime.Newer(src, de) {
		return "", &result{state: Skipped, note: "target is as new or newer"}
	}
	return js.DstPath, nil
}

// resolveResume continues a shorter target (reget): the target becomes
// the .part the copy continues. An equal one is complete already; a
// longer one is not a prefix of the source and is replaced.
func (q *Queue) resolveResume(ctx context.Context, js JobState, c conns, src session.Entry, e session.Entry) (string, *result) {
	dst := js.DstPath
	switch {
	case src.Size >= 0 && e.Size == src.Size:
		return "", &result{state: Skipped, note: "already complete"}
	case src.Size >= 0 && e.Size > src.Size, js.Type == session.TypeASCII:
		return dst, nil
	}
	if _, ok, _ := existing(ctx, c.dst, partName(dst)); ok {
		if err := c.dst.Remove(ctx, partName(dst)); err != nil {
			return "", &result{err: wrap(opWrite, partName(dst), err)}
		}
	}
	if err := c.dst.Rename(ctx, dst, partName(dst)); err != nil {
		return "", &result{err: wrap(opWrite, dst, err)}
	}
	return dst, nil
}

// resolveUnique finds the first free name of name.1, name.2, ... on
// either side. (STOU is not used: ftpserverlib refuses it, it cannot be
// resumed, and not every server says the name it chose.)
func (q *Queue) resolveUnique(ctx context.Context, js JobState, c conns) (string, *result) {
	for n := 1; n <= maxUnique; n++ {
		cand := uniqueCandidate(js.DstPath, n)
		_, ok, err := existing(ctx, c.dst, cand)
		if err != nil {
			return "", &result{err: wrap(opWrite, cand, err)}
		}
		if !ok {
			return cand, nil
		}
	}
	return "", &result{err: &Error{Op: opWrite, Path: js.DstPath, Err: errors.New("no free unique name")}}
}
