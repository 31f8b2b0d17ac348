package shell

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// Queued sends a command's transfers through the transfer queue, so they
// show in the queue pane, survive a broken connection (resumed at the byte
// where they stopped) and are journaled. What the queue does not do stays
// with Direct: restart offsets, APPE, STOU and ASCII line-end handling.
type Queued struct {
	Q      *transfer.Queue
	Direct Transferer
}

// Transfer adds the file as one job and waits for its outcome. Ending ctx
// cancels the job.
func (t Queued) Transfer(ctx context.Context, req Request) (Result, error) {
	src, okS := endpointOf(req.Src, req.SrcPath)
	dst, okD := endpointOf(req.Dst, req.DstPath)
	if !okS || !okD || req.Offset != 0 || req.Append || req.Unique || req.ASCII {
		return t.Direct.Transfer(ctx, req)
	}
	start := time.Now()
	id := t.Q.Add(transfer.Job{Src: src.ep, Dst: dst.ep, SrcPath: src.path, DstPath: dst.path,
		Size: -1, Type: session.TypeBinary, Conflict: transfer.Overwrite})
	st, err := t.Q.Wait(ctx, id, func(s transfer.JobState) {
		if req.Progress != nil && s.Done > 0 {
			req.Progress(s.Done)
		}
	})
	if err != nil {
		t.Q.Cancel(id)
		return Result{}, err
	}
	res := Result{Bytes: st.Done, Elapsed: time.Since(start)}
	switch st.State {
	case transfer.Done, transfer.Skipped:
		return res, nil
	case transfer.Failed:
		return res, st.Err
	case transfer.Paused:
		return res, errors.New("paused in the transfer queue; resume it there")
	}
	return res, fmt.Errorf("transfer %s", st.State)
}

type place struct {
	ep   transfer.Endpoint
	path string
}

// endpointOf names a side for the queue, whose workers log in on their
// own: a relative remote path is made absolute against the shell's
// folder on that server. A side the queue cannot reach is not ok.
func endpointOf(fsys session.FS, p string) (place, bool) {
	switch f := fsys.(type) {
	case session.Local:
		return place{transfer.LocalEndpoint(), p}, filepath.IsAbs(p)
	case *session.Remote:
		if !path.IsAbs(p) {
			p = path.Join(f.Getwd(), p)
		}
		return place{transfer.RemoteEndpoint(f.Config()), p}, true
	}
	return place{}, false
}
