package shell

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/netrc"
)

// conn is one connection slot: the main one or the proxy's. pending is a
// host given to open that is not logged in yet (classic ftp -n: open,
// then user).
type conn struct {
	name    string
	pending *session.Config
	remote  *session.Remote
	// attached: remote is a pane's connection (Attach); close still
	// closes it, as the user asked, and the pane follows.
	attached bool
}

func (c *conn) close() error {
	c.pending = nil
	if c.remote == nil {
		return nil
	}
	err := c.remote.Close()
	c.remote, c.attached = nil, false
	return err
}

// Connect opens a connection to cfg on the current slot, as open does:
// auto-login (cfg's user, else ~/.netrc unless -n), then the netrc init
// macro. Batch mode calls it for the host given on the command line.
func (s *Shell) Connect(ctx context.Context, cfg session.Config) error {
	if s.cur.remote != nil {
		return fmt.Errorf("already connected to %s, use close first", s.cur.remote.Label())
	}
	var m *netrc.Machine
	if !s.opts.NoNetrc {
		m = s.netrcMachine(cfg.Host)
		s.loadNetrcMacros(m)
		if cfg.User == "" && m != nil {
			cfg.User, cfg.Password, cfg.Account = m.Login, m.Password, m.Account
		}
		if cfg.Port == 0 && m != nil {
			cfg.Port = m.Port
		}
	}
	if cfg.User == "" {
		if s.opts.NoNetrc {
			s.cur.pending = &cfg
			return nil
		}
		local := os.Getenv("USER")
		name, err := s.prompt.Line(fmt.Sprintf("Name (%s:%s): ", cfg.Host, local), false)
		if name = strings.TrimSpace(name); err == nil && name == "" {
			name = local
		}
		if err != nil || name == "" {
			s.cur.pending = &cfg
			s.printf("Not logged in to %s: use user NAME [PASSWORD].\n", cfg.Addr())
			return nil
		}
		cfg.User = name
	}
	if err := s.login(ctx, cfg); err != nil {
		return err
	}
	if m != nil && cfg.User == m.Login {
		if body, ok := m.Macro("init"); ok {
			return s.runMacro(ctx, body.Lines, nil)
		}
	}
	return nil
}

// login dials and logs in with cfg (asking for a missing password), then
// applies the current transfer parameters to the new connection.
func (s *Shell) login(ctx context.Context, cfg session.Config) error {
	if cfg.Password == "" && !anonymous(cfg.User) {
		pass, err := s.prompt.Line("Password: ", true)
		if err == nil {
			cfg.Password = pass
		}
	}
	cfg.Active = !s.set.passive
	s.cur.pending = &cfg
	if s.set.verbose.Load() {
		s.printf("Connected to %s.\n", cfg.Host)
	}
	r, err := s.dial(ctx, cfg, session.WithTrace(s.traceFunc), session.WithEvents(s.opts.OnEvent))
	if err != nil {
		return err
	}
	s.cur.pending, s.cur.remote = nil, r
	return s.applyParams(ctx, r)
}

func anonymous(user string) bool {
	return user == "" || strings.EqualFold(user, "anonymous") || strings.EqualFold(user, "ftp")
}

// applyParams gives a new connection the type, mode and structure set
// before it existed.
func (s *Shell) applyParams(ctx context.Context, r *session.Remote) error {
	if t := wireType(s.set.typeName); t != "I" {
		if _, err := quoteOK(ctx, r, "TYPE "+t); err != nil {
			return err
		}
	}
	for _, p := range []struct{ val, def, verb string }{{s.set.mode, "stream", "MODE"}, {s.set.stru, "file", "STRU"}} {
		if p.val != p.def {
			if _, err := quoteOK(ctx, r, p.verb+" "+strings.ToUpper(p.val[:1])); err != nil {
				return err
			}
		}
	}
	return nil
}

// netrcMachine is the netrc entry for host, or nil (no file, no entry, or
// a file that cannot be used: then a note says why).
func (s *Shell) netrcMachine(host string) *netrc.Machine {
	if s.opts.NetrcPath == "" {
		return nil
	}
	f, err := netrc.Load(s.opts.NetrcPath)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.printf("netrc: %v\n", err)
		}
		return nil
	}
	return f.Lookup(host)
}

// cmdOpen connects to host [port] or a URL.
func (s *Shell) cmdOpen(ctx context.Context, args []string) error {
	if len(args) == 0 {
		line, err := s.prompt.Line("(to) ", false)
		if err != nil {
			return &UsageError{Cmd: "open", Usage: usageOf("open")}
		}
		if args, err = Split(line); err != nil || len(args) == 0 || len(args) > 2 {
			return &UsageError{Cmd: "open", Usage: usageOf("open")}
		}
	}
	if s.cur.remote != nil {
		return fmt.Errorf("already connected to %s, use close first", s.cur.remote.Label())
	}
	if strings.HasPrefix(args[0], "@") {
		return s.openSite(ctx, args) // sites.go
	}
	cfg, err := session.ParseURL(args[0])
	if err != nil {
		return err
	}
	s.fromTemplate(&cfg, !strings.Contains(args[0], "://"))
	if len(args) == 2 {
		p, err := strconv.Atoi(args[1])
		if err != nil || p < 1 || p > 65535 {
			return fmt.Errorf("open: bad port %q: must be 1-65535", args[1])
		}
		cfg.Port = p
	}
	return s.Connect(ctx, cfg)
}

// cmdUser logs in (again) on the opened host.
func (s *Shell) cmdUser(ctx context.Context, args []string) error {
	cfg := s.cur.pending
	if s.cur.remote != nil {
		c := s.cur.remote.Config()
		cfg = &c
	}
	if cfg == nil {
		return fmt.Errorf("user: %w", ErrNotConnected)
	}
	if len(args) == 0 {
		name, err := s.prompt.Line("(username) ", false)
		if err != nil || strings.TrimSpace(name) == "" {
			return &UsageError{Cmd: "user", Usage: usageOf("user")}
		}
		args = []string{strings.TrimSpace(name)}
	}
	next := *cfg
	next.User, next.Password, next.Account = args[0], "", ""
	if len(args) > 1 {
		next.Password = args[1]
	}
	if len(args) > 2 {
		next.Account = args[2]
	}
	s.cur.close()
	s.cur.pending = &next
	return s.login(ctx, next)
}

// cmdAccount sends ACCT with the given or prompted password.
func (s *Shell) cmdAccount(ctx context.Context, args []string) error {
	if len(args) == 0 {
		acct, err := s.prompt.Line("Account: ", true)
		if err != nil {
			return fmt.Errorf("account: no account given and no terminal to ask for one")
		}
		args = []string{acct}
	}
	return s.showQuote(ctx, "ACCT "+args[0])
}

func (s *Shell) cmdClose(context.Context, []string) error {
	if s.cur.remote == nil && s.cur.pending == nil {
		return fmt.Errorf("close: %w", ErrNotConnected)
	}
	return s.cur.close()
}

func (s *Shell) cmdBye(context.Context, []string) error {
	s.Close()
	return ErrQuit
}

// cmdIdle shows or sets the server's idle timer (SITE IDLE).
func (s *Shell) cmdIdle(ctx context.Context, args []string) error {
	return s.showQuote(ctx, strings.TrimSpace("SITE IDLE "+strings.Join(args, " ")))
}

// cmdReset resynchronises the control connection.
func (s *Shell) cmdReset(ctx context.Context, _ []string) error {
	return s.cur.remote.Reset(ctx)
}

// fromTemplate fills in the settings of Options.Template; the TLS mode
// only when the host was not given as a URL (whose scheme decides).
func (s *Shell) fromTemplate(cfg *session.Config, bare bool) {
	t := s.opts.Template
	if bare {
		cfg.TLS = t.TLS
	}
	cfg.Insecure, cfg.RootCAs, cfg.Timeout, cfg.Trust = t.Insecure, t.RootCAs, t.Timeout, t.Trust
	cfg.Keepalive = t.Keepalive
}
