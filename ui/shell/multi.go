package shell

import (
	"context"
	"errors"
)

// cmdMget downloads every remote file matching the patterns, asking per
// file when prompting is on.
func (s *Shell) cmdMget(ctx context.Context, args []string) error {
	names, err := s.remoteGlob(ctx, args, false)
	all := false
	for _, n := range names {
		ok, stop := s.confirm("mget", n, &all)
		if stop {
			break
		}
		if ok {
			err = errors.Join(err, s.getFile(ctx, n, "", getPlain))
		}
		if ctx.Err() != nil {
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}

// cmdMput uploads every local file matching the patterns.
func (s *Shell) cmdMput(ctx context.Context, args []string) error {
	names, err := s.localGlob(args)
	all := false
	for _, n := range names {
		ok, stop := s.confirm("mput", n, &all)
		if stop {
			break
		}
		if ok {
			err = errors.Join(err, s.putFile(ctx, n, "", false))
		}
		if ctx.Err() != nil {
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}
