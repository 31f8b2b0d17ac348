package netrc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// InsecureError is returned by Load for a file that holds passwords or
// accounts while group or others may read or write it. Classic ftp refuses
// such a file, since anyone who can read it can log in as the user (and
// anyone who can write it can redirect the user's logins).
type InsecureError struct {
	Path string
	Mode fs.FileMode
}

// Error says what is wrong and the command that fixes it.
func (e *InsecureError) Error() string {
	perm := e.Mode.Perm()
	access := "accessible"
	switch r, w := perm&0o044 != 0, perm&0o022 != 0; {
	case r && w:
		access = "readable and writable"
	case r:
		access = "readable"
	case w:
		access = "writable"
	}
	return fmt.Sprintf("%s is %s by group or others (mode %04o): its passwords are not used; run chmod 600 %s",
		e.Path, access, uint32(perm), shellQuote(e.Path))
}

// Load reads and parses the netrc file at path (see DefaultPath).
//
// A missing file gives an error wrapping fs.ErrNotExist, which callers
// should treat as "no netrc". Like classic ftp, Load refuses with an
// *InsecureError a file that holds a password or account while its mode
// lets group or others read or write it, unless every such secret belongs
// to an anonymous login ("anonymous" or "ftp"), whose password is only an
// e-mail address by convention. The check is skipped on Windows, whose
// permission bits do not reflect who may read the file.
func Load(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("netrc: %w", err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("netrc: %w", err)
	}
	f, err := Parse(fh)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.Path = path
		}
		return nil, err
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 && f.hasSecrets() {
		return nil, &InsecureError{Path: path, Mode: info.Mode()}
	}
	return f, nil
}

// hasSecrets reports whether any entry, reachable or not, has a password
// or account for a login other than an anonymous one.
func (f *File) hasSecrets() bool {
	all := append(append([]*Machine{f.Default}, f.Machines...), f.Unreachable...)
	for _, m := range all {
		if m != nil && (m.HasPassword || m.HasAccount) && !anonymous(m.Login) {
			return true
		}
	}
	return false
}

// anonymous reports whether login is one of the names FTP servers accept
// for anonymous access.
func anonymous(login string) bool {
	return strings.EqualFold(login, "anonymous") || strings.EqualFold(login, "ftp")
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// characters that are safe unquoted, so the suggested command can be pasted.
func shellQuote(s string) string {
	const safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_"
	unsafe := func(r rune) bool { return !strings.ContainsRune(safe, r) }
	if s != "" && !strings.ContainsFunc(s, unsafe) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
