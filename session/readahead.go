package session

import (
	"bufio"
	"net"
)

// readAheadSize is what one read of a TLS data connection may take from
// the kernel. crypto/tls asks for a record (16 KiB) or less at a time, so
// a 1 GiB download made 33,000 read calls, each a trip through Go's
// network poller; reading ahead takes what has arrived in one.
const readAheadSize = 256 << 10

// readAhead is a connection whose reads are buffered, for TLS to read its
// records from. Writes, deadlines and Close go to the connection itself.
type readAhead struct {
	net.Conn
	r *bufio.Reader
}

func newReadAhead(c net.Conn) *readAhead {
	return &readAhead{Conn: c, r: bufio.NewReaderSize(c, readAheadSize)}
}

func (c *readAhead) Read(p []byte) (int, error) { return c.r.Read(p) }

// maxRecord is the most a TLS record takes on the wire: 16 KiB of data,
// its header and at most 2 KiB of expansion.
const maxRecord = 5 + 16<<10 + 2048

// holdsRecord reports whether a whole TLS record has arrived, so a read
// of the TLS connection returns without waiting. A TLS read returns one
// record's data; a download reading into a 256 KiB buffer takes what has
// arrived by reading on while this holds, so the file is written 256 KiB
// at a time, not 16 KiB (65,000 writes per GiB, each a hand-over between
// goroutines).
func (c *readAhead) holdsRecord() bool { return c != nil && c.r.Buffered() >= maxRecord }

// Decrypter is implemented by the reader Remote.Open returns.
type Decrypter interface {
	// Decrypts reports whether the download is decrypted as it is read
	// (TLS). Its reads then return what has arrived, up to the buffer,
	// and are best written by the same goroutine while the bytes are in
	// the CPU's cache: 1 GiB over TLS on loopback took 1.8 s that way
	// and 2.4 s with reads and writes on two goroutines.
	Decrypts() bool
}

// Decrypts implements Decrypter.
func (rd *remoteReader) Decrypts() bool { return rd.dc != nil && rd.dc.tlsConf != nil }
