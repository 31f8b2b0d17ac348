package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer/pipeline"
)

// Request is one file to move, as a command asks for it. The lead binds
// Transferer to the transfer queue; Direct runs it in place.
type Request struct {
	Src     session.FS
	SrcPath string
	Dst     session.FS
	DstPath string
	// Offset skips this many bytes of the source and writes the
	// destination from there (restart, reget).
	Offset int64
	// Append adds to the remote file (APPE); Unique lets the server pick
	// the name (STOU). Both need a *session.Remote destination.
	Append bool
	Unique bool
	// ASCII converts line ends on the local side: LF to CRLF on uploads;
	// on downloads CRLF to LF when StripCR (the cr toggle).
	ASCII   bool
	StripCR bool
	// Progress is called with the running byte count as data moves.
	Progress func(total int64)
}

// Result is what a transfer did. Name is the server's name for a Unique
// upload ("" when its reply did not say).
type Result struct {
	Bytes   int64
	Elapsed time.Duration
	Name    string
}

// Transferer moves one file. Implementations must honour ctx.
type Transferer interface {
	Transfer(ctx context.Context, req Request) (Result, error)
}

// Direct moves a file in the calling goroutine: Open on the source, copy,
// Create (or Append, or STOU) on the destination.
type Direct struct{}

// Transfer copies req.Src to req.Dst. Bytes are counted as the
// destination takes them (the wire's bytes, CRs included), so hash marks
// follow the data and not the local disk.
func (Direct) Transfer(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	rd, err := req.Src.Open(ctx, req.SrcPath, req.Offset)
	if err != nil {
		return Result{}, err
	}
	defer rd.Close()
	var src io.Reader = rd
	_, upload := req.Src.(session.Local)
	_, download := req.Dst.(session.Local)
	if req.ASCII && upload {
		src = &crlfReader{r: src}
	}
	count := &counter{progress: req.Progress}
	res := Result{}
	if req.Unique {
		res.Name, err = storeUnique(ctx, req, io.TeeReader(src, count))
	} else {
		err = store(ctx, req, src, count, req.ASCII && download && req.StripCR)
	}
	if cerr := rd.Close(); err == nil {
		err = cerr
	}
	res.Bytes, res.Elapsed = count.n, time.Since(start)
	return res, err
}

// store writes src to the destination (Create or Append).
func store(ctx context.Context, req Request, src io.Reader, count *counter, stripCR bool) error {
	var w io.WriteCloser
	var err error
	if req.Append {
		r, ok := req.Dst.(*session.Remote)
		if !ok {
			return errors.New("append: the destination is not a server")
		}
		w, err = r.Append(ctx, req.DstPath)
	} else {
		w, err = req.Dst.Create(ctx, req.DstPath, req.Offset)
	}
	if err != nil {
		return err
	}
	if f, ok := src.(*os.File); ok {
		// An upload of a local file: the kernel sends it (sendfile).
		if s, ok := w.(session.Sender); ok {
			_, err := s.SendFile(f, count.set)
			return errors.Join(err, w.Close())
		}
	}
	if f, ok := w.(*os.File); ok && !stripCR {
		// A download to a local file: the kernel moves the bytes when it
		// can (splice), about a third less CPU than reading and writing.
		if sp, ok := src.(session.Splicer); ok {
			_, handled, err := sp.SpliceTo(f, count.set)
			if handled {
				return errors.Join(err, w.Close())
			}
		}
	}
	var dst io.Writer = w
	var strip *stripCRWriter
	if stripCR {
		strip = &stripCRWriter{w: w}
		dst = strip
	}
	_, err = pipeline.Copy(io.MultiWriter(dst, count), src)
	if strip != nil {
		err = errors.Join(err, strip.flush())
	}
	return errors.Join(err, w.Close())
}

func storeUnique(ctx context.Context, req Request, src io.Reader) (string, error) {
	r, ok := req.Dst.(*session.Remote)
	if !ok {
		return "", errors.New("sunique: the destination is not a server")
	}
	name, rep, err := r.StoreUniqueAs(ctx, req.DstPath, src)
	if err == nil && !rep.Positive() {
		err = &session.ReplyError{Op: "put (unique)", Code: rep.Code, Msg: rep.Text()}
	}
	return name, err
}

// counter counts the bytes written through it and reports them. It sits
// after the destination in a MultiWriter, so it sees only what the
// destination took.
type counter struct {
	n        int64
	progress func(int64)
}

// set reports a running total counted elsewhere (a splice).
func (c *counter) set(total int64) {
	c.n = total
	if c.progress != nil {
		c.progress(total)
	}
}

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	if len(p) > 0 && c.progress != nil {
		c.progress(c.n)
	}
	return len(p), nil
}

// crlfReader turns every LF into CRLF (ASCII uploads, as classic ftp).
type crlfReader struct {
	r       io.Reader
	pending []byte
	buf     [16 << 10]byte
}

func (c *crlfReader) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		n, err := c.r.Read(c.buf[:len(c.buf)/2])
		if n == 0 {
			return 0, err
		}
		c.pending = c.pending[:0]
		for _, b := range c.buf[:n] {
			if b == '\n' {
				c.pending = append(c.pending, '\r')
			}
			c.pending = append(c.pending, b)
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// stripCRWriter turns CRLF into LF (ASCII downloads with cr on); a CR at
// the end of one write is held until the next shows what follows it.
type stripCRWriter struct {
	w      io.Writer
	heldCR bool
	out    []byte
}

func (s *stripCRWriter) Write(p []byte) (int, error) {
	s.out = s.out[:0]
	for _, b := range p {
		if s.heldCR {
			s.heldCR = false
			if b != '\n' {
				s.out = append(s.out, '\r')
			}
		}
		if b == '\r' {
			s.heldCR = true
			continue
		}
		s.out = append(s.out, b)
	}
	if _, err := s.w.Write(s.out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a CR held at the very end of the data.
func (s *stripCRWriter) flush() error {
	if !s.heldCR {
		return nil
	}
	s.heldCR = false
	_, err := s.w.Write([]byte{'\r'})
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
