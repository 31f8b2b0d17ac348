package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Local is the local filesystem as an FS.
type Local struct{}

var _ FS = Local{}

// Label is "local".
func (Local) Label() string { return "local" }

// Home is the process's working directory (where the user started ftpane).
func (Local) Home(context.Context) (string, error) { return os.Getwd() }

// Chdir checks that dir is a folder and returns its absolute path with
// symlinks kept (a user who followed a link stays under its name).
func (Local) Chdir(_ context.Context, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("cd %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("cd %s: %w", dir, err)
	}
	if !st.IsDir() {
		return "", fmt.Errorf("cd %s: not a folder", dir)
	}
	f, err := os.Open(abs)
	if err != nil {
		return "", fmt.Errorf("cd %s: %w", dir, err)
	}
	f.Close()
	return abs, nil
}

// List reads a folder, sorted by name. Entries that vanish while being
// read are skipped; the rest keep their link targets and permissions.
func (l Local) List(ctx context.Context, dir string) (Listing, error) {
	ls := Listing{Dir: dir}
	if _, err := l.ListEach(ctx, dir, func(e Entry) error {
		ls.Entries = append(ls.Entries, e)
		return nil
	}); err != nil {
		return Listing{}, err
	}
	slices.SortFunc(ls.Entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return ls, nil
}

// ListEach reads a folder as List does, but hands each entry to fn as it
// is read, in the system's order: a folder of a million entries needs no
// memory per entry. An error from fn stops the listing and is returned.
// A local listing has no warnings.
func (Local) ListEach(ctx context.Context, dir string, fn func(Entry) error) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("ls %s: %w", dir, err)
	}
	defer f.Close()
	names := newIDNames()
	for {
		des, err := f.ReadDir(256)
		for _, de := range des {
			info, ierr := de.Info()
			if ierr != nil {
				continue // removed meanwhile
			}
			if ferr := fn(localEntry(filepath.Join(dir, de.Name()), info, names)); ferr != nil {
				return nil, ferr
			}
		}
		switch {
		case err == io.EOF:
			return nil, nil
		case err != nil:
			return nil, fmt.Errorf("ls %s: %w", dir, err)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("ls %s: %w", dir, ctx.Err())
		}
	}
}

func localEntry(p string, info fs.FileInfo, names *idNames) Entry {
	e := Entry{Name: info.Name(), Size: info.Size(), ModTime: info.ModTime(),
		Mode: info.Mode(), HasMode: true, Kind: KindFile}
	names.owner(&e, info)
	switch {
	case info.IsDir():
		e.Kind = KindDir
	case info.Mode()&fs.ModeSymlink != 0:
		e.Kind = KindLink
		e.Target, _ = os.Readlink(p)
	case !info.Mode().IsRegular():
		e.Kind = KindOther
	}
	return e
}

// Stat describes one path without following a final symlink.
func (Local) Stat(_ context.Context, p string) (Entry, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return Entry{}, fmt.Errorf("stat %s: %w", p, err)
	}
	return localEntry(p, info, newIDNames()), nil
}

// Open reads a file from offset on.
func (Local) Open(_ context.Context, p string, offset int64) (io.ReadCloser, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("open %s: is a folder", p)
	}
	if offset > 0 {
		if _, err := f.Seek(offset, io.SeekStart); err != nil {
			f.Close()
			return nil, fmt.Errorf("open %s at %d: %w", p, offset, err)
		}
	}
	return f, nil
}

// Create writes a file (mode 0644 before umask). With offset > 0 the file
// is cut to offset bytes and written from there (resume). It never
// writes through a symbolic link planted at p: a new file replaces
// whatever stands there (a stale copy, a link) and is created
// exclusively; a resumed one must be a regular file, opened without
// following a link.
func (Local) Create(_ context.Context, p string, offset int64) (io.WriteCloser, error) {
	flags := os.O_WRONLY | os.O_CREATE | noFollow
	if offset == 0 {
		flags |= os.O_EXCL
	}
	f, err := os.OpenFile(p, flags, 0o644)
	if offset == 0 && errors.Is(err, fs.ErrExist) {
		// Something is in the way (a fresh target's name rarely is, so
		// it is looked at only now: one system call less per file).
		if err = removeForCreate(p); err == nil {
			f, err = os.OpenFile(p, flags, 0o644)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", p, err)
	}
	if offset > 0 {
		if err := resumeAt(f, offset); err != nil {
			f.Close()
			return nil, fmt.Errorf("resume %s at %d: %w", p, offset, err)
		}
	}
	return f, nil
}

// removeForCreate clears p for an exclusive create: a file or a link is
// removed (the link itself, never what it points to); a folder stays and
// is an error.
func removeForCreate(p string) error {
	st, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.IsDir():
		return syscall.EISDIR
	}
	return os.Remove(p)
}

// resumeAt checks that f is a regular file and positions it at offset.
func resumeAt(f *os.File, offset int64) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	if err := f.Truncate(offset); err != nil {
		return err
	}
	_, err = f.Seek(offset, io.SeekStart)
	return err
}

// Mkdir creates one folder (0755 before umask).
func (Local) Mkdir(_ context.Context, p string) error {
	if err := os.Mkdir(p, 0o755); err != nil {
		return fmt.Errorf("mkdir %s: %w", p, err)
	}
	return nil
}

// Remove deletes a file or an empty folder.
func (Local) Remove(_ context.Context, p string) error {
	if err := os.Remove(p); err != nil {
		return fmt.Errorf("delete %s: %w", p, err)
	}
	return nil
}

// RemoveAll deletes a folder tree; a missing path is an error, so a typo
// is not reported as success.
func (Local) RemoveAll(_ context.Context, p string) error {
	if _, err := os.Lstat(p); err != nil {
		return fmt.Errorf("delete %s: %w", p, err)
	}
	if err := os.RemoveAll(p); err != nil {
		return fmt.Errorf("delete %s: %w", p, err)
	}
	return nil
}

// Rename moves a file or folder; it refuses to replace an existing target.
func (Local) Rename(_ context.Context, from, to string) error {
	if done, err := renameNoReplace(from, to); done {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("rename %s to %s: %w", from, to, fs.ErrExist)
		}
		if err != nil {
			return fmt.Errorf("rename %s: %w", from, err)
		}
		return nil
	}
	if _, err := os.Lstat(to); err == nil {
		return fmt.Errorf("rename %s to %s: %w", from, to, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("rename %s to %s: %w", from, to, err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("rename %s: %w", from, err)
	}
	return nil
}

// Chmod sets permission bits.
func (Local) Chmod(_ context.Context, p string, mode fs.FileMode) error {
	if err := os.Chmod(p, mode); err != nil {
		return fmt.Errorf("chmod %s: %w", p, err)
	}
	return nil
}

// Chtimes sets the modification time.
func (Local) Chtimes(_ context.Context, p string, mtime time.Time) error {
	if err := os.Chtimes(p, time.Time{}, mtime); err != nil {
		return fmt.Errorf("set time of %s: %w", p, err)
	}
	return nil
}

// Join and Dir use the operating system's separators.
func (Local) Join(elem ...string) string { return filepath.Join(elem...) }

// Dir is the parent folder of p.
func (Local) Dir(p string) string { return filepath.Dir(p) }

// Close does nothing: there is no connection.
func (Local) Close() error { return nil }
