package ftpd

import (
	"sync"
	"time"
)

// ctrl is what the front end of one control connection and the driver of
// its session share: whether the client has logged in or switched to TLS,
// the MLST facts it chose, its idle limit, and the MLSD or STOU the front
// end handed the library under a marker name (see frontcmd.go).
type ctrl struct {
	mu       sync.Mutex
	loggedIn bool
	tls      bool
	facts    factSet
	idle     time.Duration
	pending  pendingOp
	stouName string // the name STOU chose, for its 150 reply
}

// pendingOp is a command the library runs under another verb.
type pendingOp struct{ verb, arg string }

func (c *ctrl) isLoggedIn() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loggedIn
}

func (c *ctrl) setLoggedIn() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loggedIn = true
}

func (c *ctrl) isTLS() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tls
}

func (c *ctrl) setTLS() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tls = true
}

func (c *ctrl) idleLimit() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.idle
}

func (c *ctrl) setIdle(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.idle = d
}

func (c *ctrl) selectedFacts() factSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.facts
}

func (c *ctrl) setFacts(f factSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.facts = f
}

func (c *ctrl) setPending(verb, arg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending = pendingOp{verb: verb, arg: arg}
}

// takePending returns the argument of the pending verb, once.
func (c *ctrl) takePending(verb string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending.verb != verb {
		return "", false
	}
	arg := c.pending.arg
	c.pending = pendingOp{}
	return arg, true
}

func (c *ctrl) setStouName(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stouName = name
}

func (c *ctrl) uniqueName() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stouName
}
