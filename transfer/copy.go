package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer/pipeline"
)

// transfer copies the source into target's .part, continuing an existing
// .part at its size (REST), and fails with a transient error when the
// stream ended before the source's size.
func (q *Queue) transfer(ctx context.Context, j *job, c conns, target string, size int64) error {
	js := q.state(j)
	part := partName(target)
	if js.restartAt == 0 && q.segmentable(js, c, size) {
		return q.segmented(ctx, j, c, part, size)
	}
	offset, err := q.resumeOffset(ctx, js, c.src, c.dst, part, size)
	if err != nil {
		return err
	}
	if js.restartAt > 0 {
		q.update(j, func(s *JobState) {
			s.restartAt = 0
			if offset == 0 {
				s.note = fmt.Sprintf("restart at %d refused: %s cannot restart a transfer (no REST STREAM in its FEAT), so the whole file was sent",
					js.Offset, restLess(c))
			}
		})
	}
	q.progress(j, offset)
	if size > 0 && offset == size && js.Type == session.TypeBinary {
		return nil
	}
	if err := setTypes(ctx, js, c); err != nil {
		return err
	}
	n, err := q.stream(ctx, j, js, c, part, offset)
	if err != nil {
		return err
	}
	if js.Type == session.TypeBinary && size >= 0 && offset+n < size {
		return &Error{Reason: ReasonNetwork, Op: opRead, Path: js.SrcPath,
			Err: fmt.Errorf("%w at byte %d of %d", errShort, offset+n, size)}
	}
	return nil
}

// resumeOffset is where a binary copy continues: the size of a .part
// left by an earlier try, if it is not longer than the source.
func (q *Queue) resumeOffset(ctx context.Context, js JobState, src, dst session.FS, part string, size int64) (int64, error) {
	if js.Type != session.TypeBinary || !canRest(src) || !canRest(dst) {
		return 0, nil // start over: the .part is overwritten
	}
	if js.restartAt > 0 {
		return js.restartAt, nil // the user's restart marker, on the first try
	}
	if js.Fresh && js.Attempts <= 1 {
		return 0, nil // nothing was there: a stale .part is overwritten
	}
	e, ok, err := existing(ctx, dst, part)
	if err != nil {
		return 0, wrap(opWrite, part, err)
	}
	if !ok || e.Kind != session.KindFile || (size >= 0 && e.Size > size) {
		return 0, nil
	}
	return e.Size, nil
}

func setTypes(ctx context.Context, js JobState, c conns) error {
	if err := setType(ctx, c.src, js.Type); err != nil {
		return wrap(opRead, js.SrcPath, err)
	}
	if err := setType(ctx, c.dst, js.Type); err != nil {
		return wrap(opWrite, js.DstPath, err)
	}
	return nil
}

// stream opens both sides at offset and copies, converting line ends for
// ASCII. The writer is closed first: its Close is the server's verdict on
// an upload.
func (q *Queue) stream(ctx context.Context, j *job, js JobState, c conns, part string, offset int64) (int64, error) {
	r, w, err := openBoth(ctx, js, c, part, offset)
	if err != nil {
		return 0, err
	}
	n, err := q.copy(ctx, j, w, convert(js, r), offset, js.SrcPath, part)
	werr := w.Close()
	rerr := r.Close()
	switch {
	case err != nil:
		return n, err
	case werr != nil:
		return n, wrap(opStream, part, werr)
	case rerr != nil:
		return n, wrap(opStream, js.SrcPath, rerr)
	}
	return n, nil
}

// openBoth opens the source at offset and the .part. A local target is
// created first: a folder that is missing or not writable fails the job
// before the server is asked to send anything (no RETR for nothing).
func openBoth(ctx context.Context, js JobState, c conns, part string, offset int64) (io.ReadCloser, io.WriteCloser, error) {
	var r io.ReadCloser
	var w io.WriteCloser
	open := func() (err error) {
		if js.empty && offset == 0 {
			r = io.NopCloser(strings.NewReader("")) // listed empty, SIZE 0: no RETR
			return nil
		}
		r, err = c.src.Open(ctx, js.SrcPath, offset)
		return wrap(opRead, js.SrcPath, err)
	}
	create := func() (err error) {
		w, err = c.dst.Create(ctx, part, offset)
		return wrap(opWrite, part, err)
	}
	steps := []func() error{open, create}
	if js.Dst.IsLocal() {
		steps = []func() error{create, open}
	}
	for _, step := range steps {
		if err := step(); err != nil {
			if r != nil {
				r.Close()
			}
			if w != nil {
				w.Close()
			}
			return nil, nil, err
		}
	}
	return r, w, nil
}

// restLess names the side that cannot restart.
func restLess(c conns) string {
	if !canRest(c.src) {
		return labelOf(c.src)
	}
	return labelOf(c.dst)
}

func labelOf(fs session.FS) string {
	if fs == nil {
		return "local"
	}
	return fs.Label()
}

// convert wraps the source in the line-end conversion an ASCII job needs:
// a download turns CRLF into LF, an upload LF into CRLF; between two
// servers (and two local folders) the bytes pass as they are.
func convert(js JobState, r io.Reader) io.Reader {
	if js.Type != session.TypeASCII {
		return r
	}
	switch {
	case !js.Src.IsLocal() && js.Dst.IsLocal() && js.KeepCR:
		return r
	case !js.Src.IsLocal() && js.Dst.IsLocal():
		return &crlfToLF{r: r}
	case js.Src.IsLocal() && !js.Dst.IsLocal():
		return &lfToCRLF{r: r}
	}
	return r
}

var bufPool = sync.Pool{}

func getBuf(size int) []byte {
	if b, ok := bufPool.Get().(*[]byte); ok && len(*b) == size {
		return *b
	}
	return make([]byte, size)
}

func putBuf(b []byte) { bufPool.Put(&b) }

// copy moves bytes from r to w, reading and writing at the same time
// (pipeline), reporting progress from done on, within the bandwidth
// limits (rate.go). When ctx ends, reading stops (the local filesystem
// does not watch ctx itself) and what was already read is still written,
// so a paused .part keeps every byte read.
func (q *Queue) copy(ctx context.Context, j *job, w io.Writer, r io.Reader, done int64, src, dst string) (int64, error) {
	lim := q.limiter(ctx, j)
	report := func(n int64) { q.progress(j, done+n) }
	// Under a limit, reads of a burst each: the kernel's copies move
	// megabytes a call, too coarse for a smooth rate. A download spliced
	// when a limit is set hands the rest to those reads (kernel is what
	// it moved); an upload's sendfile keeps the limit between calls.
	var kernel int64
	if !lim.limited() {
		n, handled, err := kernelCopy(w, r, src, dst, lim.kernelProgress(report), lim.limited)
		if handled {
			return n, err
		}
		kernel = n
	}
	pw := &progressWriter{w: w, dst: dst, report: func(n int64) { report(kernel + n) }}
	copyFn := pipeline.CopySize
	if d, ok := r.(session.Decrypter); ok && d.Decrypts() {
		copyFn = pipeline.CopyInline
	}
	n, err := copyFn(pw, lim.reader(&tagReader{ctx: ctx, r: r, src: src}), q.opts.BufferSize)
	return kernel + n, err
}

// kernelCopy lets the kernel move the bytes when both sides allow it;
// handled is false when they do not, or when a download stopped early
// (yield, asked between calls, said so) with n bytes moved and the rest
// left to read. A limit set while an upload runs holds it between calls
// (report waits).
func kernelCopy(w io.Writer, r io.Reader, src, dst string, report func(int64), yield func() bool) (n int64, handled bool, err error) {
	if f, ok := w.(*os.File); ok {
		// A binary download into a local file: the kernel moves the bytes
		// when it can (splice), a third less CPU than reading and writing.
		// A pause ends it the same way: the session cuts the data
		// connection, and what was taken from it is in the file.
		if sp, ok := r.(session.Splicer); ok {
			n, handled, done, err := sp.SpliceTo(f, report, yield)
			if handled && err == nil && !done {
				return n, false, nil // yielded: the rest goes through a buffer
			}
			if handled {
				if localWriteErr(err) {
					return n, true, wrap(opWrite, dst, err)
				}
				return n, true, wrap(opRead, src, err)
			}
		}
	}
	if f, ok := r.(*os.File); ok {
		// A binary upload of a local file: the kernel sends it (sendfile).
		if s, ok := w.(session.Sender); ok {
			n, err := s.SendFile(f, report)
			if localReadErr(err) {
				return n, true, wrap(opRead, src, err)
			}
			return n, true, wrap(opWrite, dst, err)
		}
	}
	return 0, false, nil
}

// tagReader stops at the end of ctx and names the source in its read
// errors, so a failure says which side it came from.
type tagReader struct {
	ctx context.Context
	r   io.Reader
	src string
}

func (t *tagReader) Read(p []byte) (int, error) {
	if t.ctx.Err() != nil {
		return 0, context.Cause(t.ctx)
	}
	n, err := t.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = wrap(opRead, t.src, err)
	}
	return n, err
}

// progressWriter reports every write and names the target in its errors.
type progressWriter struct {
	w      io.Writer
	dst    string
	n      int64
	report func(int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.n += int64(n)
	p.report(p.n)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return n, wrap(opWrite, p.dst, err)
	}
	return n, nil
}

// localReadErr tells a sent upload's failures reading the local file
// from the network's.
func localReadErr(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "read" || errors.Is(err, syscall.EIO)
}

// localWriteErr tells a spliced download's failures on the local disk
// from the network's: both come back from the same call.
func localWriteErr(err error) bool {
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EFBIG, syscall.EIO, fs.ErrPermission} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
