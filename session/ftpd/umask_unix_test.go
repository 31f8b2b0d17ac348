//go:build unix

package ftpd

import "syscall"

// setUmask sets the process umask and returns a function restoring it, to
// show that the server's modes do not depend on it.
func setUmask(mask int) (restore func()) {
	old := syscall.Umask(mask)
	return func() { syscall.Umask(old) }
}
