package ftpd

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/afero"
	"github.com/spf13/afero/mem"
)

// mlsxTime is the time format of the modify fact (RFC 3659 2.3), in UTC.
const mlsxTime = "20060102150405"

// factSet is a set of MLST facts (RFC 3659 7.5).
type factSet uint8

const (
	factType factSet = 1 << iota
	factSize
	factModify
	factPerm
	factUnixMode

	allFacts = factType | factSize | factModify | factPerm | factUnixMode
)

// fact is one supported fact: the name clients select it by (OPTS MLST,
// case-insensitive) and the name written in listings.
type fact struct {
	bit      factSet
	key, out string
}

// facts lists the supported facts in the order they are written.
func facts() []fact {
	return []fact{
		{factType, "type", "Type"},
		{factSize, "size", "Size"},
		{factModify, "modify", "Modify"},
		{factPerm, "perm", "Perm"},
		{factUnixMode, "unix.mode", "UNIX.mode"},
	}
}

// feat is the FEAT line's list: every fact, the selected ones starred.
func (s factSet) feat() string {
	var b strings.Builder
	for _, f := range facts() {
		b.WriteString(f.key)
		if s&f.bit != 0 {
			b.WriteByte('*')
		}
		b.WriteByte(';')
	}
	return b.String()
}

// opts is the reply to OPTS MLST: the selected facts.
func (s factSet) opts() string {
	var b strings.Builder
	for _, f := range facts() {
		if s&f.bit != 0 {
			b.WriteString(f.key + ";")
		}
	}
	return b.String()
}

// parseFacts reads the list of OPTS MLST; unknown facts are ignored, as
// RFC 3659 7.9 asks.
func parseFacts(list string) factSet {
	var s factSet
	for _, name := range strings.Split(list, ";") {
		name = strings.ToLower(strings.TrimSpace(name))
		for _, f := range facts() {
			if f.key == name {
				s |= f.bit
			}
		}
	}
	return s
}

// entry is one MLSD line or MLST entry, without the line end.
func (s factSet) entry(info fs.FileInfo, name string, perm string) string {
	var b strings.Builder
	for _, f := range facts() {
		if s&f.bit == 0 {
			continue
		}
		var v string
		switch f.bit {
		case factType:
			v = "file"
			if info.IsDir() {
				v = "dir"
			}
		case factSize:
			v = fmt.Sprint(info.Size())
		case factModify:
			v = info.ModTime().UTC().Format(mlsxTime)
		case factPerm:
			v = perm
		case factUnixMode:
			v = fmt.Sprintf("%04o", unixMode(info.Mode()))
		}
		fmt.Fprintf(&b, "%s=%s;", f.out, v)
	}
	return b.String() + " " + name
}

// unixMode is the mode as chmod numbers it.
func unixMode(m fs.FileMode) uint32 {
	u := uint32(m.Perm())
	for _, b := range []struct {
		mode fs.FileMode
		bit  uint32
	}{{fs.ModeSetuid, 0o4000}, {fs.ModeSetgid, 0o2000}, {fs.ModeSticky, 0o1000}} {
		if m&b.mode != 0 {
			u |= b.bit
		}
	}
	return u
}

// permFact is the perm fact (RFC 3659 7.5.5): what this client may do
// with the entry, from its owner's permission bits and the server's mode.
func permFact(info fs.FileInfo, readOnly, isRoot bool) string {
	m := info.Mode().Perm()
	var b strings.Builder
	writable := !readOnly && m&0o200 != 0
	if info.IsDir() {
		b.WriteString(onlyIf(m&0o100 != 0, "e") + onlyIf(m&0o400 != 0, "l") + onlyIf(writable, "cmp"))
	} else {
		b.WriteString(onlyIf(m&0o400 != 0, "r") + onlyIf(writable, "aw"))
	}
	b.WriteString(onlyIf(!readOnly && !isRoot, "df"))
	return b.String()
}

func onlyIf(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// resolve is the absolute client path of arg, given from folder cwd.
func resolve(cwd, arg string) string {
	switch {
	case arg == "":
		return cwd
	case path.IsAbs(arg):
		return path.Clean(arg)
	}
	return path.Join(cwd, arg)
}

// mlst answers MLST (RFC 3659 7.2): one entry on the control connection.
func (s *sessionFs) mlst(arg string) (int, string) {
	p := resolve(s.cc.Path(), arg)
	info, err := s.root.Stat(p)
	if err != nil {
		return codeNotTaken, fmt.Sprintf("Could not list %s: %v", p, err)
	}
	e := s.ctl.selectedFacts().entry(info, p, permFact(info, s.readOnly, rel(p) == "."))
	return codeFileOK, fmt.Sprintf("Listing %s\n%s%s\nEnd", p, contLine, e)
}

// mlsdFile is the listing of MLSD, which the front end asked the library to
// send as the download of markerMLSD in folder cwd: formatted here, with the
// facts the client chose, rather than by the library, which has only three.
func (s *sessionFs) mlsdFile(cwd string) (afero.File, error) {
	arg, ok := s.ctl.takePending("MLSD")
	if !ok {
		return nil, &fs.PathError{Op: "mlsd", Path: cwd, Err: fs.ErrNotExist}
	}
	dir := resolve(cwd, arg)
	info, err := s.root.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "mlsd", Path: dir, Err: errNotDir}
	}
	entries, err := s.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	set := s.ctl.selectedFacts()
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(set.entry(e, e.Name(), permFact(e, s.readOnly, false)) + "\r\n")
	}
	return memFile(dir, []byte(b.String()))
}

// memFile is an in-memory file holding data, for the library to send.
func memFile(name string, data []byte) (afero.File, error) {
	f := mem.NewFileHandle(mem.CreateFile(name))
	if _, err := f.Write(data); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return f, nil
}
