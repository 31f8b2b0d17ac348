package main

import (
	"crypto/rand"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ftpane/ftpane/session/ftpd"
)

const (
	defaultServeUser = "ftpane"
	servePassEnv     = "FTPANE_SERVE_PASS"
)

// passSource says where the password came from, to tell the user without
// showing it.
type passSource string

const (
	passGenerated passSource = "generated"
	passFlag      passSource = "--pass"
	passEnv       passSource = servePassEnv
)

// serveConfig is the parsed command line of `ftpane serve`.
type serveConfig struct {
	dir, addr, user, pass   string
	passFrom                passSource
	anonymous, readOnly     bool
	tlsCert, tlsKey         string
	selfSigned, implicitTLS bool
	requireTLS              bool // settled by checkTLS: on with TLS unless turned off
	maxPerIP, maxConns      int
	passive                 portsFlag
}

// portsFlag is --passive-ports FIRST-LAST.
type portsFlag struct{ r ftpd.PortRange }

func (p *portsFlag) String() string {
	if p == nil || p.r.IsZero() {
		return ""
	}
	return p.r.String()
}

func (p *portsFlag) Set(s string) (err error) {
	p.r, err = ftpd.ParsePortRange(s)
	return err
}

func (c serveConfig) tlsEnabled() bool { return c.tlsCert != "" || c.selfSigned }

func serveFlagSet(c *serveConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("ftpane serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed by serve, on one line
	fs.StringVar(&c.addr, "addr", ftpd.DefaultAddr, "listen on `host:port`; port 0 picks a free one")
	fs.StringVar(&c.user, "user", "", "the account's `name` (default "+defaultServeUser+")")
	fs.StringVar(&c.pass, "pass", "", "the account's `password` (or set "+servePassEnv+"; default: random, printed once)")
	fs.BoolVar(&c.anonymous, "anonymous", false, "accept anonymous logins (users anonymous and ftp, any password)")
	fs.BoolVar(&c.readOnly, "readonly", false, "refuse every upload, delete, rename, mkdir and chmod")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "TLS certificate `file` (PEM), with --tls-key")
	fs.StringVar(&c.tlsKey, "tls-key", "", "TLS private key `file` (PEM), with --tls-cert")
	fs.BoolVar(&c.selfSigned, "tls-self-signed", false, "TLS with a fresh self-signed certificate")
	fs.BoolVar(&c.implicitTLS, "implicit-tls", false, "TLS from the first byte (ftps://) instead of AUTH TLS")
	fs.BoolVar(&c.requireTLS, "require-tls", false, "refuse USER and PASS (530) until AUTH TLS, so no password travels in clear\n(default true with --tls-cert or --tls-self-signed; --require-tls=false turns it off)")
	fs.IntVar(&c.maxPerIP, "max-conns-per-ip", ftpd.DefaultMaxConnsPerIP, "at most `N` connections from one address; more get 421 (0: no limit)")
	fs.IntVar(&c.maxConns, "max-conns", ftpd.DefaultMaxConns, "at most `N` connections in all; more get 421 (0: no limit)")
	fs.Var(&c.passive, "passive-ports", "passive data connections on ports `FIRST-LAST` only, e.g. 50000-50100 (for a firewall)")
	return fs
}

func printServeUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: ftpane serve [DIR] [flags]")
	fmt.Fprintln(w, "Share DIR (default: the current folder) over FTP until Ctrl+C.")
	fs := serveFlagSet(&serveConfig{})
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// parseServeArgs reads flags before and after DIR and settles the account.
func parseServeArgs(args []string, getenv func(string) string) (serveConfig, error) {
	c := serveConfig{dir: "."}
	fs := serveFlagSet(&c)
	var dirs []string
	for {
		if err := fs.Parse(args); err != nil {
			return c, err
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(dirs) > 1 {
		return c, fmt.Errorf("one folder at most, got %q", dirs)
	}
	if len(dirs) == 1 {
		c.dir = dirs[0]
	}
	if err := c.checkTLS(fs); err != nil {
		return c, err
	}
	if c.maxPerIP < 0 || c.maxConns < 0 {
		return c, errors.New("--max-conns-per-ip and --max-conns take 0 (no limit) or more")
	}
	return c, c.settleAccount(getenv)
}

// checkTLS checks the TLS flags go together and settles --require-tls.
func (c *serveConfig) checkTLS(fs *flag.FlagSet) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "require-tls" })
	if !set {
		c.requireTLS = c.tlsEnabled()
	}
	switch {
	case c.requireTLS && !c.tlsEnabled():
		return errors.New("--require-tls needs --tls-cert/--tls-key or --tls-self-signed")
	case (c.tlsCert == "") != (c.tlsKey == ""):
		return errors.New("--tls-cert and --tls-key go together")
	case c.tlsCert != "" && c.selfSigned:
		return errors.New("choose --tls-cert/--tls-key or --tls-self-signed, not both")
	case c.implicitTLS && !c.tlsEnabled():
		return errors.New("--implicit-tls needs --tls-cert/--tls-key or --tls-self-signed")
	}
	return nil
}

// settleAccount: a named account exists unless --anonymous is given alone.
// Its password comes from --pass, else the environment, else is generated.
func (c *serveConfig) settleAccount(getenv func(string) string) error {
	if c.anonymous && c.user == "" && c.pass == "" {
		return nil
	}
	if c.user == "" {
		c.user = defaultServeUser
	}
	switch {
	case c.pass != "":
		c.passFrom = passFlag
	case getenv(servePassEnv) != "":
		c.pass, c.passFrom = getenv(servePassEnv), passEnv
	default:
		c.pass, c.passFrom = rand.Text(), passGenerated
	}
	return nil
}

// options turns the configuration into server options, loading or making
// the TLS certificate. Connection and transfer logs go to logw.
func (c serveConfig) options(logw io.Writer) (ftpd.Options, error) {
	o := ftpd.Options{
		Dir: c.dir, Addr: c.addr, User: c.user, Pass: c.pass,
		Anonymous: c.anonymous, ReadOnly: c.readOnly, ImplicitTLS: c.implicitTLS, Log: logw,
		RequireTLS: c.requireTLS, MaxConnsPerIP: c.maxPerIP, MaxConns: c.maxConns, PassivePorts: c.passive.r,
	}
	switch {
	case c.tlsCert != "":
		cert, err := tls.LoadX509KeyPair(c.tlsCert, c.tlsKey)
		if err != nil {
			return o, fmt.Errorf("load TLS certificate: %w", err)
		}
		o.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	case c.selfSigned:
		cfg, _, err := ftpd.SelfSignedTLS()
		if err != nil {
			return o, err
		}
		o.TLS = cfg
	}
	return o, nil
}
