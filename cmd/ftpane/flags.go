package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/keyring"
)

// clientArgs is what the command line asks of the client.
type clientArgs struct {
	Remote *session.Config // nil: no host given, start with the connect dialog
	// Template holds the connection flags (TLS, --insecure, -A, --encoding)
	// even when no host is given, for a later open or connect dialog.
	Template  session.Config
	Verbose   bool     // -v: show every server reply
	Debug     bool     // -d: also show every command sent
	NoPrompt  bool     // -i
	NoNetrc   bool     // -n
	NoGlob    bool     // -g
	NetrcNote string   // why ~/.netrc was not used, shown once
	Batch     string   // -b FILE: run the commands in FILE without the TUI
	Settings  settings // config.toml
	SiteArg   siteArgs // @name (sites.go)
	Keyring   *keyring.Store
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer

	// Password: --password-stdin, FTPANE_PASSWORD, or a warning.
	Password passwordSource
}

var (
	errHelp    = errors.New("help requested")
	errVersion = errors.New("version requested")
)

// shortFlags may be combined classic-style: -inv is -i -n -v.
const shortFlags = "vdingpA"

func expandShort(args []string) []string {
	var out []string
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && strings.Trim(a[1:], shortFlags) == "" {
			for _, c := range a[1:] {
				out = append(out, "-"+string(c))
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

func parseClientArgs(args []string, getenv func(string) string) (clientArgs, error) {
	var a clientArgs
	var passive, active, tlsExplicit, tlsImplicit, insecure, help, ver bool
	var encoding string
	fs := flag.NewFlagSet("ftpane", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&a.Verbose, "v", false, "")
	fs.BoolVar(&a.Debug, "d", false, "")
	fs.BoolVar(&a.NoPrompt, "i", false, "")
	fs.BoolVar(&a.NoNetrc, "n", false, "")
	fs.BoolVar(&a.NoGlob, "g", false, "")
	fs.StringVar(&a.Batch, "b", "", "")
	fs.BoolVar(&passive, "p", false, "")
	fs.BoolVar(&active, "A", false, "")
	fs.BoolVar(&tlsExplicit, "tls", false, "")
	fs.BoolVar(&tlsImplicit, "implicit-tls", false, "")
	fs.BoolVar(&insecure, "insecure", false, "")
	fs.StringVar(&encoding, "encoding", "", "")
	fs.BoolVar(&a.Password.stdin, "password-stdin", false, "")
	fs.Func("trust-fingerprint", "", a.trustFingerprint)
	fs.BoolVar(&help, "help", false, "")
	fs.BoolVar(&help, "h", false, "")
	fs.BoolVar(&ver, "version", false, "")
	if err := fs.Parse(expandShort(args)); err != nil {
		return a, err
	}
	switch {
	case help:
		return a, errHelp
	case ver:
		return a, errVersion
	case passive && active:
		return a, errors.New("-p (passive) and -A (active) exclude each other")
	case tlsExplicit && tlsImplicit:
		return a, errors.New("--tls and --implicit-tls exclude each other")
	}
	a.Template = session.Config{Active: active, Insecure: insecure, Encoding: encoding, Trust: a.Template.Trust}
	if tlsExplicit {
		a.Template.TLS = session.TLSExplicit
	} else if tlsImplicit {
		a.Template.TLS = session.TLSImplicit
	}
	if fs.NArg() == 0 {
		if a.Password.stdin {
			return a, errors.New("--password-stdin: give the server as ftp://USER@host")
		}
		return a, nil
	}
	if strings.HasPrefix(fs.Arg(0), "@") {
		return a.withSite(fs.Args(), passive)
	}
	return a.withHost(fs.Args(), getenv, tlsExplicit || tlsImplicit)
}

// withHost reads the server given on the command line ("host [port]" or
// a URL) with the settings the flags put in the template; a TLS flag
// wins over the URL's scheme.
func (a clientArgs) withHost(args []string, getenv func(string) string, tlsFlag bool) (clientArgs, error) {
	cfg, err := hostArgs(args)
	if err != nil {
		return a, err
	}
	t := a.Template
	cfg.Active, cfg.Insecure, cfg.Encoding, cfg.Trust = t.Active, t.Insecure, t.Encoding, t.Trust
	if tlsFlag {
		cfg.TLS = t.TLS
	}
	if err := a.Password.apply(&cfg, getenv); err != nil {
		return a, err
	}
	if !a.NoNetrc {
		a.NetrcNote = applyNetrc(&cfg, getenv)
	}
	a.Remote = &cfg
	return a, nil
}

// hostArgs reads "host [port]" or one URL.
func hostArgs(args []string) (session.Config, error) {
	if len(args) > 2 {
		return session.Config{}, fmt.Errorf("too many arguments: %q", strings.Join(args[2:], " "))
	}
	cfg, err := session.ParseURL(args[0])
	if err != nil {
		return cfg, err
	}
	if len(args) == 2 {
		if strings.Contains(args[0], "://") {
			return cfg, errors.New("give the port in the URL, not after it")
		}
		p, err := strconv.Atoi(args[1])
		if err != nil || p < 1 || p > 65535 {
			return cfg, fmt.Errorf("bad port %q: must be 1-65535", args[1])
		}
		cfg.Port = p
	}
	return cfg, nil
}

const usage = `ftpane: a dual-pane FTP client for the terminal

Usage:
  ftpane [-v] [-d] [-i] [-n] [-g] [-p|-A] [--tls|--implicit-tls] [--insecure] [--encoding CS] [host [port] | URL]
  ftpane [flags] @NAME         connect to a saved site (c in the TUI opens the site manager)
  ftpane [flags] -b FILE [host]   run ftp commands from FILE (or from stdin when it is not a terminal)
  ftpane demo                 try it: a built-in server with sample files
  ftpane serve [DIR] [flags]  share a folder over FTP (ftpane serve --help)
  ftpane config [--default]   where the files are and the settings in effect (or the documented defaults)
  ftpane sites [--names]      list the saved sites
  ftpane man                  the manual page (ftpane man | man -l -)
  ftpane completion SHELL     shell completion for bash, zsh or fish

Flags:
  -v              verbose: show every server reply
  -d              debug: also show every command sent (the password is masked)
  -i              no per-file prompting in mget, mput, mdelete
  -n              no auto-login from ~/.netrc
  -g              no filename globbing
  -b FILE         batch mode: run the commands in FILE, print like classic ftp, exit 1 if any failed
  -p              passive data connections (EPSV/PASV, the default)
  -A              active data connections (EPRT/PORT)
  --tls           explicit TLS (AUTH TLS) on the usual port
  --implicit-tls  implicit TLS (the whole connection, port 990 by default)
  --insecure      accept any TLS certificate unchecked (warned of on every connection)
  --trust-fingerprint SHA256
                  accept the server certificate with this SHA-256 fingerprint for this
                  run (hex, colons allowed); the TUI asks instead and can pin it always
  --password-stdin  read the password from the first line of standard input (batch
                  commands may follow it); needs ftp://USER@host
  --encoding CS   the server's charset for names when it is not UTF-8 (gbk, big5, shift_jis, latin1 ...)
  --version       print the version and the commit it was built from
  --help          this text

URLs: ftp://[user[:password]@]host[:port][/path], ftps:// (implicit TLS),
ftpes:// (explicit TLS). Without a user, ~/.netrc is consulted, then anonymous.
A password in the URL is visible to other users in ps: give the user only and
set FTPANE_PASSWORD, use --password-stdin, or type it when asked.

Examples:
  ftpane demo
  ftpane ftp.example.org
  ftpane @work
  ftpane ftp://alice@files.example.org:2121/projects
  ftpane --tls -A ftp.example.org 21
  ftpane -n -b script.txt ftp.example.org
  echo 'get README' | ftpane ftp://anonymous@ftp.example.org/pub
  ftpane serve ~/Public --anonymous --readonly
`

func printUsage(w io.Writer) { io.WriteString(w, usage) }
