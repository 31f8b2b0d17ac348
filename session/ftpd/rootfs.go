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

// Modes of what clients create before their umask (SITE UMASK, 022 by
// default), whatever mode the library asks for and whatever the process
// umask.
const (
	fileBase     fs.FileMode = 0o666
	dirBase      fs.FileMode = 0o777
	defaultUmask fs.FileMode = 0o022

	fileMode = fileBase &^ defaultUmask // 0644
	dirMode  = dirBase &^ defaultUmask  // 0755
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

// OpenFile creates new files with exactly perm; existing files keep their
// mode.
func (r rootFs) OpenFile(name string, flag int, perm fs.FileMode) (afero.File, error) {
	if flag&os.O_CREATE == 0 {
		return r.root.OpenFile(rel(name), flag, 0)
	}
	f, err := r.createExcl(name, perm, flag)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return r.root.OpenFile(rel(name), flag&^(os.O_CREATE|os.O_EXCL), 0)
}

// createExcl creates a new file with exactly perm (undoing the process
// umask), opened with flag, or fails with fs.ErrExist.
func (r rootFs) createExcl(name string, perm fs.FileMode, flag int) (*os.File, error) {
	f, err := r.root.OpenFile(rel(name), flag|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Mkdir makes a folder with exactly perm.
func (r rootFs) Mkdir(name string, perm fs.FileMode) error {
	n := rel(name)
	if err := r.root.Mkdir(n, perm); err != nil {
		return err
	}
	return r.root.Chmod(n, perm) // undo the process umask
}

// MkdirAll creates the missing folders of name one by one, so each gets
// exactly perm.
func (r rootFs) MkdirAll(name string, perm fs.FileMode) error {
	n := rel(name)
	if n == "." {
		return nil
	}
	parts := strings.Split(filepath.ToSlash(n), "/")
	for i := range parts {
		p := filepath.FromSlash(strings.Join(parts[:i+1], "/"))
		err := r.Mkdir(p, perm)
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

// isRoot reports whether the relative name n is the served folder itself:
// "/" however spelt ("/./", "a/..", which rel cleans to "."), or a name
// that resolves to it, through symlinks when follow is set (chmod follows
// a symlink; remove and rename act on the link).
func (r rootFs) isRoot(n string, follow bool) bool {
	if n == "." {
		return true
	}
	stat := r.root.Lstat
	if follow {
		stat = r.root.Stat
	}
	info, err := stat(n)
	if err != nil {
		return false
	}
	top, err := r.root.Stat(".")
	return err == nil && os.SameFile(info, top)
}

// Remove deletes a file or an empty folder, never the served folder.
func (r rootFs) Remove(name string) error {
	n := rel(name)
	if r.isRoot(n, false) {
		return &fs.PathError{Op: "remove", Path: name, Err: errRootOp}
	}
	return r.root.Remove(n)
}

// RemoveAll deletes a tree, never the served folder.
func (r rootFs) RemoveAll(name string) error {
	n := rel(name)
	if r.isRoot(n, false) {
		return &fs.PathError{Op: "removeall", Path: name, Err: errRootOp}
	}
	return r.root.RemoveAll(n)
}

// Rename moves a file or folder; the served folder neither moves nor is
// replaced.
func (r rootFs) Rename(oldname, newname string) error {
	o, n := rel(oldname), rel(newname)
	if r.isRoot(o, false) || r.isRoot(n, false) {
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errRootOp}
	}
	return r.root.Rename(o, n)
}

func (r rootFs) Stat(name string) (fs.FileInfo, error) { return r.root.Stat(rel(name)) }

// Chmod keeps only the permission bits: SITE CHMOD 4755 sets 0755. The
// served folder's own mode is not the clients' to change: 000 would lock
// every client out, 777 would open it to every local user.
func (r rootFs) Chmod(name string, mode fs.FileMode) error {
	n := rel(name)
	if r.isRoot(n, true) {
		return &fs.PathError{Op: "chmod", Path: name, Err: errRootOp}
	}
	return r.root.Chmod(n, mode.Perm())
}

// Chown is refused: a remote user has no business giving files away.
func (r rootFs) Chown(name string, _, _ int) error {
	return &fs.PathError{Op: "chown", Path: name, Err: errNoChown}
}

func (r rootFs) Chtimes(name string, atime, mtime time.Time) error {
	return r.root.Chtimes(rel(name), atime, mtime)
}
