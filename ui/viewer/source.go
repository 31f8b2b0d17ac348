package viewer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/ftpane/ftpane/session"
)

// Source is a file the pager reads from: random access to the bytes that
// have arrived so far. It is safe for use from several goroutines.
type Source interface {
	io.ReaderAt
	// Avail is how many bytes can be read now; done says that is all of
	// the file, err why it ended early.
	Avail() (n int64, done bool, err error)
	// Wait blocks until more than n bytes can be read or nothing more
	// will come.
	Wait(n int64)
	Close() error
}

// Open starts reading path for the pager, through the FS's Open. A file
// that can be read at any offset (a local one) is paged in place; any
// other is copied to a temporary file in the background and paged as it
// arrives. Neither is ever held in memory.
func Open(fsys session.FS, path string) (Source, error) {
	ctx, cancel := context.WithCancel(context.Background())
	r, err := fsys.Open(ctx, path, 0)
	if err != nil {
		cancel()
		return nil, err
	}
	if f, ok := r.(statReaderAt); ok {
		st, err := f.Stat()
		if err != nil {
			r.Close()
			cancel()
			return nil, fmt.Errorf("view %s: %w", path, err)
		}
		return &fileSource{statReaderAt: f, size: st.Size(), cancel: cancel}, nil
	}
	d, err := startDownload(r, cancel)
	if err != nil {
		return nil, fmt.Errorf("view %s: %w", path, err)
	}
	return d, nil
}

type statReaderAt interface {
	io.ReaderAt
	io.Closer
	Stat() (fs.FileInfo, error)
}

// fileSource is a file read in place: all of it is there.
type fileSource struct {
	statReaderAt
	size   int64
	cancel context.CancelFunc
}

func (f *fileSource) Avail() (int64, bool, error) { return f.size, true, nil }
func (f *fileSource) Wait(int64)                  {}
func (f *fileSource) Close() error {
	f.cancel()
	return f.statReaderAt.Close()
}

// memSource is bytes already in memory (New, tests).
type memSource struct{ *bytes.Reader }

func (m memSource) Avail() (int64, bool, error) { return m.Size(), true, nil }
func (m memSource) Wait(int64)                  {}
func (m memSource) Close() error                { return nil }

// download copies a stream to a temporary file in the background. The
// file is unlinked at once where the system allows it, so nothing is left
// behind whatever happens to the program.
type download struct {
	f      *os.File
	name   string // still to remove on Close ("" when already unlinked)
	cancel context.CancelFunc
	ended  chan struct{} // closed when the copy has stopped

	mu    sync.Mutex
	n     int64
	done  bool
	err   error
	moved chan struct{} // closed (and replaced) at each change
}

func startDownload(r io.ReadCloser, cancel context.CancelFunc) (*download, error) {
	f, err := os.CreateTemp("", "ftpane-view-*")
	if err != nil {
		r.Close()
		cancel()
		return nil, err
	}
	d := &download{f: f, name: f.Name(), cancel: cancel, ended: make(chan struct{}), moved: make(chan struct{})}
	if os.Remove(f.Name()) == nil {
		d.name = ""
	}
	go d.copy(r)
	return d, nil
}

// copyBuf is the download's one buffer.
const copyBuf = 256 << 10

func (d *download) copy(r io.ReadCloser) {
	defer close(d.ended)
	buf := make([]byte, copyBuf)
	var off int64
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := d.f.WriteAt(buf[:n], off); werr != nil {
				err = werr
			} else {
				off += int64(n)
			}
		}
		if err != nil {
			cerr := r.Close()
			if errors.Is(err, io.EOF) {
				err = cerr
			}
			d.update(off, true, err)
			return
		}
		d.update(off, false, nil)
	}
}

func (d *download) update(n int64, done bool, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n, d.done, d.err = n, done, err
	close(d.moved)
	d.moved = make(chan struct{})
}

func (d *download) ReadAt(p []byte, off int64) (int, error) { return d.f.ReadAt(p, off) }

func (d *download) Avail() (int64, bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.n, d.done, d.err
}

func (d *download) Wait(n int64) {
	for {
		d.mu.Lock()
		if d.n > n || d.done {
			d.mu.Unlock()
			return
		}
		moved := d.moved
		d.mu.Unlock()
		<-moved
	}
}

// Close stops the download and drops the temporary file.
func (d *download) Close() error {
	d.cancel()
	<-d.ended
	err := d.f.Close()
	if d.name != "" {
		err = errors.Join(err, os.Remove(d.name))
	}
	return err
}
