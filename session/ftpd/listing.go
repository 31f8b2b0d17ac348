package ftpd

import (
	"io/fs"
	"path"

	ftpserver "github.com/fclairamb/ftpserverlib"
)

var _ ftpserver.ClientDriverExtensionFileList = (*sessionFs)(nil)

// ReadDir lists a folder for LIST, NLST and MLSD. A symlink that resolves
// inside the served folder is listed as what it points to, so a client
// sees a link to a folder as a folder it can enter (the library would
// otherwise report MLSD "type=file" and LIST "L..." without a target). A
// link that points outside stays a link: it cannot be followed anyway.
func (s *sessionFs) ReadDir(name string) ([]fs.FileInfo, error) {
	des, err := fs.ReadDir(s.root.root.FS(), rel(name))
	if err != nil {
		return nil, err
	}
	out := make([]fs.FileInfo, 0, len(des))
	for _, de := range des {
		info, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if target, err := s.root.root.Stat(rel(path.Join(name, de.Name()))); err == nil {
				info = namedInfo{FileInfo: target, name: de.Name()}
			}
		}
		out = append(out, info)
	}
	return out, nil
}

// namedInfo is a link target's details under the link's own name.
type namedInfo struct {
	fs.FileInfo
	name string
}

func (n namedInfo) Name() string { return n.name }
