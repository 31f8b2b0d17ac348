package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/adrg/xdg"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

const (
	demoUser    = "demo"
	demoBigSize = 50 << 20 // the generated file to watch a long transfer
)

// runDemo is `ftpane demo`: serve a fresh demo tree on a free loopback port
// and open the client on it; the tree is removed when the client quits.
// Without a terminal (a script, a pipe) it only serves, until SIGINT or
// SIGTERM.
func runDemo(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			fmt.Fprintln(stdout, "Usage: ftpane demo\nOpen ftpane on a built-in server with sample files (127.0.0.1); they are removed on exit.\nWithout a terminal it only serves, until Ctrl+C.")
			return 0
		}
		fmt.Fprintf(stderr, "ftpane demo: unexpected argument %q (see ftpane demo -h)\n", args[0])
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, user, pass, cleanup, err := startDemo()
	if err != nil {
		fmt.Fprintf(stderr, "ftpane demo: %v\n", err)
		return 1
	}
	defer cleanup()
	if isTerminal(stdin) {
		cfg, err := session.ParseURL("ftp://" + srv.Addr())
		if err != nil {
			fmt.Fprintf(stderr, "ftpane demo: %v\n", err)
			return 1
		}
		cfg.User, cfg.Password = user, pass
		st, err := loadSettings(configPath(xdg.ConfigHome))
		if err != nil {
			fmt.Fprintf(stderr, "ftpane demo: %v\n", err)
			return 2
		}
		st.applyTo(&cfg)
		return runTUI(clientArgs{Remote: &cfg, Settings: st, Stdin: stdin, Stdout: stdout, Stderr: stderr})
	}
	fmt.Fprintf(stdout, "Demo server on ftp://%s@%s/\n", user, srv.Addr())
	fmt.Fprintf(stdout, "  user:      %s\n  password:  %s\n", user, pass)
	fmt.Fprintln(stdout, "Press Ctrl+C to stop; the demo files are removed then.")
	<-ctx.Done()
	return 0
}

// startDemo prepares the demo tree in a new temporary folder and serves it
// read-write on a free 127.0.0.1 port for the user "demo" with a random
// password. cleanup stops the server and removes the folder. The TUI calls
// it to open itself on the demo.
func startDemo() (srv *ftpd.Server, user, pass string, cleanup func(), err error) {
	return startDemoSized(demoBigSize, ftpd.DemoSlowSize)
}

// startDemoSized is startDemo with the big and the slow file of the sizes
// given (tests make them small; 0: none).
func startDemoSized(bigSize, slowSize int64) (*ftpd.Server, string, string, func(), error) {
	dir, err := os.MkdirTemp("", "ftpane-demo-")
	if err != nil {
		return nil, "", "", nil, fmt.Errorf("start demo: %w", err)
	}
	err = ftpd.PrepareDemo(dir, bigSize)
	if err == nil && slowSize > 0 {
		err = ftpd.PrepareDemoSlow(dir, slowSize)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", "", nil, fmt.Errorf("start demo: %w", err)
	}
	pass := rand.Text()
	// The slow file is sent at about 4 MB/s, for the demo only.
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: "127.0.0.1:0", User: demoUser, Pass: pass,
		Throttle: ftpd.DemoThrottle()})
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", "", nil, fmt.Errorf("start demo: %w", err)
	}
	cleanup := func() {
		srv.Close()
		os.RemoveAll(dir)
	}
	return srv, demoUser, pass, cleanup, nil
}
