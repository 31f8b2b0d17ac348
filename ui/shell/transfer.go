package shell

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// Every copy a command makes goes through the transfer queue: the shell
// plans it (transfer.PlanCopy: names checked, target folder checked),
// queues the jobs, waits, and prints what classic ftp prints from the
// jobs' states. The queue writes NAME.part, verifies, renames, retries
// and resumes; the shell keeps no copy loop of its own.

// defaultRetries is how often a copy that broke is tried again (the
// retries command); 0 gives classic ftp's single try.
const defaultRetries = 4

// side is one end of a copy as the shell names it for the planner.
type side struct {
	ep   transfer.Endpoint
	fs   session.FS
	path string
}

// remoteSide names a path on the current connection: absolute (the
// queue's own connections log in at home), with the data-connection mode
// the passive command chose.
func (s *Shell) remoteSide(p string) side { return s.sideOn(s.cur.remote, p) }

// sideOn names a path on connection r (the main or the proxy one).
func (s *Shell) sideOn(r *session.Remote, p string) side {
	if !path.IsAbs(p) {
		p = path.Join(r.Getwd(), p)
	}
	cfg := r.Config()
	cfg.Active = !s.set.passive
	return side{ep: transfer.RemoteEndpoint(cfg), fs: r, path: p}
}

func localSide(p string) side {
	return side{ep: transfer.LocalEndpoint(), fs: session.Local{}, path: p}
}

// copyReq is one file to copy, with the shell's settings applied.
type copyReq struct {
	src, dst side
	// dstDir and name, when dst.path is empty: the target is name, mapped
	// by case, ntrans and nmap, in dstDir (the planner maps and checks).
	dstDir   string
	name     string
	origin   transfer.Origin
	conflict transfer.Policy
	offset   int64
	append   bool
	unique   bool
	modTime  time.Time
}

// request builds the planner's request for one file.
func (s *Shell) request(c copyReq) transfer.Request {
	req := transfer.Request{Src: c.src.ep, Dst: c.dst.ep, Type: s.jobType(), Conflict: c.conflict,
		KeepCR: !s.set.cr, Append: c.append, Unique: c.unique, Offset: c.offset,
		MaxTries: s.set.retries + 1, Map: s.nameMap(),
		Items: []transfer.Item{{SrcPath: c.src.path, DstPath: c.dst.path, DstDir: c.dstDir, Name: c.name,
			Origin: c.origin, Size: -1, ModTime: c.modTime}}}
	if c.dst.ep.IsLocal() {
		// The local folder is checked before anything is asked of the
		// server; a remote one is the server's to refuse, in its words.
		req.DstFS = c.dst.fs
	}
	if s.ownQ {
		// Batch mode: the shell waits, so its connection carries the
		// copy, as classic ftp's one connection does.
		if !c.src.ep.IsLocal() {
			req.Lend.Src = c.src.fs
		}
		if !c.dst.ep.IsLocal() {
			req.Lend.Dst = c.dst.fs
		}
	}
	return req
}

func (s *Shell) jobType() session.TransferType {
	if s.ascii() {
		return session.TypeASCII
	}
	return session.TypeBinary
}

// copyFile runs one file through the queue with classic ftp's report
// around it: "local: a remote: a", hash marks, "N bytes received in S
// secs". It returns the job's final state; a failed job's reason is the
// error.
func (s *Shell) copyFile(ctx context.Context, verb, local, remote string, c copyReq) (transfer.JobState, error) {
	if err := s.streamOnly(); err != nil {
		return transfer.JobState{}, err
	}
	plan, err := transfer.PlanCopy(ctx, s.request(c))
	if err != nil {
		return transfer.JobState{}, s.planError(err)
	}
	if len(plan.Refused) > 0 {
		return transfer.JobState{}, plan.Refused[0].Err
	}
	if s.set.verbose.Load() {
		s.printf("local: %s remote: %s\n", local, remote)
	}
	p := s.newProgress()
	start := time.Now()
	id := s.q.Submit(plan)[0]
	s.live.Store(&liveCopy{p: p, id: id})
	defer s.live.Store(nil)
	st, err := s.q.Wait(ctx, id, func(js transfer.JobState) {
		if js.State != transfer.Queued && js.State != transfer.Waiting && js.Done > 0 {
			p.update(js.Done)
		}
	})
	p.finish()
	if err != nil {
		s.q.Cancel(id)
		return st, err
	}
	return st, s.report(verb, remote, st, time.Since(start), c.offset)
}

// liveCopy is the copy whose hash marks are open, so that a server reply
// printed meanwhile comes after the marks for the bytes before it.
type liveCopy struct {
	p  *progress
	id transfer.ID
}

// catchUp draws the marks of the running copy up to its bytes now.
func (s *Shell) catchUp() {
	if lc := s.live.Load(); lc != nil {
		if js, ok := s.q.Get(lc.id); ok && js.Done > 0 {
			lc.p.update(js.Done)
		}
	}
}

// report prints a finished copy's lines and turns other outcomes into
// errors in words.
func (s *Shell) report(verb, remote string, st transfer.JobState, took time.Duration, base int64) error {
	switch st.State {
	case transfer.Done:
	case transfer.Skipped:
		return nil
	case transfer.Failed:
		return st.Err
	case transfer.Paused:
		return errors.New("paused in the transfer queue; resume it there")
	default:
		return fmt.Errorf("transfer %s", st.State)
	}
	if st.Note != "" && st.Note != "moved" {
		s.printf("%s\n", st.Note)
	}
	if st.Unique && st.Target != "" && path.Base(st.Target) != path.Base(remote) {
		s.printf("File stored as %s.\n", path.Base(st.Target))
	}
	if s.set.verbose.Load() {
		n := max(0, st.Done-base)
		s.printf("%d bytes %s in %.2f secs (%s/s)\n", n, verb, took.Seconds(), rate(n, took))
	}
	return nil
}

// planError words a refused plan as classic ftp does for a missing
// local folder.
func (s *Shell) planError(err error) error {
	var te *transfer.Error
	if errors.As(err, &te) && errors.Is(err, transfer.ErrNoTargetFolder) {
		return fmt.Errorf("local: %s: No such file or directory", te.Path)
	}
	return err
}

// streamOnly refuses the modes and structures ftpane cannot move data in.
func (s *Shell) streamOnly() error {
	if s.set.mode != "stream" || s.set.stru != "file" {
		return fmt.Errorf("ftpane moves data in stream mode with file structure only: "+
			"the server agreed to mode %s, structure %s (use mode stream, struct file)", s.set.mode, s.set.stru)
	}
	return nil
}

// rate formats a transfer speed in binary units, as classic ftp does.
func rate(n int64, d time.Duration) string {
	secs := d.Seconds()
	if secs <= 0 {
		secs = 1e-6
	}
	r := float64(n) / secs
	for _, u := range []string{"B", "KiB", "MiB", "GiB"} {
		if r < 1024 || u == "GiB" {
			return fmt.Sprintf("%.2f %s", r, u)
		}
		r /= 1024
	}
	return ""
}
