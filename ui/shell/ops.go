package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// quoteOK sends a raw command and turns a negative reply into an error
// that carries the server's code and text.
func quoteOK(ctx context.Context, r *session.Remote, line string) (session.Reply, error) {
	rep, err := r.Quote(ctx, line)
	if err != nil {
		return rep, err
	}
	if !rep.Positive() {
		verb, _, _ := strings.Cut(line, " ")
		return rep, &session.ReplyError{Op: strings.ToLower(verb), Code: rep.Code, Msg: rep.Text()}
	}
	return rep, nil
}

// showQuote sends a raw command and shows the server's reply: the reply
// is the command's answer, whatever it says. A negative one also makes the
// command fail (the reply is the reason), so batch mode's exit status
// tells.
func (s *Shell) showQuote(ctx context.Context, line string) error {
	rep, err := s.cur.remote.Quote(ctx, line)
	if err != nil {
		return err
	}
	if !s.set.verbose.Load() {
		s.printf("%s\n", rep.String())
	}
	if !rep.Positive() {
		verb, _, _ := strings.Cut(line, " ")
		return &shownError{&session.ReplyError{Op: strings.ToLower(verb), Code: rep.Code, Msg: rep.Text()}}
	}
	return nil
}

// shownError is a failure whose reason was already printed (the server's
// reply): front ends count it but need not print it again.
type shownError struct{ err error }

func (e *shownError) Error() string { return e.err.Error() }
func (e *shownError) Unwrap() error { return e.err }

// Shown reports whether err's reason has already been written to the
// output (a server reply shown by quote, site, ...).
func Shown(err error) bool {
	var se *shownError
	return errors.As(err, &se)
}

// cmdQuote sends its arguments verbatim as one command.
func (s *Shell) cmdQuote(ctx context.Context, args []string) error {
	return s.showQuote(ctx, strings.Join(args, " "))
}

// cmdSite sends SITE with its arguments.
func (s *Shell) cmdSite(ctx context.Context, args []string) error {
	return s.showQuote(ctx, "SITE "+strings.Join(args, " "))
}

// cmdUmask shows or sets the server's umask (SITE UMASK).
func (s *Shell) cmdUmask(ctx context.Context, args []string) error {
	return s.showQuote(ctx, strings.TrimSpace("SITE UMASK "+strings.Join(args, " ")))
}

// cmdChmod changes a remote file's mode (SITE CHMOD).
func (s *Shell) cmdChmod(ctx context.Context, args []string) error {
	if strings.Trim(args[0], "01234567") != "" || len(args[0]) > 4 {
		return fmt.Errorf("chmod: bad mode %q: expected octal digits such as 644", args[0])
	}
	return s.showQuote(ctx, "SITE CHMOD "+args[0]+" "+args[1])
}

// The simple commands below are silent on success, as in classic ftp:
// with verbose on, the transcript shows the server's reply.

func (s *Shell) cmdDelete(ctx context.Context, args []string) error {
	return s.cur.remote.Delete(ctx, args[0])
}

func (s *Shell) cmdMkdir(ctx context.Context, args []string) error {
	return s.cur.remote.Mkdir(ctx, args[0])
}

func (s *Shell) cmdRmdir(ctx context.Context, args []string) error {
	return s.cur.remote.Rmdir(ctx, args[0])
}

func (s *Shell) cmdRename(ctx context.Context, args []string) error {
	return s.cur.remote.Rename(ctx, args[0], args[1])
}

// cmdMdelete deletes the remote files matching the patterns, asking per
// file when prompting is on.
func (s *Shell) cmdMdelete(ctx context.Context, args []string) error {
	names, err := s.remoteGlob(ctx, args, false)
	all := false
	for _, n := range names {
		ok, stop := s.confirm("mdelete", n, &all)
		if stop {
			break
		}
		if ok {
			err = errors.Join(err, s.cmdDelete(ctx, []string{n}))
		}
	}
	return err
}
