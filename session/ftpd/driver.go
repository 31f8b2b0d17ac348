package ftpd

import (
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"net"
	"strings"

	ftpserver "github.com/fclairamb/ftpserverlib"
)

var (
	errClosing    = errors.New("server is shutting down")
	errBadLogin   = errors.New("wrong user or password")
	errTLSMissing = errors.New("TLS is not configured on this server")
)

// session is what the server remembers of one connected client.
type session struct {
	user string // empty until login succeeds
	ctl  *ctrl  // shared with the connection's front end
}

// driver is the ftpserverlib MainDriver: it tracks sessions, checks logins
// and hands each logged-in client its file system.
type driver struct {
	srv      *Server
	settings *ftpserver.Settings
}

var (
	_ ftpserver.MainDriver                        = (*driver)(nil)
	_ ftpserver.MainDriverExtensionPassiveWrapper = (*driver)(nil)
)

func (d *driver) GetSettings() (*ftpserver.Settings, error) { return d.settings, nil }

// ClientConnected registers the session so Close can end it.
func (d *driver) ClientConnected(cc ftpserver.ClientContext) (string, error) {
	s := d.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "Server is shutting down", errClosing
	}
	s.sessions[cc.ID()] = &session{ctl: s.front.ctrlOf(cc.RemoteAddr())}
	s.active.Add(1)
	s.log.Info("connect", "id", cc.ID(), "remote", cc.RemoteAddr().String())
	return d.settings.Banner, nil
}

// ClientDisconnected is called once per ClientConnected, refused or not.
func (d *driver) ClientDisconnected(cc ftpserver.ClientContext) {
	s := d.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[cc.ID()]
	if !ok {
		return // refused while closing: never registered
	}
	delete(s.sessions, cc.ID())
	s.log.Info("disconnect", "id", cc.ID(), "remote", cc.RemoteAddr().String(), "user", ss.user)
	s.active.Done()
}

// AuthUser checks the one account and the anonymous users, after the
// delay the client's address has earned with failed logins (loginGate).
// The password is compared in constant time and never logged.
func (d *driver) AuthUser(cc ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	s := d.srv
	ip := hostOf(cc.RemoteAddr())
	remote := cc.RemoteAddr().String()
	attempt, err := s.gate.enter(ip, s.done)
	if err != nil {
		return nil, err
	}
	ok := d.checkLogin(user, pass)
	failures, next := attempt.done(ok, isAnonymous(user) && s.opts.Anonymous)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ok {
		s.log.Info("login failed", "id", cc.ID(), "remote", remote, "user", user,
			"failures", failures, "next_delay", next)
		return nil, errBadLogin
	}
	ss := s.sessions[cc.ID()]
	if ss == nil {
		return nil, errClosing
	}
	ss.user = user
	ss.ctl.setLoggedIn()
	s.log.Info("login", "id", cc.ID(), "remote", remote, "user", user)
	return newSessionFs(s, cc, ss.ctl, user), nil
}

func (d *driver) checkLogin(user, pass string) bool {
	o := d.srv.opts
	if o.Anonymous && isAnonymous(user) {
		return true
	}
	if o.User == "" {
		return false
	}
	userOK := subtle.ConstantTimeCompare([]byte(user), []byte(o.User))
	passOK := subtle.ConstantTimeCompare([]byte(pass), []byte(o.Pass))
	return userOK&passOK == 1
}

// isAnonymous reports whether user is one of the conventional anonymous
// login names.
func isAnonymous(user string) bool {
	return strings.EqualFold(user, "anonymous") || strings.EqualFold(user, "ftp")
}

// GetTLSConfig returns the TLS configuration; its error makes the library
// leave AUTH TLS out of FEAT and answer AUTH with 550.
func (d *driver) GetTLSConfig() (*tls.Config, error) {
	if d.srv.opts.TLS == nil {
		return nil, errTLSMissing
	}
	return d.srv.opts.TLS, nil
}

// WrapPassiveListener keeps passive data connections on the listen address:
// the library listens for them on every interface.
func (d *driver) WrapPassiveListener(ln net.Listener) (net.Listener, error) {
	ip := d.srv.ip
	if ip == nil || ip.IsUnspecified() {
		return ln, nil
	}
	return localIPListener{Listener: ln, ip: ip}, nil
}

// localIPListener drops connections that did not arrive on ip, so a data
// port of a loopback server is unreachable from other hosts.
type localIPListener struct {
	net.Listener
	ip net.IP
}

func (l localIPListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if a, ok := conn.LocalAddr().(*net.TCPAddr); ok && a.IP.Equal(l.ip) {
			return conn, nil
		}
		conn.Close()
	}
}
