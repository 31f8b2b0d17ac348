package session

import (
	"crypto/tls"

	"errors"
	"fmt"
	"golang.org/x/text/transform"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// dataConn is one data connection. It is a net.Conn for the library, and
// also what the session's own data commands (listings, STOU) read.
type dataConn struct {
	w       *wire
	ln      *net.TCPListener // active mode, until accepted
	raw     net.Conn         // the TCP connection
	conn    net.Conn         // raw, or TLS over it
	tlsConf *tls.Config

	// forLibrary: the library reads the final reply, so an abort must leave
	// it one to read.
	forLibrary bool

	// names: a listing from a server that is not UTF-8, decoded as read
	names io.Reader
	// ahead buffers a TLS connection's reads (readahead.go)
	ahead *readAhead

	once      sync.Once
	err       error
	mu        sync.Mutex
	cutByUser bool // the operation's context ended
	wrote     bool
	read      bool
	eof       bool
	closed    bool
	failed    bool  // an upload's write failed: the server must not take it as complete
	writeErr  error // why, for the reply the library reads
	n         int64
}

// ready accepts (active mode) and shakes hands (TLS) on first use.
func (d *dataConn) ready() error {
	d.once.Do(func() {
		if d.ln != nil {
			d.err = d.accept()
			if d.err != nil {
				return
			}
		}
		d.conn = d.raw
		if d.tlsConf != nil {
			d.ahead = newReadAhead(d.raw)
			tc := tls.Client(d.ahead, d.tlsConf)
			_ = d.raw.SetDeadline(time.Now().Add(d.w.timeout))
			if err := tc.Handshake(); err != nil {
				d.err = fmt.Errorf("data connection TLS handshake: %w", err)
				return
			}
			d.conn = tc
		}
	})
	return d.err
}

func (d *dataConn) accept() error {
	defer d.ln.Close()
	_ = d.ln.SetDeadline(time.Now().Add(d.w.timeout))
	c, err := d.ln.AcceptTCP()
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return fmt.Errorf("active mode: the server did not connect back within %s (a firewall or NAT between you and the server? try passive mode)", d.w.timeout)
		}
		return fmt.Errorf("active mode: %w", err)
	}
	peer := c.RemoteAddr().(*net.TCPAddr).IP
	if !peer.Equal(d.w.serverIP) {
		c.Close()
		return fmt.Errorf("active mode: data connection came from %s, not the server %s: refused", peer, d.w.serverIP)
	}
	return d.attach(c)
}

// attach gives the data connection its TCP connection (accepted, or
// dialled for a pipelined EPSV), unless the operation was cut meanwhile
// (cut reads raw from another goroutine).
func (d *dataConn) attach(c net.Conn) error {
	d.mu.Lock()
	d.raw = c
	cut := d.cutByUser
	d.mu.Unlock()
	if cut {
		return errInterrupted
	}
	return nil
}

func (d *dataConn) Read(p []byte) (int, error) {
	if err := d.ready(); err != nil {
		return 0, err
	}
	_ = d.conn.SetReadDeadline(time.Now().Add(d.w.timeout))
	d.read = true
	var n int
	var err error
	if d.names != nil {
		n, err = d.names.Read(p)
	} else {
		n, err = d.conn.Read(p)
		for err == nil && n < len(p) && d.ahead.holdsRecord() {
			var m int
			m, err = d.conn.Read(p[n:]) // decrypts what has arrived: no wait
			n += m
		}
	}
	d.n += int64(n)
	if err == io.EOF {
		d.eof = true
	}
	return n, d.mapErr(err)
}

func (d *dataConn) Write(p []byte) (int, error) {
	if err := d.ready(); err != nil {
		return 0, err
	}
	d.wrote = true
	_ = d.conn.SetWriteDeadline(time.Now().Add(d.w.timeout))
	n, err := d.conn.Write(p)
	d.n += int64(n)
	if err != nil {
		d.failed = true
		d.writeErr = d.mapErr(err)
		return n, d.writeErr
	}
	return n, nil
}

// isCut reports whether the operation's context ended.
func (d *dataConn) isCut() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cutByUser
}

func (d *dataConn) mapErr(err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	d.mu.Lock()
	cut := d.cutByUser
	d.mu.Unlock()
	if cut {
		return errInterrupted
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: no bytes for %s", ErrStalled, d.w.timeout)
	}
	return err
}

// decodeWith makes reads return names converted to UTF-8 (listings only,
// never file contents).
func (d *dataConn) decodeWith(c *nameCodec) {
	if c != nil {
		d.names = transform.NewReader(readerFunc(d.rawRead), c.enc.NewDecoder())
	}
}

// rawRead reads the connection itself, under the decoder.
func (d *dataConn) rawRead(p []byte) (int, error) {
	if err := d.ready(); err != nil {
		return 0, err
	}
	return d.conn.Read(p)
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// Handshake lets the library start a zero-byte upload: the server must see
// the connection accepted and, with TLS, the handshake done.
func (d *dataConn) Handshake() error { return d.ready() }

// cut interrupts a blocked read or write (the operation's context ended).
func (d *dataConn) cut() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.cutByUser = true
	if d.raw != nil {
		_ = d.raw.SetDeadline(time.Unix(1, 0))
	}
	if d.ln != nil {
		_ = d.ln.SetDeadline(time.Unix(1, 0))
	}
}

// closeNow drops the connection without any goodbye.
func (d *dataConn) closeNow() {
	d.unpend()
	if d.ln != nil {
		d.ln.Close()
	}
	if d.raw != nil {
		if tc, ok := d.raw.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // RST: the server must not take a cut upload as complete
		}
		d.raw.Close()
	}
}

// Close ends the transfer. A finished upload over TLS says close_notify and
// reads the server's goodbye (TLS 1.3 servers send session tickets; an
// upload that never reads them ends in a reset and a 426). A transfer ended
// early is cut, and the server told with ABOR.
func (d *dataConn) Close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	d.unpend()
	d.w.setCur(nil)
	d.mu.Lock()
	cut := d.cutByUser
	d.mu.Unlock()
	early := cut || (d.read && !d.eof) || d.failed
	if d.ln != nil && d.raw == nil {
		d.ln.Close() // never used: the command failed before the server connected
		return nil
	}
	var drainErr error
	if !early && d.wrote && d.raw != nil {
		drainErr = d.drain()
		early = drainErr != nil
	}
	if !early {
		d.closePolitely()
		d.w.trace(TraceInfo, fmt.Sprintf("data connection closed, %d bytes", d.n))
		return nil
	}
	d.closeNow()
	d.w.trace(TraceInfo, fmt.Sprintf("data connection cut after %d bytes; sending ABOR", d.n))
	err := d.w.abortTransfer()
	if d.forLibrary {
		// The library reports this reply, and a caller that maps errors
		// by their reply code keeps only it: it carries the real cause.
		line := "426 Transfer aborted by the client"
		if d.writeErr != nil {
			line += ": " + strings.Map(printable, d.writeErr.Error())
		}
		d.w.queue(Reply{Code: codeTransferAborted, Lines: []string{line}})
	}
	return errors.Join(drainErr, err)
}

// unpend withdraws a pipelined EPSV that no command has carried yet.
func (d *dataConn) unpend() {
	if d.w.pendingEPSV == d {
		d.w.pendingEPSV = nil
	}
}

// drainedEnough is what an upload may leave in the kernel's send buffer
// when it closes: little enough to arrive before the final reply's
// timeout on any link worth using, and more than a small file, so a
// mirror of small files never waits for acknowledgements.
const drainedEnough = 256 << 10

// drain waits until the server has taken an upload out of the kernel's
// send buffer, all but drainedEnough. On a slow link a few MiB can sit
// there after the last write, and the server's final reply comes only
// when it has them all: waiting for that reply with the plain timeout
// would call a slow upload dead. A stall is, as everywhere, nothing taken
// for the whole timeout.
func (d *dataConn) drain() error {
	tcp, ok := d.raw.(*net.TCPConn)
	if !ok {
		return nil
	}
	left, ok := unsent(tcp)
	last := time.Now()
	for ok && left > drainedEnough {
		if d.isCut() {
			return errInterrupted
		}
		if time.Since(last) > d.w.timeout {
			return fmt.Errorf("%w: the server took none of the last %d bytes for %s", ErrStalled, left, d.w.timeout)
		}
		time.Sleep(5 * time.Millisecond) // the kernel offers no wakeup for this
		var now int
		if now, ok = unsent(tcp); now < left {
			last = time.Now()
		}
		left = now
	}
	return nil
}

func (d *dataConn) closePolitely() {
	tc, ok := d.conn.(*tls.Conn)
	if !ok || !d.wrote {
		if d.conn != nil {
			d.conn.Close()
		} else if d.raw != nil {
			d.raw.Close()
		}
		return
	}
	_ = tc.CloseWrite()
	_ = d.raw.SetReadDeadline(time.Now().Add(min(d.w.timeout, 5*time.Second)))
	_, _ = io.Copy(io.Discard, io.LimitReader(tc, 1<<20))
	tc.Close()
}

// A dataConn is a net.Conn for the library.
func (d *dataConn) LocalAddr() net.Addr {
	if d.raw != nil {
		return d.raw.LocalAddr()
	}
	return d.ln.Addr()
}
func (d *dataConn) RemoteAddr() net.Addr {
	if d.raw != nil {
		return d.raw.RemoteAddr()
	}
	return &net.TCPAddr{IP: d.w.serverIP}
}
func (d *dataConn) SetDeadline(time.Time) error      { return nil }
func (d *dataConn) SetReadDeadline(time.Time) error  { return nil }
func (d *dataConn) SetWriteDeadline(time.Time) error { return nil }

// printable keeps a local error's text on one line of a reply.
func printable(r rune) rune {
	if r < ' ' || r == 0x7f {
		return ' '
	}
	return r
}
