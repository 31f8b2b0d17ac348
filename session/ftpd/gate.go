package ftpd

import (
	"sync"
	"time"
)

const (
	// maxDelayFactor caps the failed-login delay at 16 times its base
	// (8 s for the default 0.5 s).
	maxDelayFactor = 16
	// forgetAfter: an address that has not failed for that long starts
	// from no delay again, and its entry may be dropped.
	forgetAfter = 15 * time.Minute
	// sweepAbove is the number of remembered addresses from which entering
	// the gate drops the forgotten ones, bounding its memory.
	sweepAbove = 1024
)

// loginGate slows down password guessing. The login attempts from one
// address are checked one at a time; after n failures the next attempt
// from that address waits base·2^(n-1), at most 16·base. The wait comes
// before the password is checked, so a guesser learns nothing sooner by
// giving up early, and parallel connections gain nothing either. A
// successful login to the account clears the address's record; an
// anonymous one does not, so anonymous access cannot be used to reset it.
type loginGate struct {
	base time.Duration // <= 0: no delay

	mu    sync.Mutex
	addrs map[string]*addrState
}

// addrState is the record of one address.
type addrState struct {
	turn     chan struct{} // holds a token while one of its attempts runs
	failures int
	next     time.Time // the earliest start of its next attempt
	users    int       // attempts waiting or running
}

// attempt is one login attempt holding its address's turn.
type attempt struct {
	g  *loginGate
	ip string
	a  *addrState
}

func newLoginGate(base time.Duration) *loginGate {
	return &loginGate{base: base, addrs: make(map[string]*addrState)}
}

// enter waits for the address's turn and its delay. It gives up with
// errClosing when done is closed (the server stops).
func (g *loginGate) enter(ip string, done <-chan struct{}) (*attempt, error) {
	a := g.join(ip)
	select {
	case a.turn <- struct{}{}:
	case <-done:
		g.leave(ip, a)
		return nil, errClosing
	}
	g.mu.Lock()
	wait := time.Until(a.next)
	g.mu.Unlock()
	if wait > 0 {
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-done:
			<-a.turn
			g.leave(ip, a)
			return nil, errClosing
		}
	}
	return &attempt{g: g, ip: ip, a: a}, nil
}

// join finds or makes the record of ip and counts one more attempt on it.
func (g *loginGate) join(ip string) *addrState {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.addrs) > sweepAbove {
		for k, a := range g.addrs {
			if a.users == 0 && time.Since(a.next) > forgetAfter {
				delete(g.addrs, k)
			}
		}
	}
	a := g.addrs[ip]
	if a == nil {
		a = &addrState{turn: make(chan struct{}, 1)}
		g.addrs[ip] = a
	}
	if a.failures > 0 && time.Since(a.next) > forgetAfter {
		a.failures = 0
	}
	a.users++
	return a
}

// done records the attempt's outcome and passes the turn on. It returns
// the address's failures so far and the delay its next attempt will wait.
func (t *attempt) done(ok, anonymous bool) (failures int, next time.Duration) {
	g, a := t.g, t.a
	g.mu.Lock()
	switch {
	case !ok:
		a.failures++
		next = g.delay(a.failures)
		a.next = time.Now().Add(next)
	case !anonymous:
		a.failures, a.next = 0, time.Time{}
	}
	failures = a.failures
	g.mu.Unlock()
	<-a.turn
	g.leave(t.ip, a)
	return failures, next
}

// leave counts an attempt off, dropping a record with nothing to remember.
func (g *loginGate) leave(ip string, a *addrState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	a.users--
	if a.users == 0 && a.failures == 0 {
		delete(g.addrs, ip)
	}
}

// delay is the wait after n failures.
func (g *loginGate) delay(n int) time.Duration {
	if g.base <= 0 || n <= 0 {
		return 0
	}
	d := g.base
	for i := 1; i < n && d < g.base*maxDelayFactor; i++ {
		d *= 2
	}
	return min(d, g.base*maxDelayFactor)
}
