//go:build unix

package session

import (
	"io/fs"
	"os/user"
	"strconv"
	"syscall"
)

// noFollow makes an open fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW

// idNames caches user and group names for one listing: looking each up
// reads /etc/passwd, too slow for folders of 100,000 entries.
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
	e.Owner = lookupOnce(n.users, st.Uid, func(id string) string {
		if u, err := user.LookupId(id); err == nil {
			return u.Username
		}
		return id
	})
	e.Group = lookupOnce(n.groups, st.Gid, func(id string) string {
		if g, err := user.LookupGroupId(id); err == nil {
			return g.Name
		}
		return id
	})
}

func lookupOnce(cache map[uint32]string, id uint32, look func(string) string) string {
	if s, ok := cache[id]; ok {
		return s
	}
	s := look(strconv.FormatUint(uint64(id), 10))
	cache[id] = s
	return s
}
