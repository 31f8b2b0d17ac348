package transfer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	iofs "io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ftpane/ftpane/session"
)

// memStore is an in-memory filesystem shared by every connection to one
// fake server (or standing in for the local disk).
type memStore struct {
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]bool
	times map[string]time.Time
	// raws gives a file the LIST line its Stat returns (as Entry.Raw): a
	// server whose times are known to the minute or the day.
	raws map[string]string

	// hook is called before every operation and may fail it or block.
	hook func(op, p string, off int64) error
	// readHook is called before every Read of an open file with the
	// offset reached; it may fail the read or block.
	readHook func(p string, off int64) error
	// sums makes the fake offer SHA-256 checksums; sumLie returns a wrong one.
	sums   bool
	sumLie atomic.Int32
	opens  []string          // "path@offset" of every Open
	wire   map[string][]byte // bytes as written, before the server's conversion
	dials  atomic.Int32
	live   atomic.Int32
	limit  int32 // >0: a 421 past this many live connections
	noRest bool  // FEAT without REST STREAM
	// settles makes the fake a session.Settler; sizeLie makes its SIZE
	// that many times one byte off; noRNTO makes it refuse the rename
	// (Settled.Renamed false); settled counts the calls.
	settles bool
	sizeLie atomic.Int32
	noRNTO  bool
	settled atomic.Int32
	// replaces makes the settling RNTO replace a file in the way, as
	// servers on POSIX systems do (memFS.Rename refuses, as some others).
	replaces bool
}

func newStore() *memStore {
	return &memStore{files: map[string][]byte{}, dirs: map[string]bool{"/": true}, times: map[string]time.Time{}}
}

func (m *memStore) put(p string, b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for d := path.Dir(p); d != "/"; d = path.Dir(d) {
		m.dirs[d] = true
	}
	m.files[p] = append([]byte(nil), b...)
	m.times[p] = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
}

func (m *memStore) get(p string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[p]
	return append([]byte(nil), b...), ok
}

func (m *memStore) names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (m *memStore) openLog() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.opens...)
}

func (m *memStore) call(op, p string, off int64) error {
	if m.hook != nil {
		return m.hook(op, p, off)
	}
	return nil
}

// dial is a DialFunc onto this store.
func (m *memStore) dial(ctx context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
	if m.limit > 0 && m.live.Load() >= m.limit {
		return nil, &session.ReplyError{Op: "connect", Code: 421, Msg: "Too many connections"}
	}
	m.dials.Add(1)
	m.live.Add(1)
	if m.settles {
		return &settleFS{memFS{m: m, remote: true}}, nil
	}
	return &memFS{m: m, remote: true}, nil
}

// settleFS is a fake connection that settles uploads as session.Remote
// does, from its own Size, Rename and Chtimes.
type settleFS struct{ memFS }

func (f *settleFS) Hashes() bool { return f.m.sums }

func (f *settleFS) Settle(ctx context.Context, s session.Settle) (session.Settled, error) {
	f.m.settled.Add(1)
	n, err := f.Size(ctx, s.Part)
	if err != nil {
		return session.Settled{}, err
	}
	if f.m.sizeLie.Load() > 0 {
		f.m.sizeLie.Add(-1)
		n++
	}
	if err := s.Check(n); err != nil {
		return session.Settled{}, err
	}
	if f.m.replaces {
		_ = f.Remove(ctx, s.Target)
	}
	if f.m.noRNTO || f.Rename(ctx, s.Part, s.Target) != nil {
		return session.Settled{}, nil
	}
	if !s.ModTime.IsZero() {
		_ = f.Chtimes(ctx, s.Target, s.ModTime)
	}
	return session.Settled{Renamed: true, TimeSet: !s.ModTime.IsZero()}, nil
}

// memFS is one connection to a memStore.
type memFS struct {
	m      *memStore
	remote bool
	typ    session.TransferType
	closed atomic.Bool
}

func notFound(op, p string) error {
	return &session.ReplyError{Op: op + " " + p, Code: 550, Msg: "No such file or directory"}
}

func (f *memFS) Label() string                                      { return "fake" }
func (f *memFS) Home(context.Context) (string, error)               { return "/", nil }
func (f *memFS) Join(elem ...string) string                         { return path.Join(elem...) }
func (f *memFS) Dir(p string) string                                { return path.Dir(p) }
func (f *memFS) Type() session.TransferType                         { return f.typ }
func (f *memFS) Chmod(context.Context, string, iofs.FileMode) error { return nil }
func (f *memFS) Close() error {
	if f.remote && !f.closed.Swap(true) {
		f.m.live.Add(-1)
	}
	return nil
}

func (f *memFS) SetType(_ context.Context, t session.TransferType) error {
	f.typ = t
	return nil
}

func (f *memFS) Chdir(_ context.Context, d string) (string, error) { return d, nil }

func (f *memFS) List(_ context.Context, dir string) (session.Listing, error) {
	if err := f.m.call("list", dir, 0); err != nil {
		return session.Listing{}, err
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	l := session.Listing{Dir: dir}
	for p, b := range f.m.files {
		if path.Dir(p) == dir {
			l.Entries = append(l.Entries, session.Entry{Name: path.Base(p), Kind: session.KindFile, Size: int64(len(b)),
				ModTime: f.m.times[p]})
		}
	}
	for d := range f.m.dirs {
		if d != "/" && path.Dir(d) == dir {
			l.Entries = append(l.Entries, session.Entry{Name: path.Base(d), Kind: session.KindDir})
		}
	}
	sort.Slice(l.Entries, func(i, k int) bool { return l.Entries[i].Name < l.Entries[k].Name })
	return l, nil
}

func (f *memFS) Stat(_ context.Context, p string) (session.Entry, error) {
	if err := f.m.call("stat", p, 0); err != nil {
		return session.Entry{}, err
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if b, ok := f.m.files[p]; ok {
		return session.Entry{Name: path.Base(p), Kind: session.KindFile, Size: int64(len(b)), ModTime: f.m.times[p], Raw: f.m.raws[p]}, nil
	}
	if f.m.dirs[p] {
		return session.Entry{Name: path.Base(p), Kind: session.KindDir}, nil
	}
	return session.Entry{}, notFound("stat", p)
}

func (f *memFS) Size(ctx context.Context, p string) (int64, error) {
	e, err := f.Stat(ctx, p)
	if err == nil && e.Kind != session.KindFile {
		return 0, notFound("size", p)
	}
	return e.Size, err
}

func (f *memFS) Open(_ context.Context, p string, off int64) (io.ReadCloser, error) {
	if err := f.m.call("open", p, off); err != nil {
		return nil, err
	}
	b, ok := f.m.get(p)
	if !ok {
		return nil, notFound("get", p)
	}
	f.m.mu.Lock()
	f.m.opens = append(f.m.opens, fmt.Sprintf("%s@%d", p, off))
	f.m.mu.Unlock()
	if f.typ == session.TypeASCII && f.remote { // the server's own LF becomes CRLF on the wire
		b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	return &memReader{m: f.m, p: p, b: b, off: off}, nil
}

type memReader struct {
	m   *memStore
	p   string
	b   []byte
	off int64
}

func (r *memReader) Read(p []byte) (int, error) {
	if r.m.readHook != nil {
		if err := r.m.readHook(r.p, r.off); err != nil {
			return 0, err
		}
	}
	if r.off >= int64(len(r.b)) {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 4096)], r.b[r.off:])
	r.off += int64(n)
	return n, nil
}

func (r *memReader) Close() error { return nil }

func (f *memFS) Create(_ context.Context, p string, off int64) (io.WriteCloser, error) {
	if err := f.m.call("create", p, off); err != nil {
		return nil, err
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if !f.m.dirs[path.Dir(p)] {
		return nil, notFound("put", p)
	}
	old := f.m.files[p]
	f.m.files[p] = append([]byte(nil), old[:min(int64(len(old)), off)]...)
	f.m.times[p] = time.Now()
	return &memWriter{f: f, p: p}, nil
}

type memWriter struct {
	f *memFS
	p string
}

func (w *memWriter) Write(b []byte) (int, error) {
	if err := w.f.m.call("write", w.p, 0); err != nil {
		return 0, err
	}
	w.f.m.mu.Lock()
	defer w.f.m.mu.Unlock()
	n := len(b)
	if w.f.m.wire == nil {
		w.f.m.wire = map[string][]byte{}
	}
	w.f.m.wire[w.p] = append(w.f.m.wire[w.p], b...)
	if w.f.typ == session.TypeASCII && w.f.remote { // the server stores its own line ends
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	w.f.m.files[w.p] = append(w.f.m.files[w.p], b...)
	return n, nil
}

func (w *memWriter) Close() error { return w.f.m.call("close", w.p, 0) }

func (f *memFS) Mkdir(_ context.Context, p string) error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if f.m.dirs[p] || f.m.files[p] != nil {
		return &session.ReplyError{Op: "mkdir " + p, Code: 550, Msg: "exists"}
	}
	f.m.dirs[p] = true
	return nil
}

func (f *memFS) Remove(_ context.Context, p string) error {
	if err := f.m.call("remove", p, 0); err != nil {
		return err
	}
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if f.m.dirs[p] {
		for q := range f.m.files {
			if strings.HasPrefix(q, p+"/") {
				return &session.ReplyError{Op: "rmdir " + p, Code: 550, Msg: "Directory not empty"}
			}
		}
		for q := range f.m.dirs {
			if strings.HasPrefix(q, p+"/") {
				return &session.ReplyError{Op: "rmdir " + p, Code: 550, Msg: "Directory not empty"}
			}
		}
		delete(f.m.dirs, p)
		return nil
	}
	if _, ok := f.m.files[p]; !ok {
		return notFound("delete", p)
	}
	delete(f.m.files, p)
	return nil
}

func (f *memFS) RemoveAll(ctx context.Context, p string) error { return f.Remove(ctx, p) }

func (f *memFS) Rename(_ context.Context, from, to string) error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	b, ok := f.m.files[from]
	if !ok {
		return notFound("rename", from)
	}
	if _, exists := f.m.files[to]; exists {
		return fmt.Errorf("rename %s: %w", to, iofs.ErrExist)
	}
	delete(f.m.files, from)
	f.m.files[to] = b
	f.m.times[to] = f.m.times[from]
	return nil
}

func (f *memFS) Chtimes(_ context.Context, p string, t time.Time) error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	f.m.times[p] = t
	return nil
}

// Checksum offers SHA-256 when the store has sums switched on.
func (f *memFS) Checksum(_ context.Context, p string) (session.Checksum, bool, error) {
	if !f.m.sums || !f.remote {
		return session.Checksum{}, false, nil
	}
	b, ok := f.m.get(p)
	if !ok {
		return session.Checksum{}, false, notFound("hash", p)
	}
	if f.m.sumLie.Load() > 0 && !strings.HasSuffix(p, ".part") {
		f.m.sumLie.Add(-1)
		b = append(b, 'x')
	}
	s := sha256.Sum256(b)
	return session.Checksum{Algo: "SHA-256", Hex: hex.EncodeToString(s[:])}, true, nil
}

// Features is the fake's FEAT list.
func (f *memFS) Features() map[string]string {
	if !f.remote {
		return nil
	}
	feats := map[string]string{"SIZE": "", "MDTM": ""}
	if !f.m.noRest {
		feats["REST"] = "STREAM"
	}
	return feats
}
