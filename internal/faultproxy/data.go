package faultproxy

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// data relays one data connection both ways, applying an armed fault.
func (p *Proxy) data(client net.Conn, addr string) {
	server, err := net.Dial("tcp", addr)
	if err != nil {
		client.Close()
		return
	}
	p.dataConns.Add(1)
	// Small kernel buffers on the proxy's sides: a stalled or cut relay
	// must not have megabytes of the transfer parked in them (Linux grows
	// a loopback receive buffer to 32 MiB).
	for _, c := range []net.Conn{client, server} {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetReadBuffer(128 << 10)
			_ = tc.SetWriteBuffer(128 << 10)
		}
	}
	if !p.track(client, server) {
		client.Close()
		server.Close()
		return
	}
	defer p.untrack(client, server)
	var seen atomic.Int64
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.pipe(client, server, &seen) }()
	go func() { defer wg.Done(); p.pipe(server, client, &seen) }()
	wg.Wait()
}

// pipe copies src to dst. When the armed fault's byte count is reached on
// this connection, the fault happens: cut (both sides closed), stall
// (nothing more relayed until released) or the control connections dropped.
func (p *Proxy) pipe(dst, src net.Conn, seen *atomic.Int64) {
	defer func() { dst.Close(); src.Close() }()
	buf := make([]byte, 32<<10)
	start, relayed := time.Now(), int64(0)
	for {
		if rate := p.rate.Load(); rate > 0 {
			// A slow link: never ahead of rate bytes per second.
			due := start.Add(time.Duration(float64(relayed) / float64(rate) * float64(time.Second)))
			time.Sleep(time.Until(due))
			buf = buf[:min(len(buf), 16<<10)]
		}
		n, err := src.Read(buf)
		relayed += int64(n)
		if n > 0 {
			chunk := buf[:n]
			before := seen.Add(int64(n)) - int64(n)
			if f := p.claim(before + int64(n)); f != nil {
				keep := max(0, min(int64(n), f.after-before))
				dst.Write(chunk[:keep])
				p.dataBytes.Add(keep)
				if !p.apply(f) {
					return
				}
				chunk = chunk[keep:]
			}
			if _, werr := dst.Write(chunk); werr != nil {
				return
			}
			p.dataBytes.Add(int64(len(chunk)))
		}
		if err != nil {
			return
		}
	}
}

// claim takes the armed fault when this connection has reached it.
func (p *Proxy) claim(seen int64) *fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.fault
	if f == nil || seen < f.after {
		return nil
	}
	p.fault = nil
	return f
}

// apply makes the fault happen; it reports whether relaying goes on.
func (p *Proxy) apply(f *fault) bool {
	close(f.hit)
	switch f.kind {
	case faultCut:
		return false
	case faultStall:
		select {
		case <-f.release:
		case <-p.done:
			return false
		}
		return true
	default:
		p.DropControl()
		return true
	}
}
