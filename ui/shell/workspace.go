package shell

import (
	"context"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// The TUI's ":" line acts on the panes: before each line the front end
// attaches the remote pane's connection and folder (Attach) and the local
// pane's folder (SetLocalDir); after it, the front end reads back where
// the connection is (Remote, Getwd) and moves the panes and the header.
// The shell never dials for the panes; only open, user and proxy open
// make connections, which the front end then gives to a pane.

// Attach makes r, a connection a pane owns, the shell's main connection,
// in folder dir (the pane's): the next line runs there. nil: no server.
// A connection the shell had opened and that no pane took is closed.
func (s *Shell) Attach(r *session.Remote, dir string) {
	if s.main.remote != nil && s.main.remote != r && !s.main.attached {
		s.main.remote.Close()
	}
	s.main.remote, s.main.pending, s.main.attached = r, nil, r != nil
	s.syncDir = dir
}

// AttachProxy makes r, the other pane's connection, the proxy
// connection, so that proxy get and put copy between the two panes'
// servers. nil: proxy open dials a connection of its own (the only one
// the shell makes for a screen). proxy cd moves r as it moves the pane.
func (s *Shell) AttachProxy(r *session.Remote, dir string) {
	if s.proxy == nil {
		s.proxy = &conn{name: "proxy"}
	}
	if r == nil && s.proxy.attached {
		s.proxy.remote, s.proxy.attached = nil, false
	}
	if r != nil {
		if s.proxy.remote != nil && s.proxy.remote != r && !s.proxy.attached {
			s.proxy.remote.Close()
		}
		s.proxy.remote, s.proxy.pending, s.proxy.attached = r, nil, true
		if dir != "" && r.Getwd() != dir {
			s.proxySync = dir
		}
	}
}

// syncFolder moves the attached connection into the pane's folder before
// a command runs, so that cd, pwd, get and put mean what the pane shows.
// It costs a CWD only when the two differ.
func (s *Shell) syncFolder(ctx context.Context) error {
	r, dir := s.main.remote, s.syncDir
	s.syncDir = ""
	if r == nil || dir == "" || r.Getwd() == dir {
		return nil
	}
	_, err := r.Chdir(ctx, dir)
	return err
}

// syncProxy moves the attached proxy connection into its pane's folder.
func (s *Shell) syncProxy(ctx context.Context) error {
	dir := s.proxySync
	s.proxySync = ""
	if s.proxy == nil || s.proxy.remote == nil || dir == "" {
		return nil
	}
	_, err := s.proxy.remote.Chdir(ctx, dir)
	return err
}

// Proxy is the proxy connection after a line, or nil.
func (s *Shell) Proxy() *session.Remote {
	if s.proxy == nil {
		return nil
	}
	return s.proxy.remote
}

// Changes reports what a command line may change: the remote folder's
// content, the local folder's. Pure reports (pwd, status, help, ls to the
// screen) change neither, so the front end reloads nothing for them.
func Changes(line string) (remote, local bool) {
	name := CommandName(line)
	if strings.HasPrefix(strings.TrimSpace(line), "!") {
		return false, true
	}
	switch name {
	case "put", "mput", "append", "mkdir", "rmdir", "delete", "mdelete", "rename", "chmod", "site",
		"quote", "umask", "proxy", "charset":
		return true, false
	case "get", "mget", "reget", "newer", "lcd", "mdir", "mls":
		return false, true
	case "ls", "nlist": // only with a local file to write the listing to
		words, _ := Split(line)
		return false, len(words) > 2 && words[2] != "-"
	case "mirror":
		return true, true
	}
	return false, false
}
