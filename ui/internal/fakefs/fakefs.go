// Package fakefs is an in-memory session.FS for UI tests: fixed times, a
// label of one's choice, and gates that hold a listing back to test late
// results.
package fakefs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ftpane/ftpane/session"
)

// Epoch is the modification time of every entry unless given.
func Epoch() time.Time { return time.Date(2020, 3, 14, 15, 9, 26, 0, time.UTC) }

// FS is the fake. Paths are slash-separated and absolute.
type FS struct {
	mu     sync.Mutex
	name   string
	home   string
	files  map[string]*node
	gates  map[string]chan struct{}
	typ    session.TransferType
	active bool
	// hostile are entries a listing of the folder adds as they are, as a
	// misbehaving server sends names no real file can have.
	hostile map[string][]session.Entry
}

// Hostile makes listings of dir also offer entries (names with "/" or
// "..") that exist nowhere: a hostile server's listing.
func (f *FS) Hostile(dir string, entries ...session.Entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hostile == nil {
		f.hostile = map[string][]session.Entry{}
	}
	f.hostile[dir] = append(f.hostile[dir], entries...)
}

type node struct {
	entry session.Entry
	data  []byte
}

// New makes an FS with only "/" and home.
func New(label, home string) *FS {
	f := &FS{name: label, home: home, files: map[string]*node{}, gates: map[string]chan struct{}{}}
	f.files["/"] = &node{entry: session.Entry{Name: "/", Kind: session.KindDir}}
	f.MkdirAll(home)
	return f
}

// MkdirAll adds a folder and its parents.
func (f *FS) MkdirAll(p string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for d := p; d != "/" && f.files[d] == nil; d = path.Dir(d) {
		f.files[d] = &node{entry: session.Entry{Name: path.Base(d), Kind: session.KindDir, Size: 4096,
			ModTime: Epoch(), Mode: fs.ModeDir | 0o755, HasMode: true}}
	}
}

// Add puts an entry (and, for files, content) at p.
func (f *FS) Add(p string, e session.Entry, data []byte) {
	f.MkdirAll(path.Dir(p))
	f.mu.Lock()
	defer f.mu.Unlock()
	e.Name = path.Base(p)
	if e.ModTime.IsZero() {
		e.ModTime = Epoch()
	}
	if e.Kind == session.KindFile && e.Size == 0 {
		e.Size = int64(len(data))
	}
	f.files[p] = &node{entry: e, data: data}
}

// File adds a regular file with content.
func (f *FS) File(p, content string) {
	f.Add(p, session.Entry{Kind: session.KindFile, Mode: 0o644, HasMode: true}, []byte(content))
}

// Gate makes the next listings of dir wait until the returned function is
// called.
func (f *FS) Gate(dir string) (release func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan struct{})
	f.gates[dir] = ch
	return func() { close(ch) }
}

// Exists reports whether p is in the tree.
func (f *FS) Exists(p string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.files[p] != nil
}

// Content is a file's data.
func (f *FS) Content(p string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := f.files[p]; n != nil {
		return string(n.data)
	}
	return ""
}

func notFound(op, p string) error {
	return &session.ReplyError{Op: op + " " + p, Code: 550, Msg: "No such file or directory"}
}

func (f *FS) Label() string                                    { return f.name }
func (f *FS) Home(context.Context) (string, error)             { return f.home, nil }
func (f *FS) Join(elem ...string) string                       { return path.Join(elem...) }
func (f *FS) Dir(p string) string                              { return path.Dir(p) }
func (f *FS) Close() error                                     { return nil }
func (f *FS) Chtimes(context.Context, string, time.Time) error { return nil }

func (f *FS) Chdir(_ context.Context, dir string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.files[dir]
	if n == nil {
		return "", notFound("cd", dir)
	}
	if n.entry.Kind == session.KindLink {
		if t := f.files[n.entry.Target]; t != nil && t.entry.IsDir() {
			return dir, nil
		}
	}
	if !n.entry.IsDir() {
		return "", fmt.Errorf("cd %s: not a folder", dir)
	}
	return dir, nil
}

func (f *FS) List(_ context.Context, dir string) (session.Listing, error) {
	f.mu.Lock()
	gate := f.gates[dir]
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	real := dir
	if n := f.files[dir]; n != nil && n.entry.Kind == session.KindLink {
		real = n.entry.Target
	}
	if n := f.files[real]; n == nil || !n.entry.IsDir() {
		return session.Listing{}, notFound("ls", dir)
	}
	l := session.Listing{Dir: dir}
	for p, n := range f.files {
		if p != "/" && path.Dir(p) == real {
			l.Entries = append(l.Entries, n.entry)
		}
	}
	l.Entries = append(l.Entries, f.hostile[real]...)
	sort.Slice(l.Entries, func(i, j int) bool { return l.Entries[i].Name < l.Entries[j].Name })
	return l, nil
}

func (f *FS) Stat(_ context.Context, p string) (session.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := f.files[p]; n != nil {
		return n.entry, nil
	}
	return session.Entry{}, notFound("stat", p)
}

func (f *FS) Open(_ context.Context, p string, offset int64) (io.ReadCloser, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.files[p]
	if n != nil && n.entry.Kind == session.KindLink {
		n = f.files[n.entry.Target]
	}
	if n == nil || n.entry.IsDir() {
		return nil, notFound("get", p)
	}
	return io.NopCloser(bytes.NewReader(n.data[offset:])), nil
}

type writer struct {
	bytes.Buffer
	f *FS
	p string
}

func (w *writer) Close() error {
	w.f.File(w.p, w.String())
	return nil
}

func (f *FS) Create(_ context.Context, p string, offset int64) (io.WriteCloser, error) {
	return &writer{f: f, p: p}, nil
}

func (f *FS) Mkdir(_ context.Context, p string) error {
	if f.Exists(p) {
		return &session.ReplyError{Op: "mkdir " + p, Code: 550, Msg: "File exists"}
	}
	f.MkdirAll(p)
	return nil
}

func (f *FS) Remove(_ context.Context, p string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files[p] == nil {
		return notFound("rm", p)
	}
	for q := range f.files {
		if strings.HasPrefix(q, p+"/") {
			return &session.ReplyError{Op: "rmdir " + p, Code: 550, Msg: "Directory not empty"}
		}
	}
	delete(f.files, p)
	return nil
}

func (f *FS) RemoveAll(_ context.Context, p string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for q := range f.files {
		if q == p || strings.HasPrefix(q, p+"/") {
			delete(f.files, q)
		}
	}
	return nil
}

func (f *FS) Rename(_ context.Context, from, to string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files[from] == nil {
		return notFound("rename", from)
	}
	for q, n := range f.files {
		if q == from || strings.HasPrefix(q, from+"/") {
			delete(f.files, q)
			nq := to + strings.TrimPrefix(q, from)
			n.entry.Name = path.Base(nq)
			f.files[nq] = n
		}
	}
	return nil
}

func (f *FS) Chmod(_ context.Context, p string, mode fs.FileMode) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.files[p]
	if n == nil {
		return notFound("chmod", p)
	}
	n.entry.Mode = n.entry.Mode&^fs.ModePerm | mode.Perm()
	n.entry.HasMode = true
	return nil
}

var _ session.FS = (*FS)(nil)

// TLS, Type and Passive make the fake look like a remote in the header.
func (f *FS) TLS() session.TLSMode { return session.TLSNone }

func (f *FS) Type() session.TransferType {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.typ
}

func (f *FS) Passive() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return !f.active
}

// SetType and SetPassive record the settings, as a remote would.
func (f *FS) SetType(_ context.Context, t session.TransferType) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.typ = t
	return nil
}

func (f *FS) SetPassive(p bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.active = !p
}
