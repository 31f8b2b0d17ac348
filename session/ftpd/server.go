// Package ftpd is ftpane's embedded FTP server, built on ftpserverlib. It
// backs `ftpane serve`, `ftpane demo` and the test suites, so it is set up
// the way a client author wants a test server to behave: binary by default,
// passive ports on the listen address, active mode without port 20, TLS
// explicit or implicit, and files that never escape the served folder.
package ftpd

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"sync"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
)

// DefaultAddr is where Start listens when Options.Addr is empty: loopback,
// so serving a folder never exposes it to the network by accident.
const DefaultAddr = "127.0.0.1:2121"

// closeWait bounds how long Close waits for sessions to wind down once
// their connections are closed.
const closeWait = 5 * time.Second

// ErrReadOnly is the cause of every write refused by a read-only server;
// clients see it in the text of the 550 reply.
var ErrReadOnly = errors.New("server is read-only")

// Server is a running embedded FTP server.
type Server struct {
	opts   Options
	addr   string
	ip     net.IP // listen IP; nil or unspecified when listening on all interfaces
	root   *os.Root
	conns  *trackingListener // the control connections, to close them all
	front  *frontListener    // limits, implicit TLS, the front end of each connection
	gate   *loginGate        // failed-login delays per address
	slow   throttles         // files sent slowly on purpose (Options.Throttle)
	log    *slog.Logger
	ftp    *ftpserver.FtpServer
	served chan struct{} // closed when the accept loop returns
	done   chan struct{} // closed by Close: cuts login delays short

	mu       sync.Mutex
	closed   bool
	sessions map[uint32]*session
	active   sync.WaitGroup // one per entry of sessions

	closeOnce sync.Once
	closeErr  error
}

// Start opens opts.Dir, listens on opts.Addr and serves in the background.
// The server accepts connections when Start returns.
func Start(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	root, err := os.OpenRoot(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	ln, err := listen(opts)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	s := newServer(opts, root, ln)
	s.ftp = ftpserver.NewFtpServer(&driver{srv: s, settings: s.settings(s.front)})
	if err := s.ftp.Listen(); err != nil {
		ln.Close()
		root.Close()
		return nil, fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	go func() {
		defer close(s.served)
		if err := s.ftp.Serve(); err != nil {
			s.log.Error("accept loop stopped", "err", err)
		}
	}()
	return s, nil
}

// listen opens the control listener ourselves (rather than letting the
// library do it) so the settings can name the real listen IP for PASV and
// Close can reach every connection.
func listen(opts Options) (*trackingListener, error) {
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	return newTrackingListener(ln), nil
}

func newServer(opts Options, root *os.Root, ln *trackingListener) *Server {
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s := &Server{
		opts:     opts,
		addr:     ln.Addr().String(),
		root:     root,
		conns:    ln,
		log:      slog.New(slog.NewTextHandler(w, nil)),
		served:   make(chan struct{}),
		done:     make(chan struct{}),
		sessions: make(map[uint32]*session),
		gate:     newLoginGate(opts.LoginDelay),
		slow:     newThrottles(opts.Throttle),
	}
	s.front = newFrontListener(s, ln)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		s.ip = tcp.IP
	}
	return s
}

// settings is the library configuration that makes the server behave as the
// package comment promises.
func (s *Server) settings(ln net.Listener) *ftpserver.Settings {
	st := &ftpserver.Settings{
		Listener:   ln,
		ListenAddr: s.addr,
		Banner:     "ftpane embedded FTP server",
		// The library's default is ASCII, which rewrites line ends of
		// clients that never send TYPE I.
		DefaultTransferType: ftpserver.TransferTypeBinary,
		// Dialling from port 20 needs root; RFC 1579 says any port is fine.
		ActiveTransferPortNon20: true,
		EnableHASH:              true,
		IdleTimeout:             idleSeconds(s.opts.IdleTimeout),
	}
	if s.opts.ImplicitTLS {
		st.TLSRequired = ftpserver.ImplicitEncryption
	}
	if r := s.opts.PassivePorts; !r.IsZero() {
		st.PassiveTransferPortRange = ftpserver.PortRange{Start: r.First, End: r.Last}
	}
	// PASV can only announce an IPv4 address; for IPv6 or all interfaces
	// the library uses the control connection's local address (EPSV works
	// everywhere).
	if v4 := s.ip.To4(); v4 != nil && !v4.IsUnspecified() {
		st.PublicHost = v4.String()
	}
	return st
}

// defaultIdle is the library's own default idle timeout, made explicit so
// the front end and SITE IDLE know the limit.
const defaultIdle = 15 * time.Minute

// idleSeconds is d in whole seconds, rounded up: the unit of the library's
// setting and of SITE IDLE.
func idleSeconds(d time.Duration) int {
	return int(math.Ceil(d.Seconds()))
}

// Addr is the address the server listens on, as host:port.
func (s *Server) Addr() string { return s.addr }

// Close stops listening and closes every client session, including
// transfers in progress. It waits (boundedly) for the sessions to end, so
// no goroutine of the server keeps a port open after it returns. Later
// calls return the first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.shutdown() })
	return s.closeErr
}

func (s *Server) shutdown() error {
	s.mu.Lock()
	s.closed = true // refuse sessions that start from now on
	s.mu.Unlock()
	close(s.done)

	// ftpserverlib's Stop closes the listener but leaves sessions open.
	err := s.ftp.Stop()
	if errors.Is(err, ftpserver.ErrNotListening) {
		err = nil
	}
	<-s.served         // no more connections accepted
	s.conns.closeAll() // each session's goroutine sees it and ends
	if !waitTimeout(&s.active, closeWait) {
		err = errors.Join(err, fmt.Errorf("sessions still open %v after close", closeWait))
	}
	err = errors.Join(err, s.root.Close())
	if err != nil {
		return fmt.Errorf("close server %s: %w", s.addr, err)
	}
	return nil
}

// waitTimeout waits for wg and reports whether it finished within d.
func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}
