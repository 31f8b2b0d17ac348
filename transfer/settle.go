package transfer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ftpane/ftpane/session"
)

// settle verifies and commits a finished upload in two round trips
// (session.Settler: SIZE with RNFR, then RNTO with the time) where
// verify, commit and keepTime take four: on a tree of small files that
// is a quarter of the commands. It applies to a binary copy to a server
// that does not hash files (a checksum must come between the size check
// and the rename). The time goes out with the rename only for a target
// that did not exist when the job was planned (it must not land on a
// file in the way); over an existing target RNTO replaces it in one step
// where the server allows, and the time follows on its own. A server
// that refuses the rename gets the usual one (remove, then rename). A nil
// result and no error: it does not apply, or the server has no SIZE; the
// caller takes the usual path.
func (q *Queue) settle(ctx context.Context, j *job, c conns, target string, size int64) (*result, error) {
	js := q.state(j)
	st, ok := c.dst.(session.Settler)
	if !ok || js.Type != session.TypeBinary || st.Hashes() {
		return nil, nil
	}
	if err := setTypes(ctx, js, c); err != nil {
		return nil, err
	}
	part := partName(target)
	var mt time.Time
	if js.Fresh {
		mt = q.sourceTime(ctx, js, c)
	}
	settled, err := st.Settle(ctx, session.Settle{Part: part, Target: target, ModTime: mt,
		Check: func(n int64) error {
			if size >= 0 && n != size {
				return &Error{Reason: ReasonMismatch, Op: opVerify, Path: part,
					Err: fmt.Errorf("the copy has %d bytes, the source %d", n, size)}
			}
			q.update(j, func(s *JobState) { s.verified = true })
			return nil
		}})
	var te *Error
	switch {
	case errors.As(err, &te):
		return nil, te // the size check's own words
	case notImplemented(err):
		return nil, nil
	case isNotExist(err):
		return nil, &Error{Reason: ReasonMismatch, Op: opVerify, Path: part, Err: errors.New("the copy is gone")}
	case err != nil:
		return nil, wrap(opVerify, part, err)
	}
	if !settled.Renamed {
		res := q.place(ctx, j, c, target)
		return &res, nil
	}
	if !js.Fresh {
		q.keepTime(ctx, q.state(j), c, target)
	}
	res := q.afterCommit(ctx, js, c)
	res.note = joinNotes(q.state(j).note, res.note)
	return &res, nil
}

// sourceTime is the modification time a copy is given: from the listing
// the job was planned from, else asked (MDTM, stat); zero when unknown.
func (q *Queue) sourceTime(ctx context.Context, js JobState, c conns) time.Time {
	if !js.ModTime.IsZero() {
		return js.ModTime
	}
	if mt, ok := c.src.(session.ModTimer); ok {
		t, _ := mt.ModTime(ctx, js.SrcPath)
		return t
	}
	if e, err := c.src.Stat(ctx, js.SrcPath); err == nil {
		return e.ModTime
	}
	return time.Time{}
}
