package shell

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

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

// printedReplies remembers the last few final reply lines ("550 No such
// file") that the transcript printed, for markShown. Connections may
// trace from a transfer's goroutine, hence the lock.
type printedReplies struct {
	mu    sync.Mutex
	lines []string
}

const keepReplies = 8

func (p *printedReplies) add(line string) {
	if len(line) < 4 || line[3] != ' ' { // not a final line (550-... or a continuation)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.lines) == keepReplies {
		p.lines = append(p.lines[:0], p.lines[1:]...)
	}
	p.lines = append(p.lines, strings.TrimSpace(line))
}

func (p *printedReplies) reset() {
	p.mu.Lock()
	p.lines = p.lines[:0]
	p.mu.Unlock()
}

func (p *printedReplies) has(line string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Contains(p.lines, line)
}

// markShown marks err as shown when the server reply it carries is one
// the transcript (-v) printed during the command: classic ftp says a
// refusal once, as the reply, and so do we.
func (s *Shell) markShown(err error) error {
	var re *session.ReplyError
	if err == nil || Shown(err) || !errors.As(err, &re) {
		return err
	}
	last := re.Msg
	if i := strings.LastIndexByte(last, '\n'); i >= 0 {
		last = last[i+1:]
	}
	if s.replies.has(fmt.Sprintf("%03d %s", re.Code, strings.TrimSpace(last))) {
		return &shownError{err}
	}
	return err
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
