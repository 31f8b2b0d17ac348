package shell

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/ftpane/ftpane/transfer"
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

// getFile downloads remote to local. Without a local name it is derived
// from remote (case, ntrans, nmap), and the planner refuses one that
// could write outside the local folder.
func (s *Shell) getFile(ctx context.Context, remote, local string, kind getKind) error {
	return s.getAs(ctx, remote, local, kind, transfer.FromTyped)
}

// getAs is getFile for a remote name whose origin the caller knows (mget
// gets names from the server's listing).
func (s *Shell) getAs(ctx context.Context, remote, local string, kind getKind, origin transfer.Origin) error {
	if local == "-" {
		return s.catRemote(ctx, remote)
	}
	c := copyReq{src: s.remoteSide(remote), origin: transfer.FromUser, offset: s.takeRestart()}
	if local == "" {
		c.dst, c.dstDir, c.name, c.origin = localSide(""), s.lcwd, remote, origin
		local = s.mapName(remote, true)
	} else {
		c.dst = localSide(s.localPath(local))
	}
	switch {
	case kind == getReget:
		c.conflict = transfer.Resume
	case kind == getNewer:
		c.conflict = transfer.Newer
	case s.set.runique && c.offset == 0:
		c.conflict = transfer.Unique
	}
	st, err := s.copyFile(ctx, "received", local, remote, c)
	if err == nil && st.State == transfer.Skipped {
		s.skipped(kind, st, local, remote)
	}
	return err
}

// skipped says why a get did nothing, in classic ftp's words.
func (s *Shell) skipped(kind getKind, st transfer.JobState, local, remote string) {
	switch kind {
	case getReget:
		s.printf("Local file %s is already complete (%d bytes).\n", local, st.Total)
	case getNewer:
		s.printf("Local file %q is newer than remote file %q.\n", local, remote)
	}
}

func (s *Shell) cmdPut(ctx context.Context, args []string) error {
	return s.putFile(ctx, args[0], optArg(args, 1), false)
}

func (s *Shell) cmdAppend(ctx context.Context, args []string) error {
	return s.putFile(ctx, args[0], optArg(args, 1), true)
}

// putFile uploads local to remote (the local name, mapped, when empty);
// with sunique the server picks the name (STOU), append adds to the end
// of the remote file (APPE).
func (s *Shell) putFile(ctx context.Context, local, remote string, appendTo bool) error {
	c := copyReq{src: localSide(s.localPath(local)), offset: s.takeRestart(),
		append: appendTo, unique: s.set.sunique && !appendTo}
	if remote == "" {
		c.dst, c.dstDir, c.name = s.remoteSide(""), s.cur.remote.Getwd(), local
		c.dst.path = ""
		remote = s.mapName(local, false)
	} else {
		c.dst = s.remoteSide(remote)
	}
	if c.append || c.unique {
		c.offset = 0
	}
	_, err := s.copyFile(ctx, "sent", local, remote, c)
	return err
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

// cmdRetries shows or sets how often a broken copy is tried again.
func (s *Shell) cmdRetries(_ context.Context, args []string) error {
	if len(args) == 1 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 || n > 100 {
			return fmt.Errorf("retries: bad count %q: expected 0 to 100 (0: one try, as classic ftp)", args[0])
		}
		s.set.retries = n
	}
	s.printf("Retries: %d (a broken copy is resumed where it stopped).\n", s.set.retries)
	return nil
}

// catRemote writes a remote file to the output (get file -), converting
// line ends in ASCII mode as a download to a file would.
func (s *Shell) catRemote(ctx context.Context, remote string) error {
	_, err := s.q.Cat(ctx, s.cur.remote, remote, s.takeRestart(), s.out, s.ascii() && s.set.cr)
	return err
}

// localExists reports whether a local path exists (any kind).
func localExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
