package transfer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/ftpane/ftpane/session"
)

// poolKey identifies a server login: host, port, user, and the TLS mode
// (a job that asked for TLS must never get a plain connection).
func poolKey(cfg *session.Config) string {
	return cfg.Host + ":" + strconv.Itoa(cfg.Port) + ":" + cfg.User + ":" + strconv.Itoa(int(cfg.TLS))
}

// pool keeps each server's connections for reuse and remembers how many
// the server accepts: a 421 lowers that limit for the queue's lifetime.
type pool struct {
	dial    session.DialFunc
	max     int
	idleFor time.Duration // an unused connection is logged out after this
	mu      sync.Mutex
	servers map[string]*server
	closed  bool
}

type server struct {
	limit int
	busy  int // slots reserved by running jobs and listings
	idle  []*idleConn
	// listing and wanted count the slots held by listings (Queue.List)
	// and the listings waiting for one.
	listing, wanted int
}

// listRoom is how many more slots listings may take: half the limit, at
// least one, so copies always keep a share of the connections.
func (s *server) listRoom() int { return max(1, s.limit/2) - s.listing }

// idleConn is a pooled connection waiting for a job; its timer logs it
// out when none comes, so an idle queue does not hold server slots.
type idleConn struct {
	fs    session.FS
	timer *time.Timer
}

func newPool(dial session.DialFunc, max int, idleFor time.Duration) *pool {
	return &pool{dial: dial, max: max, idleFor: idleFor, servers: map[string]*server{}}
}

func (p *pool) server(key string) *server {
	s := p.servers[key]
	if s == nil {
		s = &server{limit: p.max}
		p.servers[key] = s
	}
	return s
}

// reserve takes n slots on the server when it has them all free, after
// those that waiting listings may take: a tree's walk stays ahead of its
// copies.
func (p *pool) reserve(key string, n int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.server(key)
	if s.busy+n+max(0, min(s.wanted, s.listRoom())) > s.limit {
		return false
	}
	s.busy += n
	return true
}

// unreserve gives back a slot that was reserved and not used.
func (p *pool) unreserve(key string) {
	p.mu.Lock()
	p.server(key).busy--
	p.mu.Unlock()
}

// get returns a connection for a reserved slot: an idle one, or a new one.
func (p *pool) get(ctx context.Context, cfg *session.Config) (session.FS, error) {
	key := poolKey(cfg)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errClosed
	}
	s := p.server(key)
	if n := len(s.idle); n > 0 {
		ic := s.idle[n-1]
		s.idle = s.idle[:n-1]
		p.mu.Unlock()
		ic.timer.Stop()
		if ps, ok := ic.fs.(session.PassiveSetter); ok {
			ps.SetPassive(!cfg.Active) // the job's setting, for every new data connection
		}
		return ic.fs, nil
	}
	p.mu.Unlock()
	c, err := p.dial(ctx, *cfg)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", cfg.Label(), err)
	}
	return c, nil
}

// put frees the slot; a healthy connection is kept for the next job.
func (p *pool) put(cfg *session.Config, c session.FS, healthy bool) {
	key := poolKey(cfg)
	p.mu.Lock()
	s := p.server(key)
	s.busy--
	keep := healthy && c != nil && !p.closed && len(s.idle) < s.limit
	if keep {
		ic := &idleConn{fs: c}
		ic.timer = time.AfterFunc(p.idleFor, func() { p.expire(key, ic) })
		s.idle = append(s.idle, ic)
	}
	p.mu.Unlock()
	if !keep && c != nil {
		c.Close()
	}
}

// expire logs out a connection that stayed idle, unless a job took it.
func (p *pool) expire(key string, ic *idleConn) {
	p.mu.Lock()
	s := p.server(key)
	i := slices.Index(s.idle, ic)
	if i >= 0 {
		s.idle = slices.Delete(s.idle, i, i+1)
	}
	p.mu.Unlock()
	if i >= 0 {
		ic.fs.Close()
	}
}

// idleCount is the number of pooled connections waiting for a job.
func (p *pool) idleCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, s := range p.servers {
		n += len(s.idle)
	}
	return n
}

// lower is called after a 421, while the refused slot is still reserved:
// the server takes no more connections than the others in use now (at
// least one). It returns the new limit.
func (p *pool) lower(cfg *session.Config) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.server(poolKey(cfg))
	s.limit = max(1, min(s.limit-1, s.busy-1))
	return s.limit
}

// Limit is the number of connections the queue allows itself on a server.
func (p *pool) limit(cfg *session.Config) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.server(poolKey(cfg)).limit
}

// setLimit sets a server's connection limit, from 1 up to the workers.
func (p *pool) setLimit(cfg *session.Config, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.server(poolKey(cfg)).limit = max(1, min(n, p.max))
}

// SetLimit sets how many connections the queue uses at most on cfg's
// server (a site's parallel limit; never more than the workers). A 421
// may still lower it.
func (q *Queue) SetLimit(cfg session.Config, n int) {
	q.pool.setLimit(&cfg, n)
	q.mu.Lock()
	q.cond.Broadcast()
	q.mu.Unlock()
}

// close closes every idle connection; busy ones are closed when put back.
func (p *pool) close() error {
	p.mu.Lock()
	p.closed = true
	var all []*idleConn
	for _, s := range p.servers {
		all = append(all, s.idle...)
		s.idle = nil
	}
	p.mu.Unlock()
	var errs []error
	for _, ic := range all {
		ic.timer.Stop()
		errs = append(errs, ic.fs.Close())
	}
	return errors.Join(errs...)
}

// healthy reports whether a connection that saw err can serve another
// job: after a refusal (a reply of 500 or more) it can, after a network
// error or a cancel it is discarded.
func healthy(err error) bool {
	if err == nil {
		return true
	}
	var re *session.ReplyError
	return errors.As(err, &re) && re.Code >= 500 && !errors.Is(err, context.Canceled)
}
