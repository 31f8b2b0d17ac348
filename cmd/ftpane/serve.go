package main

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/ftpane/ftpane/session/ftpd"
)

// runServe is `ftpane serve`: share a folder over FTP until SIGINT or
// SIGTERM. It returns the exit status: 0 after a clean stop, 2 for bad
// flags, 1 when the server cannot start.
func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, os.Getenv, stdout, stderr)
}

// serve is runServe with the stop signal and the environment passed in.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseServeArgs(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		printServeUsage(stdout)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "ftpane serve: %v (see ftpane serve -h)\n", err)
		return 2
	}
	opts, err := cfg.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "ftpane serve: %v\n", err)
		return 1
	}
	srv, err := ftpd.Start(opts)
	if err != nil {
		fmt.Fprintf(stderr, "ftpane serve: %v\n", err)
		return 1
	}
	printServing(stdout, srv, cfg, opts)
	warnServe(stderr, srv, cfg)
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "ftpane serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Stopped.")
	return 0
}

// printServing tells the user how to connect. A password is shown only when
// we generated it: one the user chose is never echoed.
func printServing(w io.Writer, srv *ftpd.Server, cfg serveConfig, opts ftpd.Options) {
	abs, err := filepath.Abs(cfg.dir)
	if err != nil {
		abs = cfg.dir
	}
	scheme, userPart := "ftp", ""
	if opts.ImplicitTLS {
		scheme = "ftps"
	}
	if opts.User != "" {
		userPart = opts.User + "@"
	}
	fmt.Fprintf(w, "Sharing %s on %s://%s%s/\n", abs, scheme, userPart, srv.Addr())
	if opts.User != "" {
		fmt.Fprintf(w, "  user:      %s\n", opts.User)
		switch cfg.passFrom {
		case passGenerated:
			fmt.Fprintf(w, "  password:  %s  (generated for this run; choose your own with --pass or FTPANE_SERVE_PASS)\n", opts.Pass)
		default:
			fmt.Fprintf(w, "  password:  the one given with %s\n", cfg.passFrom)
		}
	}
	if opts.Anonymous {
		fmt.Fprintln(w, "  anonymous: allowed (user anonymous or ftp, any password)")
	}
	printProtections(w, opts)
	fmt.Fprintln(w, "Press Ctrl+C to stop.")
}

// printProtections shows TLS, read-only, the connection limits and the
// passive ports.
func printProtections(w io.Writer, opts ftpd.Options) {
	if opts.TLS != nil {
		mode := "explicit (AUTH TLS)"
		if opts.ImplicitTLS {
			mode = "implicit (TLS from the first byte)"
		}
		if opts.RequireTLS {
			mode += ", required to log in"
		}
		fmt.Fprintf(w, "  TLS:       %s, certificate SHA-256 %s\n", mode, fingerprint(opts.TLS))
	}
	if opts.ReadOnly {
		fmt.Fprintln(w, "  read-only: every write is refused")
	}
	fmt.Fprintf(w, "  limits:    %s per address, %s in all\n", connLimit(opts.MaxConnsPerIP), connLimit(opts.MaxConns))
	if !opts.PassivePorts.IsZero() {
		fmt.Fprintf(w, "  passive:   ports %s\n", opts.PassivePorts)
	}
}

func connLimit(n int) string {
	if n == 0 {
		return "no limit of connections"
	}
	return fmt.Sprintf("%d connections", n)
}

// warnServe points out the risky setups on stderr.
func warnServe(w io.Writer, srv *ftpd.Server, cfg serveConfig) {
	host, _, _ := net.SplitHostPort(srv.Addr())
	if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && !cfg.tlsEnabled() {
		fmt.Fprintf(w, "warning: %s is reachable from the network and nothing is encrypted: passwords and files travel in clear\n", srv.Addr())
	}
	if cfg.tlsEnabled() && !cfg.requireTLS {
		fmt.Fprintln(w, "warning: --require-tls=false: clients may send their password before AUTH TLS, in clear")
	}
	if cfg.anonymous && !cfg.readOnly {
		fmt.Fprintln(w, "warning: anonymous users can change and delete files; add --readonly to prevent that")
	}
}

// fingerprint is the SHA-256 of the server certificate, as browsers and
// openssl x509 -fingerprint show it, so users can check what they trust.
func fingerprint(cfg *tls.Config) string {
	if len(cfg.Certificates) == 0 || len(cfg.Certificates[0].Certificate) == 0 {
		return "unknown"
	}
	h := sha256.Sum256(cfg.Certificates[0].Certificate[0])
	parts := make([]string, len(h))
	for i, b := range h {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
