package ftpd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/spf13/afero"
)

const (
	// maxUnique bounds the names STOU tries: name, name.1 ... name.999.
	maxUnique = 1000
	// stouDefault is the name a bare STOU starts from.
	stouDefault = "upload"
)

// stouFile creates the file of a STOU, which the front end asked the
// library to run as an upload to markerSTOU in folder cwd: the name the
// client suggested (or stouDefault), else the first of name.1, name.2 ...
// that does not exist, created exclusively so an existing file is never
// overwritten, even by a client racing us.
func (s *sessionFs) stouFile(cwd string) (afero.File, error) {
	arg, ok := s.ctl.takePending("STOU")
	if !ok {
		return nil, &fs.PathError{Op: "stou", Path: cwd, Err: fs.ErrNotExist}
	}
	if s.readOnly {
		return nil, s.refuse("stou", resolve(cwd, arg))
	}
	dir, base := path.Split(resolve(cwd, arg))
	if arg == "" || base == "" || strings.HasSuffix(arg, "/") {
		dir, base = resolve(cwd, arg), stouDefault
	}
	for i := range maxUnique {
		name := base
		if i > 0 {
			name = fmt.Sprintf("%s.%d", base, i)
		}
		full := path.Join(dir, name)
		f, err := s.root.createExcl(full, s.newFileMode(), os.O_WRONLY)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s.ctl.setStouName(shownName(arg, name))
		return &loggedFile{File: f, s: s, op: "STOU", name: full, start: time.Now()}, nil
	}
	return nil, fmt.Errorf("stou %s: no free name after %d tries", path.Join(dir, base), maxUnique)
}

// shownName is the unique name as the client would write it: in the folder
// it named, if any.
func shownName(arg, name string) string {
	if d := path.Dir(arg); arg != "" && d != "." {
		return path.Join(d, name)
	}
	return name
}
