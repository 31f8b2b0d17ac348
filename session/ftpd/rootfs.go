package ftpd

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// Modes of what clients create, whatever mode the library asks for and
// whatever the process umask.
const (
	fileMode fs.FileMode = 0o644
	dirMode  fs.FileMode = 0o755
)

var (
	errRootOp  = errors.New("operation not allowed on the served folder itself")
	errNoChown = errors.New("changing owners is not supported")
	errNotDir  = errors.New("not a folder")
	errIsDir   = errors.New("is a folder")
)

// rootFs is an afero.Fs confined to one folder by os.Root. Unlike afero's
// BasePathFs, which only cleans names and then lets the OS follow symlinks
// anywhere, os.Root refuses any name, symlink included, that resolves
// outside the folder; symlinks that stay inside keep working.
//
// Names are the library's absolute, slash-separated paths ("/docs/a.txt").
type rootFs struct {
	root *os.Root
}

var _ afero.Fs = rootFs{}

// rel turns a client path into a name relative to the root.
func rel(name string) string {
	p := strings.TrimPrefix(path.Clean("/"+filepath.ToSlash(name)), "/")
	if p == "" {
		return "."
	}
	return filepath.FromSlash(p)
}

func (r rootFs) Name() string { return "ftpane-root" }

func (r rootFs) Create(name string) (afero.File, error) {
	return r.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, fileMode)
}

func (r rootFs) Open(name string) (afero.File, error) { return r.root.Open(rel(name)) }

// OpenFile creates new files with fileMode; existing files keep their mode.
func (r rootFs) OpenFile(name string, flag int, _ fs.FileMode) (afero.File, error) {
	n := rel(name)
	if flag&os.O_CREATE == 0 {
		return r.root.OpenFile(n, flag, 0)
	}
	f, err := r.root.OpenFile(n, flag|os.O_EXCL, fileMode)
	if err == nil {
		if err := f.Chmod(fileMode); err != nil { // undo the umask
			f.Close()
			return nil, err
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return r.root.OpenFile(n, flag&^(os.O_CREATE|os.O_EXCL), 0)
}

func (r rootFs) Mkdir(name string, _ fs.FileMode) error {
	n := rel(name)
	if err := r.root.Mkdir(n, dirMode); err != nil {
		return err
	}
	return r.root.Chmod(n, dirMode) // undo the umask
}

// MkdirAll creates the missing folders of name one by one, so each gets
// dirMode.
func (r rootFs) MkdirAll(name string, _ fs.FileMode) error {
	n := rel(name)
	if n == "." {
		return nil
	}
	parts := strings.Split(filepath.ToSlash(n), "/")
	for i := range parts {
		p := filepath.FromSlash(strings.Join(parts[:i+1], "/"))
		err := r.Mkdir(p, dirMode)
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrExist):
			if info, err := r.root.Stat(p); err != nil || !info.IsDir() {
				return &fs.PathError{Op: "mkdir", Path: name, Err: errNotDir}
			}
		default:
			return err
		}
	}
	return nil
}

// Remove deletes a file or an empty folder.
func (r rootFs) Remove(name string) error {
	n := rel(name)
	if n == "." {
		return &fs.PathError{Op: "remove", Path: name, Err: errRootOp}
	}
	return r.root.Remove(n)
}

func (r rootFs) RemoveAll(name string) error {
	n := rel(name)
	if n == "." {
		return &fs.PathError{Op: "removeall", Path: name, Err: errRootOp}
	}
	return r.root.RemoveAll(n)
}

func (r rootFs) Rename(oldname, newname string) error {
	o, n := rel(oldname), rel(newname)
	if o == "." || n == "." {
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errRootOp}
	}
	return r.root.Rename(o, n)
}

func (r rootFs) Stat(name string) (fs.FileInfo, error) { return r.root.Stat(rel(name)) }

// Chmod keeps only the permission bits: SITE CHMOD 4755 sets 0755.
func (r rootFs) Chmod(name string, mode fs.FileMode) error {
	return r.root.Chmod(rel(name), mode.Perm())
}

// Chown is refused: a remote user has no business giving files away.
func (r rootFs) Chown(name string, _, _ int) error {
	return &fs.PathError{Op: "chown", Path: name, Err: errNoChown}
}

func (r rootFs) Chtimes(name string, atime, mtime time.Time) error {
	return r.root.Chtimes(rel(name), atime, mtime)
}
