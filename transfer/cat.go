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
func Cat(ctx context.Context, src session.FS, p string, offset int64, w io.Writer, stripCR bool) (int64, error) {
	r, err := src.Open(ctx, p, offset)
	if err != nil {
		return 0, wrap(opRead, p, err)
	}
	var in io.Reader = &tagReader{ctx: ctx, r: r, src: p}
	if stripCR {
		in = &crlfToLF{r: in}
	}
	n, err := pipeline.Copy(w, in)
	return n, errors.Join(err, r.Close())
}
