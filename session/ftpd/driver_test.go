package ftpd

import (
	"errors"
	"net"
	"testing"
)

// fakeConn is a connection that arrived on a given local address.
type fakeConn struct {
	net.Conn
	local  net.Addr
	closed bool
}

func (c *fakeConn) LocalAddr() net.Addr { return c.local }
func (c *fakeConn) Close() error        { c.closed = true; return nil }

// fakeListener hands out queued connections, then an error.
type fakeListener struct {
	net.Listener
	queue []*fakeConn
}

var errDrained = errors.New("no more connections")

func (l *fakeListener) Accept() (net.Conn, error) {
	if len(l.queue) == 0 {
		return nil, errDrained
	}
	c := l.queue[0]
	l.queue = l.queue[1:]
	return c, nil
}

// TestLocalIPListener: passive data connections that did not arrive on
// the listen IP are dropped, the next good one is served.
func TestLocalIPListener(t *testing.T) {
	other := &fakeConn{local: &net.TCPAddr{IP: net.ParseIP("192.0.2.1"), Port: 40000}}
	good := &fakeConn{local: &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 40000}}
	ln := localIPListener{Listener: &fakeListener{queue: []*fakeConn{other, good}}, ip: net.ParseIP("127.0.0.1")}
	conn, err := ln.Accept()
	if err != nil || conn != good {
		t.Fatalf("Accept = %v, %v; want the connection to 127.0.0.1", conn, err)
	}
	if !other.closed || good.closed {
		t.Errorf("closed: other %v, good %v; want only the other one closed", other.closed, good.closed)
	}
	if _, err := ln.Accept(); !errors.Is(err, errDrained) {
		t.Errorf("Accept after the queue: %v, want the listener's error", err)
	}
}

func TestWrapPassiveListenerOnAllInterfaces(t *testing.T) {
	inner := &fakeListener{}
	d := &driver{srv: &Server{ip: net.IPv4zero}}
	if got, _ := d.WrapPassiveListener(inner); got != net.Listener(inner) {
		t.Errorf("on 0.0.0.0 the passive listener must be left alone, got %T", got)
	}
}
