//go:build unix

package session

import (
	"io/fs"
	"os/user"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// noFollow makes an open fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW

// idNames caches user and group names for one listing: looking each up
// reads /etc/passwd, too slow for folders of 100,000 entries. A miss asks
// the process-wide cache (sysNames) before the system.
type idNames struct{ users, groups map[uint32]string }

func newIDNames() *idNames {
	return &idNames{users: map[uint32]string{}, groups: map[uint32]string{}}
}

// owner fills in the owner and group names (numbers when unknown).
func (n *idNames) owner(e *Entry, info fs.FileInfo) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	e.Owner = lookupOnce(n.users, st.Uid, sysNames.user)
	e.Group = lookupOnce(n.groups, st.Gid, sysNames.group)
}

func lookupOnce(cache map[uint32]string, id uint32, look func(uint32) string) string {
	if s, ok := cache[id]; ok {
		return s
	}
	s := look(id)
	cache[id] = s
	return s
}

// sysNames is the process-wide cache of user and group names. Every Stat
// of a local file names its owner, and a copy stats each file a few
// times: looked up each time (through the C library, reading
// /etc/passwd and /etc/group), the names took a sixth of the CPU of an
// upload of 10,000 small files. A name is asked again after nameTTL, so
// an account added or renamed meanwhile shows within a minute.
var sysNames = &nameCache{entries: map[nameKey]cachedName{}}

const nameTTL = time.Minute

type nameKey struct {
	group bool
	id    uint32
}

type cachedName struct {
	name string
	at   time.Time
}

type nameCache struct {
	mu      sync.Mutex
	entries map[nameKey]cachedName
}

func (c *nameCache) user(id uint32) string {
	return c.get(nameKey{false, id}, func(s string) string {
		if u, err := user.LookupId(s); err == nil {
			return u.Username
		}
		return s
	})
}

func (c *nameCache) group(id uint32) string {
	return c.get(nameKey{true, id}, func(s string) string {
		if g, err := user.LookupGroupId(s); err == nil {
			return g.Name
		}
		return s
	})
}

func (c *nameCache) get(k nameKey, look func(string) string) string {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[k]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < nameTTL {
		return e.name
	}
	name := look(strconv.FormatUint(uint64(k.id), 10))
	c.mu.Lock()
	c.entries[k] = cachedName{name, now}
	c.mu.Unlock()
	return name
}
