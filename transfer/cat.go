package transfer

import (
	"context"
	"errors"
	"io"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer/pipeline"
)

// Cat writes the file p of src, from offset on, to w (classic ftp's
// "get file -"): a stream to show, not a copy to keep, so there is no
// .part and no retry. stripCR turns CRLF into LF (an ASCII download).
// It is Queue.Cat without a queue: no bandwidth limit applies.
func Cat(ctx context.Context, src session.FS, p string, offset int64, w io.Writer, stripCR bool) (int64, error) {
	return (*Queue)(nil).Cat(ctx, src, p, offset, w, stripCR)
}

// Store writes r to p on dst as one stream (an edited copy going back):
// no .part and no retry, for callers that check the result themselves.
// The writer's Close is the server's verdict. It is Queue.Store without a
// queue: no bandwidth limit applies.
func Store(ctx context.Context, dst session.FS, p string, r io.Reader) (int64, error) {
	return (*Queue)(nil).Store(ctx, dst, p, r)
}

// Cat is the package's Cat within the queue's overall bandwidth limit,
// which it shares with the queue's transfers. A nil queue sets none.
func (q *Queue) Cat(ctx context.Context, src session.FS, p string, offset int64, w io.Writer, stripCR bool) (int64, error) {
	r, err := src.Open(ctx, p, offset)
	if err != nil {
		return 0, wrap(opRead, p, err)
	}
	in := q.limiter(ctx, nil).reader(&tagReader{ctx: ctx, r: r, src: p})
	if stripCR {
		in = &crlfToLF{r: in}
	}
	n, err := pipeline.Copy(w, in)
	return n, errors.Join(err, r.Close())
}

// Store is the package's Store within the queue's overall bandwidth
// limit. A nil queue sets none.
func (q *Queue) Store(ctx context.Context, dst session.FS, p string, r io.Reader) (int64, error) {
	w, err := dst.Create(ctx, p, 0)
	if err != nil {
		return 0, wrap(opWrite, p, err)
	}
	n, err := pipeline.Copy(w, q.limiter(ctx, nil).reader(&tagReader{ctx: ctx, r: r, src: p}))
	if err != nil {
		w.Close()
		return n, wrap(opStream, p, err)
	}
	return n, wrap(opStream, p, w.Close())
}
