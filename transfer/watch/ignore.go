package watch

import (
	"path"
	"strings"
)

// vcsDirs are version-control folders: their churn is not the project's
// files.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// Ignored reports whether the path rel (relative, slash-separated) is
// one a watch leaves alone: ftpane's own NAME.part (and .part.seg) files,
// editor swap and lock files (.NAME.swp/.swo/.swx and vim's 4913, .#NAME
// and #NAME#, backups ending in ~) and what is in .git, .hg and .svn
// folders. assets/help/watch.txt says the same to users.
func Ignored(rel string) bool {
	dir, name := path.Split(rel)
	for _, d := range strings.Split(strings.Trim(dir, "/"), "/") {
		if vcsDirs[d] {
			return true
		}
	}
	switch {
	case vcsDirs[name], name == "4913": // 4913: vim checks it may write the folder
		return true
	case strings.HasSuffix(name, ".part"), strings.HasSuffix(name, ".part.seg"):
		return true // a copy not yet verified, ours or a download's
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasPrefix(name, ".#"), len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true // emacs: lock link, auto-save
	case strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swo") ||
		strings.HasSuffix(name, ".swx")):
		return true // vim swap files
	}
	return false
}
