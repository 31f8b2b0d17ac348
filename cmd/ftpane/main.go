// Command ftpane is a terminal dual-pane FTP client, and a small FTP
// server for sharing a folder (serve) or trying the client (demo).
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"

	"github.com/ftpane/ftpane/session/keyring"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	stop := startProfiles(os.Getenv, os.Stderr)
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "demo":
			return runDemo(args[1:], stdin, stdout, stderr)
		case "config", "man", "completion", "sites":
			return runTool(args[0], args[1:], stdout, stderr) // tools.go
		}
	}
	a, err := parseClientArgs(args, os.Getenv)
	forgetPasswordEnv()
	if err == nil {
		stdin, err = a.Password.read(stdin)
	}
	switch {
	case err == errHelp:
		printUsage(stdout)
		return 0
	case err == errVersion:
		fmt.Fprintln(stdout, versionText())
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "ftpane: %v (see ftpane --help)\n", err)
		return 2
	}
	a.Stdin, a.Stdout, a.Stderr, a.Keyring = stdin, stdout, stderr, keyring.New()
	if w := a.Password.warning(); w != "" {
		fmt.Fprintln(stderr, w)
	}
	if a.Settings, err = loadSettings(configPath(xdg.ConfigHome)); err != nil {
		fmt.Fprintf(stderr, "ftpane: %v\n", err)
		return 2
	}
	batch := a.Batch != "" || !isTerminal(stdin)
	if err := a.resolveSite(xdg.ConfigHome, os.Getenv, batch); err != nil {
		fmt.Fprintf(stderr, "ftpane: %v\n", err)
		return 2
	}
	a.Settings.applyTo(&a.Template)
	if a.Remote != nil {
		a.Settings.applyTo(a.Remote)
	}
	a.useKnownHosts(knownHostsPath(xdg.DataHome))
	if batch {
		return runBatch(a)
	}
	return runTUI(a)
}

// isTerminal reports whether r is an interactive terminal: when it is not
// (a pipe, a file), ftpane reads commands from it, as classic ftp does.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
