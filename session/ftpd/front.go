package ftpd

import (
	"crypto/tls"
	"fmt"
	"net"
	"sync"
	"time"
)

// refuseWait bounds how long telling a refused connection why (and, for
// implicit TLS, the handshake before it) may take.
const refuseWait = 5 * time.Second

// frontListener hands the library control connections that passed the
// connection limits, each behind its front end (frontConn). ftpserverlib
// has no hook to refuse a connection with a reply of our own before its
// greeting, and a session it refuses still costs a goroutine and a
// ClientConnected call, so the limits live here, ahead of it.
type frontListener struct {
	net.Listener // the tracking listener
	srv          *Server

	mu    sync.Mutex
	perIP map[string]int
	total int
	ctrls map[string]*ctrl // by remote address, until the connection closes
}

func newFrontListener(s *Server, ln *trackingListener) *frontListener {
	return &frontListener{Listener: ln, srv: s, perIP: make(map[string]int), ctrls: make(map[string]*ctrl)}
}

// Accept returns the next connection within the limits; the others are
// told 421 and closed in the background, so a slow one cannot stall the
// accept loop.
func (l *frontListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := hostOf(conn.RemoteAddr())
		if reason := l.admit(ip); reason != "" {
			l.srv.log.Warn("connection refused", "remote", conn.RemoteAddr().String(), "reason", reason)
			go l.refuse(conn, reason)
			continue
		}
		return l.open(conn, ip), nil
	}
}

// admit counts a new connection from ip, or says which limit it is over.
func (l *frontListener) admit(ip string) string {
	o := l.srv.opts
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case o.MaxConnsPerIP > 0 && l.perIP[ip] >= o.MaxConnsPerIP:
		return fmt.Sprintf("Too many connections from your address (limit %d); try again later", o.MaxConnsPerIP)
	case o.MaxConns > 0 && l.total >= o.MaxConns:
		return fmt.Sprintf("Too many connections to this server (limit %d); try again later", o.MaxConns)
	}
	l.perIP[ip]++
	l.total++
	return ""
}

func (l *frontListener) release(ip, remote string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if l.perIP[ip]--; l.perIP[ip] <= 0 {
		delete(l.perIP, ip)
	}
	delete(l.ctrls, remote)
}

// openConns is the number of connections admitted and not yet closed.
func (l *frontListener) openConns() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// refuse tells a connection over a limit why, then closes it.
func (l *frontListener) refuse(conn net.Conn, reason string) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(refuseWait))
	if l.srv.opts.ImplicitTLS {
		conn = tls.Server(conn, l.srv.opts.TLS)
	}
	fmt.Fprintf(conn, "%d %s\r\n", codeServiceNotAvailable, reason)
}

// open wraps an admitted connection in its front end and registers the
// state the driver shares with it.
func (l *frontListener) open(conn net.Conn, ip string) *frontConn {
	o := l.srv.opts
	st := &ctrl{tls: o.ImplicitTLS, facts: allFacts, idle: o.IdleTimeout}
	loginBy := time.Now().Add(o.LoginTimeout)
	// Until the library sets its own, the login deadline bounds everything,
	// the implicit TLS handshake (run by the greeting) included: a client
	// that connects and stays silent cannot hold its place for ever.
	conn.SetDeadline(loginBy)
	var cur net.Conn = conn
	if o.ImplicitTLS {
		// The library only wraps the listeners it creates itself.
		cur = tls.Server(conn, o.TLS)
	}
	c := newFrontConn(l.srv, cur, st, loginBy)
	remote := conn.RemoteAddr().String()
	c.onClose = func() { l.release(ip, remote) }
	l.mu.Lock()
	l.ctrls[remote] = st
	l.mu.Unlock()
	return c
}

// ctrlOf is the shared state of the connection from remote.
func (l *frontListener) ctrlOf(remote net.Addr) *ctrl {
	l.mu.Lock()
	defer l.mu.Unlock()
	if st := l.ctrls[remote.String()]; st != nil {
		return st
	}
	return &ctrl{facts: allFacts, idle: l.srv.opts.IdleTimeout} // not reached: every connection is registered
}

// hostOf is the IP of a TCP address, the key of the per-address limits.
func hostOf(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}
