package ftpd

import (
	"io/fs"
	"path"

	ftpserver "github.com/fclairamb/ftpserverlib"
)

var _ ftpserver.ClientDriverExtensionFileList = (*sessionFs)(nil)

// Stat is the library's stat. For LIST, NLST and STAT a name that does not
// exist but is a glob matching something stands for a folder holding the
// matches (ReadDir lists them): the library checks a listing's argument
// with Stat and lists only folders or single files.
func (s *sessionFs) Stat(name string) (fs.FileInfo, error) {
	info, err := s.root.Stat(name)
	if err == nil || !s.globbing(name) {
		return info, err
	}
	if _, matches, gerr := s.glob(name); gerr != nil {
		return nil, gerr
	} else if len(matches) == 0 {
		return nil, err
	}
	return globInfo{name: path.Base(name)}, nil
}

// ReadDir lists a folder for LIST, NLST, MLSD and STAT, or the matches of a
// glob (see Stat). A symlink that resolves inside the served folder is
// listed as what it points to, so a client sees a link to a folder as a
// folder it can enter (the library would otherwise report "type=file" and
// LIST "L..." without a target). A link that points outside stays a link:
// it cannot be followed anyway.
func (s *sessionFs) ReadDir(name string) ([]fs.FileInfo, error) {
	if s.globbing(name) {
		if _, err := s.root.Stat(name); err != nil {
			parent, matches, err := s.glob(name)
			if err == nil {
				// NLST then names the matches relative to the working folder.
				s.cc.SetListPath(parent)
			}
			return matches, err
		}
	}
	des, err := fs.ReadDir(s.root.root.FS(), rel(name))
	if err != nil {
		return nil, err
	}
	out := make([]fs.FileInfo, 0, len(des))
	for _, de := range des {
		if info, ok := s.entryInfo(name, de); ok {
			out = append(out, info)
		}
	}
	return out, nil
}

// entryInfo is the details of entry de of folder dir, through a symlink
// that stays inside; false when it vanished meanwhile.
func (s *sessionFs) entryInfo(dir string, de fs.DirEntry) (fs.FileInfo, bool) {
	info, err := de.Info()
	if err != nil {
		return nil, false
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if target, err := s.root.root.Stat(rel(path.Join(dir, de.Name()))); err == nil {
			info = namedInfo{FileInfo: target, name: de.Name()}
		}
	}
	return info, true
}

// namedInfo is a file's details under another name: a link target's under
// the link's, or a glob match's under its path from the glob's folder.
type namedInfo struct {
	fs.FileInfo
	name string
}

func (n namedInfo) Name() string { return n.name }
