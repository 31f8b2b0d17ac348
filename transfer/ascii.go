package transfer

import (
	"bytes"
	"io"
)

// crlfToLF turns the wire's CRLF line ends into LF (ASCII downloads). A
// CR at the end of one read is held back until the next shows whether an
// LF follows; a CR not followed by LF is kept.
type crlfToLF struct {
	r      io.Reader
	heldCR bool
	err    error
}

func (c *crlfToLF) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	for {
		if c.err != nil {
			if c.heldCR {
				c.heldCR = false
				p[0] = '\r'
				return 1, nil
			}
			return 0, c.err
		}
		start := 0
		if c.heldCR {
			p[0] = '\r'
			start = 1
		}
		n, err := c.r.Read(p[start:])
		c.err = err
		n += start
		c.heldCR = false
		out := squeezeCRLF(p[:n])
		if out > 0 && p[out-1] == '\r' && c.err == nil {
			c.heldCR = true
			out--
		}
		if out > 0 {
			return out, nil
		}
	}
}

// squeezeCRLF removes every CR that precedes an LF, in place.
func squeezeCRLF(b []byte) int {
	w := 0
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			continue
		}
		b[w] = b[i]
		w++
	}
	return w
}

// lfToCRLF turns local LF line ends into CRLF for the wire (ASCII
// uploads). A line already ending in CRLF is left as it is.
type lfToCRLF struct {
	r      io.Reader
	buf    []byte
	out    []byte
	lastCR bool
}

func (c *lfToCRLF) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.buf == nil {
			c.buf = make([]byte, 32<<10)
		}
		n, err := c.r.Read(c.buf)
		c.out = c.expand(c.buf[:n])
		if len(c.out) == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

func (c *lfToCRLF) expand(b []byte) []byte {
	if bytes.IndexByte(b, '\n') < 0 {
		if len(b) > 0 {
			c.lastCR = b[len(b)-1] == '\r'
		}
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, ch := range b {
		if ch == '\n' && !c.lastCR {
			out = append(out, '\r')
		}
		out = append(out, ch)
		c.lastCR = ch == '\r'
	}
	return out
}
