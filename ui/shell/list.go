package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
)

// cmdLs writes the long listing of a folder or file (LIST, or MLSD
// formatted the same way) to the screen or to a local file. Options
// ("ls -lt", "dir -R") go to the server as LIST's argument, as classic
// ftp and lftp send them; without options dot files are left out.
func (s *Shell) cmdLs(ctx context.Context, args []string) error {
	var flags []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		flags = append(flags, args[0])
		args = args[1:]
	}
	if len(args) > 2 {
		return errors.New("usage: ls [-options] [remote-directory] [local-file]")
	}
	return s.listTo(ctx, optArg(args, 1), func(w io.Writer) error {
		return s.longListFlags(ctx, w, optArg(args, 0), strings.Join(flags, " "))
	})
}

// cmdNlist writes the names of a folder (NLST).
func (s *Shell) cmdNlist(ctx context.Context, args []string) error {
	return s.listTo(ctx, optArg(args, 1), func(w io.Writer) error {
		return s.nameList(ctx, w, optArg(args, 0))
	})
}

// cmdMdir is ls over several remote names or patterns into one file.
func (s *Shell) cmdMdir(ctx context.Context, args []string) error {
	return s.multiList(ctx, args, s.longList)
}

// cmdMls is nlist over several remote names or patterns into one file.
func (s *Shell) cmdMls(ctx context.Context, args []string) error {
	return s.multiList(ctx, args, s.nameList)
}

func (s *Shell) multiList(ctx context.Context, args []string, list func(context.Context, io.Writer, string) error) error {
	names, gerr := s.remoteGlob(ctx, args[:len(args)-1], true)
	err := s.listTo(ctx, args[len(args)-1], func(w io.Writer) error {
		var err error
		for _, n := range names {
			err = errors.Join(err, list(ctx, w, n))
		}
		return err
	})
	return errors.Join(gerr, err)
}

// listTo runs write with the screen, or a local file when one is named
// ("-" is the screen, through the sanitiser). A local file gets the
// listing as the server sent it. Writing a file asks first when prompting
// is on.
func (s *Shell) listTo(_ context.Context, local string, write func(io.Writer) error) error {
	if local == "" || local == "-" {
		return write(s.text)
	}
	all := false
	if ok, _ := s.confirm("output to local-file:", local, &all); !ok {
		return nil
	}
	f, err := os.Create(s.localPath(local))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	return errors.Join(err, bw.Flush(), f.Close())
}

// longList writes one folder's (or file's) long listing, one line per
// entry. Server lines are kept as sent; MLSD facts are formatted like ls.
// Dot files are left out, as a plain LIST does.
func (s *Shell) longList(ctx context.Context, w io.Writer, dir string) error {
	return s.longListFlags(ctx, w, dir, "")
}

// longListFlags is longList with the user's ls options, which go to the
// server (and then nothing is left out here). Entries are written as
// they arrive, so a huge folder costs no memory per entry. The listing's
// warnings (a charset guess, refused options) follow it on the screen.
func (s *Shell) longListFlags(ctx context.Context, w io.Writer, dir, flags string) error {
	write := func(e session.Entry) error {
		hidden := flags == "" && strings.HasPrefix(e.Name, ".")
		if hidden && e.Name != dir && e.Kind != session.KindUnknown {
			return nil
		}
		line := e.Raw
		if line == "" || isFacts(line) {
			line = formatEntry(e)
		}
		_, err := io.WriteString(w, line+"\n")
		return err
	}
	wrote := false
	each := func(e session.Entry) error { wrote = true; return write(e) }
	r := s.cur.remote
	var warnings []string
	var err error
	if flags == "" {
		warnings, err = r.ListEach(ctx, dir, each)
	} else {
		warnings, err = r.ListFlags(ctx, dir, flags, each)
	}
	for _, w := range warnings {
		s.printf("ftpane: %s\n", w)
	}
	if err != nil && dir != "" && !wrote {
		// MLSD refuses a file: describe the file itself instead.
		e, serr := r.Stat(ctx, dir)
		if serr != nil || e.IsDir() {
			return err
		}
		e.Name = dir
		return write(e)
	}
	return err
}

// isFacts reports an MLSD line ("type=file;size=3; name").
func isFacts(raw string) bool {
	facts, _, ok := strings.Cut(raw, " ")
	return ok && strings.Contains(facts, "=") && strings.HasSuffix(facts, ";")
}

// formatEntry writes an entry as ls -l would.
func formatEntry(e session.Entry) string {
	mode := e.ModeString()
	if mode == "" {
		mode = "-?????????"
		if e.IsDir() {
			mode = "d?????????"
		}
	}
	owner, group := e.Owner, e.Group
	if owner == "" {
		owner, group = "ftp", "ftp"
	}
	name := e.Name
	if e.Target != "" {
		name += " -> " + e.Target
	}
	when := e.ModTime.Format("Jan _2 15:04")
	if age := time.Since(e.ModTime); age > 182*24*time.Hour || age < -time.Hour {
		when = e.ModTime.Format("Jan _2  2006")
	}
	return fmt.Sprintf("%s 1 %-8s %-8s %12d %s %s", mode, owner, group, e.Size, when, name)
}

// nameList writes the server's NLST for dir.
func (s *Shell) nameList(ctx context.Context, w io.Writer, dir string) error {
	names, err := s.cur.remote.NameList(ctx, dir)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}
