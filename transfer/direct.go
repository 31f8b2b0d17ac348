package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/ftpane/ftpane/session"
)

// runDirect runs an append or a store-unique: the target is written in
// place, since neither can go through a .part. The copy is checked by
// size where the type allows (the target grew by the source's size; the
// unique file has it).
func (q *Queue) runDirect(ctx context.Context, j *job, c conns, src session.Entry) result {
	js := q.state(j)
	if err := setTypes(ctx, js, c); err != nil {
		return result{err: err}
	}
	r, err := c.src.Open(ctx, js.SrcPath, 0)
	if err != nil {
		return result{err: wrap(opRead, js.SrcPath, err)}
	}
	defer r.Close()
	in := &countingReader{r: q.limiter(ctx, j).reader(convert(js, r)), report: func(n int64) { q.progress(j, n) }}
	if js.Append {
		return q.appendTo(ctx, js, c, in, src.Size)
	}
	return q.storeUnique(ctx, j, js, c, in)
}

func (q *Queue) appendTo(ctx context.Context, js JobState, c conns, in *countingReader, size int64) result {
	a, ok := c.dst.(session.Appender)
	if !ok {
		return result{err: &Error{Op: opWrite, Path: js.DstPath, Err: errors.New("append needs a server as the target")}}
	}
	before, had, err := existing(ctx, c.dst, js.DstPath)
	if err != nil {
		return result{err: wrap(opWrite, js.DstPath, err)}
	}
	w, err := a.Append(ctx, js.DstPath)
	if err != nil {
		return result{err: wrap(opWrite, js.DstPath, err)}
	}
	_, cerr := io.Copy(w, in)
	// Close is the server's verdict: when it refused the data, the copy
	// failed for that same reason, which is said once.
	if err := w.Close(); err != nil {
		return result{err: wrap(opStream, js.DstPath, err)}
	}
	if cerr != nil {
		return result{err: wrap(opStream, js.DstPath, cerr)}
	}
	if js.Type != session.TypeBinary || size < 0 {
		return result{state: Done}
	}
	want := in.n
	if had {
		want += before.Size
	}
	return result{state: Done, err: checkSize(ctx, c.dst, js.DstPath, want)}
}

func (q *Queue) storeUnique(ctx context.Context, j *job, js JobState, c conns, in *countingReader) result {
	u, ok := c.dst.(session.UniqueStorer)
	if !ok {
		return result{err: &Error{Op: opWrite, Path: js.DstPath, Err: errors.New("a unique name needs a server as the target")}}
	}
	name, rep, err := u.StoreUniqueAs(ctx, js.DstPath, in)
	if err == nil && !rep.Positive() {
		err = &session.ReplyError{Op: "put (unique)", Code: rep.Code, Msg: rep.Text()}
	}
	if err != nil {
		return result{err: wrap(opStream, js.DstPath, err)}
	}
	if name == "" {
		return result{state: Done, note: "stored under a name the server did not say"}
	}
	if !path.IsAbs(name) {
		name = path.Join(path.Dir(js.DstPath), name)
	}
	q.update(j, func(s *JobState) { s.Target = name })
	if js.Type != session.TypeBinary {
		return result{state: Done}
	}
	return result{state: Done, err: checkSize(ctx, c.dst, name, in.n)}
}

// checkSize compares a written file's size with what was sent; a server
// that cannot tell (no SIZE) is taken at its word.
func checkSize(ctx context.Context, fs session.FS, p string, want int64) error {
	e, ok, err := existing(ctx, fs, p)
	if err != nil || !ok {
		return nil
	}
	if e.Size != want {
		return &Error{Reason: ReasonMismatch, Op: opVerify, Path: p,
			Err: fmt.Errorf("the server has %d bytes, %d were sent", e.Size, want)}
	}
	return nil
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r      io.Reader
	n      int64
	report func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if n > 0 {
		c.report(c.n)
	}
	return n, err
}
