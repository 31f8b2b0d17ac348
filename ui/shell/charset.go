package shell

import (
	"context"
	"strings"
)

// cmdCharset shows or sets the charset of remote names on the current
// connection, as lftp's "set ftp:charset" does; the TUI applies it to the
// pane's session too and lists the folder again.
func (s *Shell) cmdCharset(ctx context.Context, args []string) error {
	r := s.cur.remote
	if len(args) == 0 {
		s.printf("Remote names are read as %s.\n", charsetName(r.Encoding()))
		return nil
	}
	if err := r.SetEncoding(ctx, args[0]); err != nil {
		return err
	}
	s.printf("Remote names are now read as %s.\n", charsetName(r.Encoding()))
	return nil
}

func charsetName(enc string) string {
	if enc == "" {
		return "utf-8"
	}
	return strings.ToLower(enc)
}
