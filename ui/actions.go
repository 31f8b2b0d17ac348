package ui

import (
	"fmt"
	"strings"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/shell"
)

// Every pane action is also written to the log as the command that does
// the same at the : line, so a user learns the language by using the
// panes: the classic command on a server, "! cmd" on the local disk.

// isLocal tells the local disk from a server.
func isLocal(fsys session.FS) bool { return fsys == nil || fsys.Label() == "local" }

// logEquivalent writes one equivalent command line to the log.
func (m *Model) logEquivalent(line string) {
	m.log.Add(logview.Sent, "ftp> "+line)
}

// logFileOp writes the equivalent of a file operation in pane i: remote is
// the classic command with its arguments, local the shell command.
func (m *Model) logFileOp(fsys session.FS, remote []string, local []string) {
	if isLocal(fsys) {
		m.logEquivalent("! " + shQuote(local...))
		return
	}
	m.logEquivalent(shell.CommandLine(remote[0], remote[1:]...))
}

// logDelete writes what deleting these entries is in commands.
func (m *Model) logDelete(fsys session.FS, dir string, entries []session.Entry) {
	for _, e := range entries {
		p := fsys.Join(dir, e.Name)
		switch {
		case isLocal(fsys) && e.IsDir():
			m.logEquivalent("! " + shQuote("rm", "-r", p))
		case isLocal(fsys):
			m.logEquivalent("! " + shQuote("rm", p))
		case e.IsDir():
			m.logEquivalent(shell.CommandLine("rmdir", p) + "   # after deleting what is in it")
		default:
			m.logEquivalent(shell.CommandLine("delete", p))
		}
	}
}

// logCopy writes the equivalent of copying one entry from one side to the
// other: get/put for files, mirror for folders.
func (m *Model) logCopy(srcFS session.FS, src string, dstFS session.FS, dst string, dir, move bool) {
	var line string
	switch {
	case !isLocal(srcFS) && isLocal(dstFS) && dir:
		line = shell.CommandLine("mirror", src, dst)
	case !isLocal(srcFS) && isLocal(dstFS):
		line = shell.CommandLine("get", src, dst)
	case isLocal(srcFS) && !isLocal(dstFS) && dir:
		line = shell.CommandLine("mirror", "-R", src, dst)
	case isLocal(srcFS) && !isLocal(dstFS):
		line = shell.CommandLine("put", src, dst)
	default:
		line = shell.CommandLine("proxy", "get", src, dst) + "   # between the two servers"
	}
	if move {
		line += "   # then the source is deleted"
	}
	m.logEquivalent(line)
}

// shQuote joins words for sh, quoting those that need it.
func shQuote(words ...string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,") == "" {
			out[i] = w
			continue
		}
		out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

// octal is a chmod dialog's value as an octal mode for the log.
func octal(text string) string {
	mode, err := ParseMode(text)
	if err != nil {
		return text
	}
	return fmt.Sprintf("%03o", mode.Perm())
}
