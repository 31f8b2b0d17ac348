package shell

import (
	"context"
	"errors"
	"os"
	"os/exec"
)

// cmdBang runs a local command with sh -c in the local directory; with no
// command, an interactive shell, which needs a terminal.
func (s *Shell) cmdBang(ctx context.Context, args []string) error {
	command := optArg(args, 0)
	if s.opts.Shell != nil {
		return s.opts.Shell(ctx, s.lcwd, command)
	}
	if command == "" {
		if s.opts.Batch {
			return errors.New("!: an interactive shell needs a terminal; give a command (! ls -l)")
		}
		sh := os.Getenv("SHELL")
		if sh == "" {
			sh = "/bin/sh"
		}
		cmd := exec.CommandContext(ctx, sh)
		cmd.Dir, cmd.Stdin, cmd.Stdout, cmd.Stderr = s.lcwd, os.Stdin, os.Stdout, os.Stderr
		return cmd.Run()
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
	cmd.Dir, cmd.Stdout, cmd.Stderr = s.lcwd, s.out, s.out
	return cmd.Run()
}
