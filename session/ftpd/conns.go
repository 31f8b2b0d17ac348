package ftpd

import (
	"net"
	"sync"
)

// trackingListener remembers the control connections it accepted until
// they are closed, so Close can end every session.
//
// ftpserverlib's ClientContext.Close is not used for that: it writes the
// session's state without the lock the session's own goroutine uses, a
// data race. Closing the socket underneath lets that goroutine notice and
// end the session itself.
type trackingListener struct {
	net.Listener
	mu    sync.Mutex
	conns map[*trackedConn]struct{}
}

func newTrackingListener(ln net.Listener) *trackingListener {
	return &trackingListener{Listener: ln, conns: make(map[*trackedConn]struct{})}
}

func (l *trackingListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err // unwrapped: the library checks for "use of closed network connection"
	}
	tc := &trackedConn{Conn: conn, l: l}
	l.mu.Lock()
	l.conns[tc] = struct{}{}
	l.mu.Unlock()
	return tc, nil
}

// closeAll closes every connection still open.
func (l *trackingListener) closeAll() {
	l.mu.Lock()
	open := make([]*trackedConn, 0, len(l.conns))
	for c := range l.conns {
		open = append(open, c)
	}
	l.mu.Unlock()
	for _, c := range open {
		c.Close()
	}
}

func (l *trackingListener) forget(c *trackedConn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
}

// trackedConn leaves its listener's set when closed.
type trackedConn struct {
	net.Conn
	l *trackingListener
}

func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.l.forget(c)
	return err
}
