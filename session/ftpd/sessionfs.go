package ftpd

import (
	"io/fs"
	"log/slog"
	"os"
	"path"
	"sync/atomic"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"
)

// writeFlags are the open flags that make OpenFile a write.
const writeFlags = os.O_WRONLY | os.O_RDWR | os.O_CREATE | os.O_TRUNC | os.O_APPEND

// sessionFs is the file system one logged-in client sees: the confined
// rootFs, minus writes on a read-only server, plus a log line per transfer.
type sessionFs struct {
	root     rootFs
	readOnly bool
	cc       ftpserver.ClientContext
	ctl      *ctrl // shared with the connection's front end
	user     string
	log      *slog.Logger
	umask    atomic.Uint32 // SITE UMASK
	maxIdle  time.Duration // the most SITE IDLE may set
	slow     throttles     // files sent slowly on purpose (throttle.go)
	done     <-chan struct{}
}

func newSessionFs(s *Server, cc ftpserver.ClientContext, ctl *ctrl, user string) *sessionFs {
	sfs := &sessionFs{root: rootFs{root: s.root}, readOnly: s.opts.ReadOnly, cc: cc, ctl: ctl,
		user: user, log: s.log, maxIdle: s.opts.IdleTimeout, slow: s.slow, done: s.done}
	sfs.umask.Store(uint32(defaultUmask))
	return sfs
}

// newFileMode and newDirMode are the modes of what this session creates.
func (s *sessionFs) newFileMode() fs.FileMode { return fileBase &^ fs.FileMode(s.umask.Load()) }
func (s *sessionFs) newDirMode() fs.FileMode  { return dirBase &^ fs.FileMode(s.umask.Load()) }

var (
	_ ftpserver.ClientDriver                   = (*sessionFs)(nil)
	_ ftpserver.ClientDriverExtensionRemoveDir = (*sessionFs)(nil)
)

func (s *sessionFs) refuse(op, name string) error {
	return &fs.PathError{Op: op, Path: name, Err: ErrReadOnly}
}

func (s *sessionFs) Name() string { return s.root.Name() }

func (s *sessionFs) Create(name string) (afero.File, error) {
	return s.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0)
}

func (s *sessionFs) Open(name string) (afero.File, error) { return s.root.Open(name) }

// OpenFile is how the library opens files for RETR, STOR and APPE: those
// are wrapped to log the transfer when the library closes them. The marker
// names stand for an MLSD listing and a STOU (see frontcmd.go). New files
// get the session's mode, whatever perm the library asks for.
func (s *sessionFs) OpenFile(name string, flag int, _ fs.FileMode) (afero.File, error) {
	switch path.Base(name) {
	case markerMLSD:
		return s.mlsdFile(path.Dir(name))
	case markerSTOU:
		return s.stouFile(path.Dir(name))
	}
	if s.readOnly && flag&writeFlags != 0 {
		return nil, s.refuse("open", name)
	}
	f, err := s.root.OpenFile(name, flag, s.newFileMode())
	if err != nil {
		return nil, err
	}
	switch op := s.cc.GetLastCommand(); op {
	case "RETR":
		return &loggedFile{File: s.slow.wrap(name, f, s.done), s: s, op: op, name: name, start: time.Now()}, nil
	case "STOR", "APPE":
		return &loggedFile{File: f, s: s, op: op, name: name, start: time.Now()}, nil
	default: // HASH, XCRC, COMB...: not transfers
		return f, nil
	}
}

func (s *sessionFs) Mkdir(name string, _ fs.FileMode) error {
	if s.readOnly {
		return s.refuse("mkdir", name)
	}
	return s.root.Mkdir(name, s.newDirMode())
}

func (s *sessionFs) MkdirAll(name string, _ fs.FileMode) error {
	if s.readOnly {
		return s.refuse("mkdir", name)
	}
	return s.root.MkdirAll(name, s.newDirMode())
}

// Remove serves DELE: files and symlinks only, so DELE never removes a
// folder (RMD does, through RemoveDir).
func (s *sessionFs) Remove(name string) error {
	if s.readOnly {
		return s.refuse("remove", name)
	}
	info, err := s.root.root.Lstat(rel(name))
	if err != nil {
		return err
	}
	if info.IsDir() {
		return &fs.PathError{Op: "remove", Path: name, Err: errIsDir}
	}
	return s.root.Remove(name)
}

// RemoveDir serves RMD: empty folders only.
func (s *sessionFs) RemoveDir(name string) error {
	if s.readOnly {
		return s.refuse("rmdir", name)
	}
	info, err := s.root.root.Lstat(rel(name))
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &fs.PathError{Op: "rmdir", Path: name, Err: errNotDir}
	}
	return s.root.Remove(name)
}

func (s *sessionFs) RemoveAll(name string) error {
	if s.readOnly {
		return s.refuse("removeall", name)
	}
	return s.root.RemoveAll(name)
}

func (s *sessionFs) Rename(oldname, newname string) error {
	if s.readOnly {
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: ErrReadOnly}
	}
	return s.root.Rename(oldname, newname)
}

func (s *sessionFs) Chmod(name string, mode fs.FileMode) error {
	if s.readOnly {
		return s.refuse("chmod", name)
	}
	return s.root.Chmod(name, mode)
}

func (s *sessionFs) Chown(name string, uid, gid int) error {
	if s.readOnly {
		return s.refuse("chown", name)
	}
	return s.root.Chown(name, uid, gid)
}

func (s *sessionFs) Chtimes(name string, atime, mtime time.Time) error {
	if s.readOnly {
		return s.refuse("chtimes", name)
	}
	return s.root.Chtimes(name, atime, mtime)
}

// loggedFile counts the bytes of one transfer and logs it on Close. The
// library uses it from the transfer's goroutine only.
type loggedFile struct {
	afero.File
	s      *sessionFs
	op     string
	name   string
	start  time.Time
	n      int64
	failed error // set by the library when the transfer was cut
	closed bool
}

var _ ftpserver.FileTransferError = (*loggedFile)(nil)

func (f *loggedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n += int64(n)
	return n, err
}

func (f *loggedFile) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	f.n += int64(n)
	return n, err
}

// TransferError is how the library reports an aborted or cut transfer.
func (f *loggedFile) TransferError(err error) { f.failed = err }

func (f *loggedFile) Close() error {
	err := f.File.Close()
	if f.closed {
		return err
	}
	f.closed = true
	attrs := []any{
		"id", f.s.cc.ID(), "user", f.s.user, "op", f.op, "path", f.name,
		"bytes", f.n, "duration", time.Since(f.start).Round(time.Microsecond),
	}
	switch {
	case f.failed != nil:
		attrs = append(attrs, "status", "failed", "err", f.failed)
	case err != nil:
		attrs = append(attrs, "status", "failed", "err", err)
	default:
		attrs = append(attrs, "status", "ok")
	}
	f.s.log.Info("transfer", attrs...)
	return err
}
