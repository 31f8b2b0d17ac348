package session

import "io/fs"

// ModeString is the entry's type and permissions as ls -l writes them:
// "drwxr-xr-x", "crw-rw-rw-", "-rwsr-xr-x", "drwxrwxrwt", "lrwxrwxrwx".
// It is empty when the server sent no permissions.
func (e Entry) ModeString() string {
	if !e.HasMode {
		return ""
	}
	b := []byte("-rwxrwxrwx")
	b[0] = e.TypeLetter()
	for i := 0; i < 9; i++ {
		if e.Mode&(1<<(8-i)) == 0 {
			b[i+1] = '-'
		}
	}
	special := func(pos int, bit fs.FileMode, set byte) {
		if e.Mode&bit == 0 {
			return
		}
		if b[pos] == '-' {
			b[pos] = set - 'a' + 'A' // set, but not executable: S or T
			return
		}
		b[pos] = set
	}
	special(3, fs.ModeSetuid, 's')
	special(6, fs.ModeSetgid, 's')
	special(9, fs.ModeSticky, 't')
	return string(b)
}

// TypeLetter is ls's first column: d l c b p s D, "-" for a file.
func (e Entry) TypeLetter() byte {
	m := e.Mode
	switch {
	case m&fs.ModeDir != 0 || e.Kind == KindDir:
		return 'd'
	case m&fs.ModeSymlink != 0 || e.Kind == KindLink:
		return 'l'
	case m&fs.ModeCharDevice != 0:
		return 'c'
	case m&fs.ModeDevice != 0:
		return 'b'
	case m&fs.ModeNamedPipe != 0:
		return 'p'
	case m&fs.ModeSocket != 0:
		return 's'
	case m&fs.ModeIrregular != 0:
		return 'D'
	}
	return '-'
}
