package session

import (
	"errors"
	"path"
	"strings"
)

// Some servers (GNU inetutils ftpd, netkit's Linux-ftpd and other BSD
// ftpd descendants) hand LIST's argument to /bin/ls after splitting it at
// spaces and expanding globs: "LIST -a /srv/with space" lists "/srv/with"
// and "space", and a missing folder "succeeds" with ls's complaint as the
// listing. lftp's answer, taken here: change into the folder (CWD), list
// it without an argument, and change back. A CWD refused is the server's
// own error, with its code and text.

// errLsArgs marks a listing that came back as ls's error about a split or
// globbed argument: the server lists through /bin/ls.
var errLsArgs = errors.New("the server passed the listing's argument to ls")

// lsBanners are greetings of servers known to list through /bin/ls.
var lsBanners = []string{"GNU inetutils", "Linux-ftpd", "FTP server (Version 6."}

// listsThroughLs reports whether a greeting names a server that passes
// LIST's argument to /bin/ls.
func listsThroughLs(banner Reply) bool {
	text := banner.Text()
	for _, b := range lsBanners {
		if strings.Contains(text, b) {
			return true
		}
	}
	return false
}

// ListsInFolder reports whether this session lists a folder by entering
// it (CWD, LIST, CWD back) rather than by naming it to LIST: the server's
// greeting or an earlier listing showed that it lists through /bin/ls.
func (r *Remote) ListsInFolder() bool { return r.lsArgs.Load() }

// inFolder reports whether listing dir must go through CWD: always on a
// server that lists through ls, and on any server for a path ls would
// split or glob.
func (r *Remote) inFolder(dir string) bool {
	if dir == "" {
		return false
	}
	return r.lsArgs.Load() || strings.ContainsAny(dir, " \t*?[]{}~") || strings.HasPrefix(path.Base(dir), "-")
}

// listInFolder enters dir, lists it with verb ("LIST -a", "LIST -lt"),
// and returns to the session's folder.
func (r *Remote) listInFolder(dir, verb string, each func(string) error) error {
	if err := r.cwdTo("ls "+dir, dir); err != nil {
		return err
	}
	err := r.listAt(verb, "", each)
	if back := r.cwdTo("return to "+r.cwd, r.cwd); back != nil {
		r.w.broken = true // the next command reconnects and returns to r.cwd
		return errors.Join(err, back)
	}
	return err
}

func (r *Remote) cwdTo(op, dir string) error {
	rep, err := r.w.cmd("CWD " + dir)
	if err != nil {
		return err
	}
	if rep.Code/100 != 2 {
		return &ReplyError{Op: op, Code: rep.Code, Msg: rep.Text()}
	}
	return nil
}

// lsErrorGuard wraps each for a LIST that names dir: when the first line
// is ls complaining about a piece of dir, the listing is abandoned with
// errLsArgs instead of showing the complaint as an entry.
func lsErrorGuard(dir string, each func(string) error) func(string) error {
	first := true
	return func(line string) error {
		if first && trimSpaces(line) != "" && !isTotalLine(line) {
			first = false
			if looksLikeLsError(line, dir) {
				return errLsArgs
			}
		}
		return each(line)
	}
}

// looksLikeLsError recognises "ls: cannot access 'x': ..." and
// "/srv/with: No such file or directory" where the path is part of dir.
func looksLikeLsError(line, dir string) bool {
	if strings.HasPrefix(line, "ls: ") || strings.HasPrefix(line, "/bin/ls: ") {
		return true
	}
	i := strings.LastIndex(line, ": ")
	if i <= 0 {
		return false
	}
	msg := strings.ToLower(line[i+2:])
	if !strings.Contains(msg, "no such file") && !strings.Contains(msg, "not a directory") &&
		!strings.Contains(msg, "permission denied") {
		return false
	}
	return strings.Contains(dir, line[:i])
}
