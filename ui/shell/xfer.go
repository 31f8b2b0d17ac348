package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/ftpane/ftpane/session"
)

// getKind says how get decides where to start and whether to fetch.
type getKind int

const (
	getPlain getKind = iota // from the start, or the restart marker
	getReget                // continue from the local file's size
	getNewer                // only when the remote copy is newer
)

func (s *Shell) cmdGet(ctx context.Context, args []string) error {
	return s.getFile(ctx, args[0], optArg(args, 1), getPlain)
}

func (s *Shell) cmdReget(ctx context.Context, args []string) error {
	return s.getFile(ctx, args[0], optArg(args, 1), getReget)
}

func (s *Shell) cmdNewer(ctx context.Context, args []string) error {
	return s.getFile(ctx, args[0], optArg(args, 1), getNewer)
}

func optArg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// getFile downloads remote to local (a name derived from remote when
// empty: mapped, then checked so that a server cannot choose the path).
func (s *Shell) getFile(ctx context.Context, remote, local string, kind getKind) error {
	if local == "-" {
		return s.catRemote(ctx, remote)
	}
	if local == "" {
		local = s.mapName(remote, true)
		if err := safeLocalName(local); err != nil {
			return err
		}
	}
	lp := s.localPath(local)
	offset := s.takeRestart()
	switch kind {
	case getReget:
		if st, err := os.Stat(lp); err == nil {
			offset = st.Size()
		}
		if n, err := s.cur.remote.Size(ctx, remote); err == nil && offset >= n && offset > 0 {
			s.printf("Local file %s is already complete (%d bytes).\n", local, offset)
			return nil
		}
	case getNewer:
		if skip, err := s.notNewer(ctx, remote, lp, local); skip || err != nil {
			return err
		}
	}
	if offset == 0 {
		var err error
		if lp, err = s.uniqueLocal(lp); err != nil {
			return err
		}
	}
	req := Request{Src: s.cur.remote, SrcPath: remote, Dst: session.Local{}, DstPath: lp,
		Offset: offset, ASCII: s.ascii(), StripCR: s.set.cr}
	return s.transfer(ctx, "received", local, remote, req)
}

// notNewer reports that the local file exists and the remote one is not
// newer (MDTM), so newer skips it.
func (s *Shell) notNewer(ctx context.Context, remote, lp, local string) (bool, error) {
	st, err := os.Stat(lp)
	if err != nil {
		return false, nil
	}
	mt, err := s.cur.remote.ModTime(ctx, remote)
	if err != nil {
		return false, err
	}
	if !mt.After(st.ModTime()) {
		s.printf("Local file %q is newer than remote file %q.\n", local, remote)
		return true, nil
	}
	return false, nil
}

func (s *Shell) cmdPut(ctx context.Context, args []string) error {
	return s.putFile(ctx, args[0], optArg(args, 1), false)
}

func (s *Shell) cmdAppend(ctx context.Context, args []string) error {
	return s.putFile(ctx, args[0], optArg(args, 1), true)
}

// putFile uploads local to remote (the local name, mapped, when empty);
// with sunique the server picks the name (STOU).
func (s *Shell) putFile(ctx context.Context, local, remote string, appendTo bool) error {
	if remote == "" {
		remote = s.mapName(local, false)
	}
	req := Request{Src: session.Local{}, SrcPath: s.localPath(local), Dst: s.cur.remote,
		DstPath: remote, Offset: s.takeRestart(), Append: appendTo, ASCII: s.ascii(),
		Unique: s.set.sunique && !appendTo}
	return s.transfer(ctx, "sent", local, remote, req)
}

// takeRestart returns the restart marker and clears it: it applies to the
// next transfer only.
func (s *Shell) takeRestart() int64 {
	n := s.set.restart
	s.set.restart = 0
	return n
}

// cmdRestart sets the byte the next get, put or append starts at.
func (s *Shell) cmdRestart(_ context.Context, args []string) error {
	if len(args) == 0 {
		s.printf("restart: offset %d\n", s.set.restart)
		return nil
	}
	n, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("restart: bad marker %q: expected a byte offset", args[0])
	}
	s.set.restart = n
	s.printf("Restarting at %d. Execute get, put or append to initiate transfer\n", n)
	return nil
}

// transfer runs one request with the classic report around it.
func (s *Shell) transfer(ctx context.Context, verb, local, remote string, req Request) error {
	if s.set.mode != "stream" || s.set.stru != "file" {
		return fmt.Errorf("ftpane moves data in stream mode with file structure only: "+
			"the server agreed to mode %s, structure %s (use mode stream, struct file)", s.set.mode, s.set.stru)
	}
	verbose := s.set.verbose.Load()
	if verbose {
		s.printf("local: %s remote: %s\n", local, remote)
	}
	p := s.newProgress()
	req.Progress = p.update
	res, err := s.xfer.Transfer(ctx, req)
	p.finish()
	if err != nil {
		return err
	}
	if req.Unique && res.Name != "" && res.Name != remote {
		s.printf("File stored as %s.\n", res.Name)
	}
	if verbose {
		s.printf("%d bytes %s in %.2f secs (%s/s)\n", res.Bytes, verb, res.Elapsed.Seconds(),
			rate(res.Bytes, res.Elapsed))
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

// catRemote writes a remote file to the output (get file -), converting
// line ends in ASCII mode as a download to a file would.
func (s *Shell) catRemote(ctx context.Context, remote string) error {
	rd, err := s.cur.remote.Open(ctx, remote, s.takeRestart())
	if err != nil {
		return err
	}
	var w io.Writer = s.out
	strip := s.ascii() && s.set.cr
	if strip {
		w = &stripCRWriter{w: s.out}
	}
	_, err = io.Copy(w, rd)
	if strip {
		err = errors.Join(err, w.(*stripCRWriter).flush())
	}
	return errors.Join(err, rd.Close())
}
