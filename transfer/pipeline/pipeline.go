// Package pipeline copies a stream with reading and writing overlapped:
// one goroutine reads into a small ring of buffers while the caller's
// goroutine writes them. On a loopback FTP download the socket reads and
// the file writes each take about half of a plain io.Copy's time, so
// overlapping them nearly halves the wall time.
package pipeline

import (
	"errors"
	"io"
	"sync"
)

// Sizes of the ring: 4 buffers of 256 KiB keep both sides busy while a
// transfer holds 1 MiB, so 16 parallel transfers stay far under 64 MiB.
const (
	buffers    = 4
	bufferSize = 256 << 10
)

// Copy copies src to dst until EOF or an error, like io.Copy. The error
// of either side is returned; a write error stops the reader at its next
// buffer (src is not closed: the caller owns it).
func Copy(dst io.Writer, src io.Reader) (int64, error) { return CopySize(dst, src, bufferSize) }

// ring holds the buffers of one copy. Rings are pooled: a mirror of
// 10,000 small files would otherwise allocate (and zero) 10 GiB.
type ring struct {
	size int
	bufs [buffers][]byte
}

var rings sync.Pool

func getRing(size int) *ring {
	if r, ok := rings.Get().(*ring); ok && r.size == size {
		return r
	}
	r := &ring{size: size}
	for i := range r.bufs {
		r.bufs[i] = make([]byte, size)
	}
	return r
}

// CopySize is Copy with buffers of size bytes (each write is at most that).
func CopySize(dst io.Writer, src io.Reader, size int) (int64, error) {
	if size <= 0 {
		size = bufferSize
	}
	rg := getRing(size)
	defer rings.Put(rg)
	free := make(chan []byte, buffers)
	full := make(chan []byte, buffers)
	for _, b := range rg.bufs {
		free <- b
	}
	stop := make(chan struct{})
	readErr := make(chan error, 1)
	go func() { readErr <- fill(src, free, full, stop) }()
	var total int64
	var werr error
	for b := range full {
		if werr == nil {
			var n int
			n, werr = dst.Write(b)
			total += int64(n)
			if werr == nil && n < len(b) {
				werr = io.ErrShortWrite
			}
			if werr != nil {
				close(stop)
			}
		}
		free <- b[:cap(b)]
	}
	rerr := <-readErr
	if werr != nil {
		return total, werr
	}
	return total, rerr
}

// CopyInline is CopySize on the caller's goroutine alone: each buffer is
// written as soon as it is read. For a source that decrypts as it reads
// (TLS), whose bytes are best written from the core that decrypted them.
func CopyInline(dst io.Writer, src io.Reader, size int) (int64, error) {
	if size <= 0 {
		size = bufferSize
	}
	rg := getRing(size)
	defer rings.Put(rg)
	return io.CopyBuffer(onlyWriter{dst}, onlyReader{src}, rg.bufs[0])
}

// onlyWriter and onlyReader hide ReadFrom and WriteTo, so CopyBuffer
// uses the buffer given.
type onlyWriter struct{ io.Writer }
type onlyReader struct{ io.Reader }

// fill reads into free buffers and hands them on until EOF, an error, or
// a stop from the writer; it closes full when done.
func fill(src io.Reader, free <-chan []byte, full chan<- []byte, stop <-chan struct{}) error {
	defer close(full)
	for {
		var b []byte
		select {
		case b = <-free:
		case <-stop:
			return nil
		}
		n, err := io.ReadAtLeast(src, b, 1)
		if n > 0 {
			full <- b[:n]
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
