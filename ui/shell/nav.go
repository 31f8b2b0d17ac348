package shell

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func (s *Shell) cmdCd(ctx context.Context, args []string) error {
	_, err := s.cur.remote.Chdir(ctx, args[0])
	return err
}

func (s *Shell) cmdCdup(ctx context.Context, _ []string) error {
	_, err := s.cur.remote.Cdup(ctx)
	return err
}

func (s *Shell) cmdPwd(ctx context.Context, _ []string) error {
	dir, err := s.cur.remote.Pwd(ctx)
	if err == nil {
		s.printf("Remote directory: %s\n", dir)
	}
	return err
}

// cmdLcd changes the local directory (home when no folder is given).
func (s *Shell) cmdLcd(_ context.Context, args []string) error {
	dir := optArg(args, 0)
	if dir == "" || dir == "~" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("lcd: %w", err)
		}
		dir = home
	} else if rest, ok := strings.CutPrefix(dir, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, rest)
		}
	}
	dir = s.localPath(dir)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("lcd: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("lcd: %s: not a folder", dir)
	}
	s.lcwd = filepath.Clean(dir)
	if s.opts.OnLocalDir != nil {
		s.opts.OnLocalDir(s.lcwd)
	}
	s.printf("Local directory now: %s\n", s.lcwd)
	return nil
}

// cmdLpwd shows the local working directory, as BSD ftp's lpwd does:
// the folder lcd, get and put work in, which need not be the process's.
func (s *Shell) cmdLpwd(context.Context, []string) error {
	s.printf("Local directory: %s\n", s.lcwd)
	return nil
}

// cmdModtime shows a remote file's modification time (MDTM).
func (s *Shell) cmdModtime(ctx context.Context, args []string) error {
	t, err := s.cur.remote.ModTime(ctx, args[0])
	if err == nil {
		s.printf("%s\t%s\n", args[0], t.UTC().Format("01/02/2006 15:04:05 GMT"))
	}
	return err
}

// cmdSize shows a remote file's size (SIZE).
func (s *Shell) cmdSize(ctx context.Context, args []string) error {
	n, err := s.cur.remote.Size(ctx, args[0])
	if err == nil {
		s.printf("%s\t%d\n", args[0], n)
	}
	return err
}

func (s *Shell) cmdSystem(ctx context.Context, _ []string) error {
	return s.showQuote(ctx, "SYST")
}

func (s *Shell) cmdRstatus(ctx context.Context, args []string) error {
	return s.showQuote(ctx, strings.TrimSpace("STAT "+optArg(args, 0)))
}

func (s *Shell) cmdRhelp(ctx context.Context, args []string) error {
	return s.showQuote(ctx, strings.TrimSpace("HELP "+optArg(args, 0)))
}

// cmdStatus shows ftpane's state: connections, parameters, toggles and
// macros.
func (s *Shell) cmdStatus(context.Context, []string) error {
	for _, c := range []*conn{s.main, s.proxy} {
		if c != nil {
			s.printf("%s\n", c.describe())
		}
	}
	st := &s.set
	s.printf("Local directory: %s\n", s.lcwd)
	s.printf("Mode: %s; Type: %s; Form: %s; Structure: %s\n", st.mode, st.typeName, st.form, st.stru)
	s.printf("Verbose: %s; Bell: %s; Prompting: %s; Globbing: %s\n",
		onOff(st.verbose.Load()), onOff(st.bell), onOff(st.prompt), onOff(st.glob))
	s.printf("Store unique: %s; Receive unique: %s\n", onOff(st.sunique), onOff(st.runique))
	s.printf("Case: %s; CR stripping: %s\n", onOff(st.mcase), onOff(st.cr))
	s.printf("Ntrans: %s\n", mapping(st.ntransOn, st.ntransIn, st.ntransOut))
	s.printf("Nmap: %s\n", mapping(st.nmapOn, st.nmapIn, st.nmapOut))
	s.printf("Hash mark printing: %s (%d bytes); Tick counter: %s; Use of PORT cmds: %s\n",
		onOff(st.hash), st.hashSize, onOff(st.tick), onOff(st.sendport))
	s.printf("Passive mode: %s; Debugging: %d; Packet tracing: %s\n",
		onOff(st.passive), st.debug.Load(), onOff(st.trace.Load()))
	if st.restart > 0 {
		s.printf("Restart marker: %d\n", st.restart)
	}
	if n := s.q.Rate(); n > 0 {
		s.printf("%s\n", rateLine(n))
	}
	s.printf("Macros: %s\n", s.macroNames())
	return nil
}

func mapping(on bool, in, out string) string {
	if !on {
		return "off"
	}
	return fmt.Sprintf("(in) %s (out) %s", in, out)
}

// describe is one status line about a connection slot.
func (c *conn) describe() string {
	label := "Connected"
	if c.name == "proxy" {
		label = "Proxy connected"
	}
	switch {
	case c.remote != nil:
		cfg := c.remote.Config()
		return fmt.Sprintf("%s to %s as %s (%s, %s), in %s.", label, cfg.Addr(),
			cfg.Label(), c.remote.TLS(), passiveWord(c.remote.Passive()), c.remote.Getwd())
	case c.pending != nil:
		return fmt.Sprintf("%s to %s, not logged in.", label, c.pending.Addr())
	}
	if c.name == "proxy" {
		return "No proxy connection."
	}
	return "Not connected."
}

func passiveWord(p bool) string {
	if p {
		return "passive"
	}
	return "active"
}
