package session

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// The data connection's bulk paths: uploads in large writes, and the
// kernel moving bytes itself (splice for downloads, sendfile for
// uploads), apart from the connection's life in wire_data.go.

// uploadBufs are ReadFrom's buffers: a mirror of 10,000 small files must
// not allocate 256 KiB for each.
var uploadBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// ReadFrom moves an upload in 256 KiB writes. The library's upload is an
// io.Copy, which would otherwise write 32 KiB at a time: a syscall each,
// half the speed of lftp on loopback.
func (d *dataConn) ReadFrom(r io.Reader) (int64, error) {
	if src, ok := r.(*fileSource); ok && d.tlsConf == nil {
		n, err := d.sendFile(src)
		src.err = err
		return n, err
	}
	bp := uploadBufs.Get().(*[]byte)
	defer uploadBufs.Put(bp)
	buf := *bp
	var total int64
	for {
		n, err := r.Read(buf)
		if n > 0 {
			w, werr := d.Write(buf[:n])
			total += int64(w)
			if werr != nil {
				return total, werr
			}
		}
		if errors.Is(err, io.EOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// How much one call may move: a splice call 4 MiB (progress is reported
// between calls); a sendfile call 64 KiB, so what the server reads is
// still in the CPU's cache (a 1 GiB put to vsftpd: 0.75 s in 64 KiB
// calls, 1.01 s in 4 MiB ones, curl's 64 KiB writes 0.95 s).
const (
	spliceChunk = 4 << 20
	sendChunk   = 64 << 10
)

// sendFile moves a local file into a plain TCP data connection with
// sendfile(2).
func (d *dataConn) sendFile(src *fileSource) (int64, error) {
	if err := d.ready(); err != nil {
		return 0, err
	}
	tcp, ok := d.conn.(*net.TCPConn)
	if !ok {
		return io.Copy(struct{ io.Writer }{d}, src)
	}
	d.wrote = true
	n, err := d.kernelCopy(tcp.SetWriteDeadline, sendChunk, func() (int64, error) {
		return tcp.ReadFrom(io.LimitReader(src.f, sendChunk))
	}, func(total int64) { src.add(total - src.n) })
	if err != nil {
		d.failed = true
	}
	return n, err
}

// kernelCopy runs move, one splice or sendfile call of up to chunk bytes,
// until a call moves less: the end of the data. Each call waits
// progressSlice at most, so a slow link's progress is reported as it goes
// and a stall, no byte moved for the whole timeout, is told from it.
func (d *dataConn) kernelCopy(deadline func(time.Time) error, chunk int64, move func() (int64, error), progress func(int64)) (int64, error) {
	timeout := d.w.timeout
	slice := progressSlice(timeout)
	var total int64
	lastByte := time.Now()
	for {
		if d.isCut() {
			return total, errInterrupted
		}
		_ = deadline(time.Now().Add(slice))
		n, err := move()
		total += n
		d.n += n
		if n > 0 {
			lastByte = time.Now()
			if progress != nil {
				progress(total)
			}
		}
		var ne net.Error
		if err != nil && errors.As(err, &ne) && ne.Timeout() && !d.isCut() {
			if time.Since(lastByte) < timeout {
				continue // slow, not stalled
			}
			return total, fmt.Errorf("%w: no bytes for %s", ErrStalled, timeout)
		}
		if err != nil {
			return total, d.mapErr(err)
		}
		if n < chunk {
			return total, nil
		}
	}
}
