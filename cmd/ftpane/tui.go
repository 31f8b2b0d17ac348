package main

import (
	"context"
	"fmt"

	"github.com/ftpane/ftpane/session"
)

// runTUI opens the client. Until the dual-pane TUI lands, it checks the
// connection: logs in, shows the server's system type and the login
// folder's listing, and logs out.
func runTUI(a clientArgs) int {
	if a.NetrcNote != "" {
		fmt.Fprintln(a.Stderr, "ftpane:", a.NetrcNote)
	}
	if a.Remote == nil {
		fmt.Fprintln(a.Stderr, "ftpane: give a host or URL (the connect dialog comes with the TUI); try: ftpane demo")
		return 2
	}
	cfg := *a.Remote
	cfg.Trace = transcript(a)
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg)
	if err != nil {
		fmt.Fprintln(a.Stderr, "ftpane:", err)
		return 1
	}
	defer r.Close()
	fmt.Fprintf(a.Stdout, "Connected to %s (%s, %s).\n", r.Label(), r.TLS(), mode(r.Passive()))
	l, err := r.List(ctx, r.Getwd())
	if err != nil {
		fmt.Fprintln(a.Stderr, "ftpane:", err)
		return 1
	}
	for _, e := range l.Entries {
		fmt.Fprintf(a.Stdout, "%-6s %12d  %s\n", e.Kind, e.Size, e.Name)
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(a.Stderr, "ftpane: warning:", w)
	}
	return 0
}

func mode(passive bool) string {
	if passive {
		return "passive"
	}
	return "active"
}

// transcript prints the control connection as classic ftp does: replies
// with -v, commands too with -d (the password masked).
func transcript(a clientArgs) session.TraceFunc {
	if !a.Verbose && !a.Debug {
		return nil
	}
	return func(d session.TraceDir, line string) {
		if d == session.TraceSent && !a.Debug || d == session.TraceInfo && !a.Debug {
			return
		}
		fmt.Fprintln(a.Stdout, d.Prefix()+line)
	}
}
