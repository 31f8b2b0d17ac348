package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/jlaffaye/ftp"
)

// Open downloads a file from byte offset on (REST, RETR). The connection
// is held until the reader is closed; closing it before the end aborts the
// transfer (ABOR) and leaves the session ready for the next command. When
// ctx ends, the data connection is cut and Read fails.
func (r *Remote) Open(ctx context.Context, p string, offset int64) (io.ReadCloser, error) {
	if err := checkArg(p); err != nil {
		return nil, fmt.Errorf("get: %w", err)
	}
	if err := r.acquire(ctx); err != nil {
		return nil, fmt.Errorf("get %s: %w", p, err)
	}
	var resp *ftp.Response
	err := r.run(ctx, "get "+p, true, func() (err error) {
		resp, err = r.c.RetrFrom(p, uint64(offset))
		return err
	})
	if err != nil {
		r.release()
		return nil, err
	}
	w := r.w
	rd := &remoteReader{r: r, resp: resp, path: p, dc: w.cur}
	rd.stop = context.AfterFunc(ctx, func() { w.interrupt(false) })
	return rd, nil
}

type remoteReader struct {
	r      *Remote
	resp   *ftp.Response
	dc     *dataConn // the data connection under resp
	path   string
	stop   func() bool
	eof    bool
	closed bool
}

// Splicer is implemented by the reader Remote.Open returns.
type Splicer interface {
	// SpliceTo moves the rest of the download into f inside the kernel
	// (splice(2) on Linux: socket to pipe to file, no copy through user
	// space), calling progress with the running total. ok is false, with
	// nothing read, when the data connection cannot be spliced (TLS, names
	// transcoded): the caller then copies through a buffer. stop, when not
	// nil, is asked before each call (a call moves up to 4 MiB): true hands
	// the rest of the download back to Read, and done is false (a
	// bandwidth limit set meanwhile is then kept in small reads).
	SpliceTo(f *os.File, progress func(total int64), stop func() bool) (n int64, ok, done bool, err error)
}

// progressSlice is how long one splice or sendfile call may wait: a
// quarter of the stall timeout, so a stall is told within 1.25 times it,
// and at most 250 ms, so a slow link's progress (hash marks, the queue's
// rate and ETA) still moves several times a second.
func progressSlice(timeout time.Duration) time.Duration {
	return max(min(timeout/4, 250*time.Millisecond), 10*time.Millisecond)
}

// SpliceTo implements Splicer. Stalls keep their meaning: the download
// fails only when no byte came for the connection's timeout.
func (rd *remoteReader) SpliceTo(f *os.File, progress func(int64), stop func() bool) (int64, bool, bool, error) {
	dc := rd.dc
	if dc == nil || dc.tlsConf != nil || dc.names != nil || dc.read || rd.eof {
		return 0, false, false, nil
	}
	if err := dc.ready(); err != nil {
		return 0, true, false, fmt.Errorf("get %s: %w", rd.path, err)
	}
	tcp, ok := dc.conn.(*net.TCPConn)
	if !ok {
		return 0, false, false, nil
	}
	dc.read = true
	yielded := false
	n, err := dc.kernelCopy(tcp.SetReadDeadline, spliceChunk, func() (int64, error) {
		if stop != nil && stop() {
			yielded = true
			return 0, nil // a short call: kernelCopy returns
		}
		return f.ReadFrom(io.LimitReader(tcp, spliceChunk))
	}, progress)
	if err != nil {
		return n, true, false, fmt.Errorf("get %s: %w", rd.path, err)
	}
	if yielded {
		return n, true, false, nil // the rest is Read's
	}
	dc.eof, rd.eof = true, true
	return n, true, true, nil
}

func (rd *remoteReader) Read(p []byte) (int, error) {
	n, err := rd.resp.Read(p)
	if err == io.EOF {
		rd.eof = true
	} else if err != nil {
		err = fmt.Errorf("get %s: %w", rd.path, err)
	}
	return n, err
}

// Close ends the download and reads the server's verdict (226, or the
// reason it failed). A reader closed early reports no error for the abort.
func (rd *remoteReader) Close() error {
	if rd.closed {
		return nil
	}
	rd.closed = true
	rd.stop()
	defer rd.r.release()
	err := rd.resp.Close()
	if err != nil && !rd.eof {
		return nil // the transfer was given up: ABOR was sent and answered
	}
	if err != nil {
		return mapErr("get "+rd.path, err)
	}
	return nil
}

// Create uploads a file (STOR), from byte offset on when resuming (REST).
// Data goes to the server as it is written; Close waits for the server's
// verdict and returns it. When ctx ends the upload is cut and aborted.
func (r *Remote) Create(ctx context.Context, p string, offset int64) (io.WriteCloser, error) {
	return r.upload(ctx, "put", p, func(rd io.Reader) error {
		return r.c.StorFrom(p, rd, uint64(offset))
	})
}

// Append appends to a remote file (APPE), creating it when missing.
func (r *Remote) Append(ctx context.Context, p string) (io.WriteCloser, error) {
	return r.upload(ctx, "append", p, func(rd io.Reader) error { return r.c.Append(p, rd) })
}

func (r *Remote) upload(ctx context.Context, op, p string, store func(io.Reader) error) (io.WriteCloser, error) {
	if err := checkArg(p); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if err := r.acquire(ctx); err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, p, err)
	}
	return &remoteWriter{r: r, ctx: ctx, op: op, path: p, store: store, done: make(chan error, 1)}, nil
}

// run sends the upload's command and its data from src, holding the
// connection, and reports the server's verdict on done.
func (w *remoteWriter) run(src io.Reader, pr *io.PipeReader) {
	r, ctx := w.r, w.ctx
	// The session is free before the verdict is handed over: whoever
	// has it next (a Close that says QUIT, the next command) must not
	// find the upload still holding it.
	finish := func(err error) {
		r.release()
		w.done <- err
	}
	closeSrc := func(err error) {
		if pr != nil {
			pr.CloseWithError(err)
		}
	}
	if r.w == nil || r.w.broken {
		if err := r.reconnect(ctx); err != nil {
			closeSrc(err)
			finish(fmt.Errorf("%s %s: %w", w.op, w.path, err))
			return
		}
	}
	wire := r.w
	stop := context.AfterFunc(ctx, func() {
		wire.interrupt(false)
		closeSrc(ctx.Err())
	})
	err := w.store(src)
	stop()
	// A Write still waiting fails at once, with the verdict and its code.
	if err != nil {
		closeSrc(mapErr(w.op+" "+w.path, err))
	} else {
		closeSrc(errOrEOF(nil))
	}
	if fsrc, ok := src.(*fileSource); ok && fsrc.err != nil && ctx.Err() == nil {
		err = fsrc.err // the data's own failure says more than the 426 after it
	}
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		err = mapErr(w.op+" "+w.path, err)
	}
	finish(err)
}

func errOrEOF(err error) error {
	if err == nil {
		return io.ErrClosedPipe
	}
	return err
}

// remoteWriter is an upload. Its command goes out with the first Write
// (the data then flows through a pipe to the library), or with SendFile.
type remoteWriter struct {
	r     *Remote
	ctx   context.Context
	op    string
	path  string
	store func(io.Reader) error

	pw      *io.PipeWriter // after the first Write
	sent    bool           // SendFile ran: done holds the verdict
	done    chan error
	err     error
	closed  bool
	started bool
}

func (w *remoteWriter) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		pr, pw := io.Pipe()
		w.pw = pw
		go w.run(pr, pr)
	}
	if w.pw == nil {
		return 0, errors.New("upload: Write after SendFile")
	}
	return w.pw.Write(p)
}

// Sender is implemented by the writer Remote.Create and Remote.Append
// return.
type Sender interface {
	// SendFile uploads f from its current offset to its end as the whole
	// of this upload's data, inside the kernel on a plain TCP data
	// connection (sendfile(2): no copy through user space), calling
	// progress with the running total. It returns when the data is sent;
	// Close still gives the server's verdict. It must be the writer's
	// only use before Close.
	SendFile(f *os.File, progress func(total int64)) (int64, error)
}

// SendFile implements Sender.
func (w *remoteWriter) SendFile(f *os.File, progress func(int64)) (int64, error) {
	if w.started {
		return 0, errors.New("upload: SendFile after Write")
	}
	w.started, w.sent = true, true
	src := &fileSource{f: f, progress: progress}
	w.run(src, nil)
	err := <-w.done
	w.done <- err // for Close
	return src.n, err
}

// Close ends the upload and returns the server's verdict. An upload
// nothing was written to stores an empty file.
func (w *remoteWriter) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	switch {
	case w.sent:
	case w.pw == nil:
		w.run(strings.NewReader(""), nil)
	default:
		w.pw.Close()
	}
	w.err = <-w.done
	return w.err
}

// StoreUnique uploads with a bare STOU: the server picks a name that does
// not exist yet, and that name is returned (empty when the server's reply
// does not say it; the reply is returned for the user either way).
func (r *Remote) StoreUnique(ctx context.Context, src io.Reader) (name string, rep Reply, err error) {
	return r.StoreUniqueAs(ctx, "", src)
}

// StoreUniqueAs uploads with "STOU name", as classic ftp's sunique does.
// The name is only a hint: vsftpd makes it unique with a suffix (name.1),
// pure-ftpd and proftpd pick names of their own. Either way an existing
// file is never overwritten. An empty name sends the bare STOU of RFC 959.
func (r *Remote) StoreUniqueAs(ctx context.Context, hint string, src io.Reader) (name string, rep Reply, err error) {
	if err := checkArg(hint); err != nil {
		return "", Reply{}, fmt.Errorf("put (unique): %w", err)
	}
	err = r.do(ctx, "put (unique)", false, func() error {
		dc, first, err := r.w.dataCommand(join("STOU", hint))
		if err != nil {
			return err
		}
		_, cerr := io.Copy(dc, src)
		rep, err = r.w.finishData(dc, cerr)
		if err != nil {
			return err
		}
		name = uniqueName(first)
		if name == "" {
			name = uniqueName(rep)
		}
		return nil
	})
	return name, rep, err
}

// uniqueName finds the file name in a STOU reply: "150 FILE: name" (RFC
// 1123, vsftpd), or "... unique file name: name" and similar phrasings.
func uniqueName(rep Reply) string {
	text := rep.Text()
	for _, key := range []string{"FILE:", "file name:", "unique file name:", "Unique file name:"} {
		if i := strings.LastIndex(text, key); i >= 0 {
			rest := strings.TrimSpace(text[i+len(key):])
			rest, _, _ = strings.Cut(rest, "\n")
			return strings.Trim(rest, " ()\"'")
		}
	}
	return ""
}

// dataCommand opens a data connection and sends a command that uses it.
// On 125/150 it returns the connection; the caller reads or writes it and
// then calls finishData for the final reply.
func (w *wire) dataCommand(line string) (*dataConn, Reply, error) {
	w.discardNext()
	dc, err := w.openData()
	if err != nil {
		return nil, Reply{}, err
	}
	w.setCur(dc)
	rep, err := w.cmd(line)
	if err == nil && rep.Code != codeAlreadyOpen && rep.Code != codeAboutToSend {
		verb, _, _ := strings.Cut(line, " ")
		err = &ReplyError{Op: verb, Code: rep.Code, Msg: rep.Text()}
	}
	if err != nil {
		dc.closed = true
		w.setCur(nil)
		dc.closeNow()
		return nil, rep, err
	}
	return dc, rep, nil
}

// finishData closes the data connection and reads the final reply. When
// the transfer failed on our side (ioErr), the close aborts it and the
// abort consumes the server's replies.
func (w *wire) finishData(dc *dataConn, ioErr error) (Reply, error) {
	dc.mu.Lock()
	if ioErr != nil && !dc.eof {
		dc.cutByUser = true
	}
	cut := dc.cutByUser
	dc.mu.Unlock()
	cerr := dc.Close()
	if cut {
		return Reply{}, errors.Join(ioErr, cerr)
	}
	rep, err := w.readReply()
	if err != nil {
		return rep, err
	}
	if rep.Code >= 400 {
		return rep, &ReplyError{Code: rep.Code, Msg: rep.Text()}
	}
	return rep, ioErr
}
