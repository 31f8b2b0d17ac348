package transfer

import "github.com/ftpane/ftpane/session"

// SetPassword gives the queue the password (and account) of cfg's server
// after the user logged in there: jobs read back from the journal, which
// keeps no passwords, and any others for the same host, port and user
// that lack one get them, so resuming them does not fail with a 530.
func (q *Queue) SetPassword(cfg session.Config) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for j := q.list.head; j != nil; j = j.next {
		j.st.Src = withPassword(j.st.Src, cfg)
		j.st.Dst = withPassword(j.st.Dst, cfg)
	}
}

// withPassword returns e with cfg's password when e is that login and has
// none. The config is replaced, not changed: a worker may hold the old one.
func withPassword(e Endpoint, cfg session.Config) Endpoint {
	if e.Remote == nil || e.Remote.Password != "" || !sameLogin(e.Remote, &cfg) {
		return e
	}
	c := *e.Remote
	c.Password, c.Account = cfg.Password, cfg.Account
	return Endpoint{Remote: &c}
}

func sameLogin(a, b *session.Config) bool {
	return a.Host == b.Host && a.Addr() == b.Addr() && a.User == b.User
}
