package session

import (
	"net"

	"golang.org/x/sys/unix"
)

// unsent is how many bytes the kernel still holds for the peer on c (sent
// or not, not yet acknowledged); ok is false when it cannot tell.
func unsent(c *net.TCPConn) (n int, ok bool) {
	rc, err := c.SyscallConn()
	if err != nil {
		return 0, false
	}
	var ierr error
	if err := rc.Control(func(fd uintptr) { n, ierr = unix.IoctlGetInt(int(fd), unix.SIOCOUTQ) }); err != nil || ierr != nil {
		return 0, false
	}
	return n, true
}
