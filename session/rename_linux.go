package session

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameNoReplace renames from to to unless to exists, in one system call
// (renameat2 with RENAME_NOREPLACE): no window between a check and the
// rename, and no lookups of to first (os.Rename makes one, Rename's own
// check another). done is false where the file system cannot do it;
// the caller then checks and renames itself.
func renameNoReplace(from, to string) (done bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return false, nil
	}
	if err != nil {
		return true, &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return true, nil
}
