package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/adrg/xdg"

	"github.com/ftpane/ftpane/session/sites"
)

// runTool runs the subcommands that print something and end: config,
// man, completion and sites.
func runTool(name string, args []string, stdout, stderr io.Writer) int {
	switch name {
	case "config":
		return runConfig(args, stdout, stderr)
	case "man":
		if len(args) > 0 {
			fmt.Fprintln(stderr, "ftpane man: no arguments (ftpane man | man -l -)")
			return 2
		}
		io.WriteString(stdout, manPage(buildDate()))
		return 0
	case "completion":
		return runCompletion(args, stdout, stderr)
	}
	return runSites(args, stdout, stderr)
}

// runSites is `ftpane sites`: the saved sites, one a line ("name  url");
// --names prints the names alone (shell completion reads them).
func runSites(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 || len(args) == 1 && args[0] != "--names" {
		fmt.Fprintln(stderr, "ftpane sites: usage: ftpane sites [--names]")
		return 2
	}
	b, err := sites.Load(sites.Path(xdg.ConfigHome))
	if err != nil {
		fmt.Fprintf(stderr, "ftpane: %v\n", err)
		return 2
	}
	for _, s := range b.Sites {
		if len(args) == 1 {
			fmt.Fprintln(stdout, s.Name)
			continue
		}
		fmt.Fprintf(stdout, "%-24s %s\n", s.Name, s.Account())
	}
	return 0
}

// buildDate dates the man page: the commit's time, else today.
func buildDate() time.Time {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if t, err := time.Parse(time.RFC3339, s.Value); s.Key == "vcs.time" && err == nil {
				return t
			}
		}
	}
	return time.Now()
}
