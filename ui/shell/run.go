package shell

import (
	"context"
	"errors"
	"fmt"
)

// UsageError is a command given the wrong number or kind of arguments.
type UsageError struct {
	Cmd   string
	Usage string
}

func (e *UsageError) Error() string { return "usage: " + e.Usage }

// ErrNotConnected is returned by commands that need a server when there is
// no logged-in connection.
var ErrNotConnected = errors.New("not connected (use open HOST, then user NAME when asked)")

// Run runs one command line. Output goes to Options.Out; the error says
// why the command failed (the front end shows it). While a macdef is being
// read, the line is added to the macro instead (an empty line ends it).
// bye and quit return ErrQuit.
func (s *Shell) Run(ctx context.Context, line string) error {
	if s.def != nil {
		return s.defineLine(line)
	}
	args, err := Split(line)
	if err != nil || len(args) == 0 {
		return err
	}
	s.replies.reset()
	err = s.markShown(s.exec(ctx, args))
	if s.set.bell {
		s.rawf("\a") // our own bell, the bell command
	}
	return err
}

// exec runs one parsed command on the current connection.
func (s *Shell) exec(ctx context.Context, args []string) error {
	c, err := lookup(args[0])
	if err != nil {
		return err
	}
	n := len(args) - 1
	if n < c.min || (c.max >= 0 && n > c.max) {
		return &UsageError{Cmd: c.name, Usage: usageOf(c.name)}
	}
	if c.conn && s.cur == s.main {
		if err := s.syncFolder(ctx); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	if c.conn && s.cur.remote == nil {
		if s.cur.pending != nil {
			return fmt.Errorf("%s: not logged in to %s (use user NAME [PASSWORD])", c.name, s.cur.pending.Addr())
		}
		return fmt.Errorf("%s: %w", c.name, ErrNotConnected)
	}
	return c.run(s, ctx, args[1:])
}
