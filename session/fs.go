// Package session is ftpane's protocol interpreter: one login to one FTP
// server, and the local filesystem, behind one interface (FS). It never
// imports Bubble Tea or Lip Gloss, so it is usable and testable headless.
package session

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// FS is what a pane shows and what a transfer reads from or writes to.
// Local and Remote implement it, so a pane never knows which side it holds
// and two remote panes (server to server) are the same code.
//
// Paths are absolute in the FS's own syntax (slash-separated for Remote,
// the operating system's for Local); Join and Dir build them.
type FS interface {
	// Label names the side for headers and logs: "local" or "user@host:port".
	Label() string
	// Home is the folder a pane starts in: the local working directory, or
	// the remote directory after login.
	Home(ctx context.Context) (string, error)
	// Chdir checks that dir is a folder the user may enter and returns its
	// canonical path (symlinks to folders are followed).
	Chdir(ctx context.Context, dir string) (string, error)
	// List reads a folder. Entries the parser could not understand are kept
	// (Kind Unknown, with their Raw text) and counted in Listing.Warnings.
	List(ctx context.Context, dir string) (Listing, error)
	Stat(ctx context.Context, path string) (Entry, error)
	// Open reads a file from byte offset on. Close it to end the transfer.
	Open(ctx context.Context, path string, offset int64) (io.ReadCloser, error)
	// Create writes a file; offset > 0 resumes it at that byte. The data is
	// committed only when Close returns nil.
	Create(ctx context.Context, path string, offset int64) (io.WriteCloser, error)
	Mkdir(ctx context.Context, path string) error
	// Remove deletes a file or an empty folder.
	Remove(ctx context.Context, path string) error
	// RemoveAll deletes a folder and everything under it.
	RemoveAll(ctx context.Context, path string) error
	Rename(ctx context.Context, from, to string) error
	Chmod(ctx context.Context, path string, mode fs.FileMode) error
	Chtimes(ctx context.Context, path string, mtime time.Time) error
	Join(elem ...string) string
	Dir(path string) string
	Close() error
}

// Kind is what an Entry is.
type Kind int

// The kinds of entry. Unknown is a listing line that no parser understood:
// it is shown with its raw text rather than dropped.
const (
	KindFile Kind = iota
	KindDir
	KindLink
	KindOther
	KindUnknown
)

func (k Kind) String() string {
	switch k {
	case KindFile:
		return "file"
	case KindDir:
		return "folder"
	case KindLink:
		return "link"
	case KindOther:
		return "other"
	default:
		return "unknown"
	}
}

// Entry is one name in a folder.
type Entry struct {
	Name    string
	Target  string // symlink target, when the server or OS gives it
	Kind    Kind
	Size    int64
	ModTime time.Time
	// Mode holds permission bits (and fs.ModeDir, fs.ModeSymlink). HasMode
	// says whether the server reported them at all.
	Mode    fs.FileMode
	HasMode bool
	Owner   string
	Group   string
	// Perm is MLSD's perm fact as the server sent it (RFC 3659: letters
	// of a c d e f l m p r w, what the login may do with the entry), for
	// a server that gives no unix.mode: FileZilla shows it then.
	Perm string
	// Raw is the listing line this entry came from (empty for Local).
	Raw string
}

// IsDir reports whether the entry is a folder.
func (e Entry) IsDir() bool { return e.Kind == KindDir }

// Listing is the result of FS.List. A listing with Warnings is still
// complete: every line the server sent is among the Entries.
type Listing struct {
	Dir      string
	Entries  []Entry
	Warnings []string
}

// ReplyError is a server's refusal: the operation and the reply it got, so
// callers can tell 530 (login) from 550 (no such file) from 552 (quota).
type ReplyError struct {
	Op   string
	Code int
	Msg  string
}

func (e *ReplyError) Error() string {
	if e.Op == "" {
		return fmt.Sprintf("%d %s", e.Code, e.Msg)
	}
	return fmt.Sprintf("%s: %d %s", e.Op, e.Code, e.Msg)
}
