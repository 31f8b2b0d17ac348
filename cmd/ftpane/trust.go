package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/trust"
)

// trustFingerprint takes one --trust-fingerprint: the certificate a user
// checked out of band, accepted for this run (batch mode has no one to
// ask). It may be given more than once.
func (a *clientArgs) trustFingerprint(s string) error {
	fp, err := trust.ParseFingerprint(s)
	if err != nil {
		return fmt.Errorf("--trust-fingerprint: %w", err)
	}
	a.Template.Trust = a.Template.Trust.WithFingerprint(fp)
	return nil
}

// knownHostsPath is the file of pinned certificates, under the XDG data
// folder: $XDG_DATA_HOME/ftpane/known_hosts.
func knownHostsPath(dataHome string) string { return filepath.Join(dataHome, "ftpane", "known_hosts") }

// useKnownHosts gives every connection the pins of path.
func (a *clientArgs) useKnownHosts(path string) {
	a.Template.Trust.KnownHosts = path
	if a.Remote != nil {
		a.Remote.Trust.KnownHosts = path
	}
}

// warnInsecure is the event hook of batch mode's connections: on every
// connection made with --insecure, it prints that the certificate was not
// checked.
func warnInsecure(w io.Writer) func(session.Event) {
	return func(e session.Event) {
		if e.Kind == session.EventInsecure {
			fmt.Fprintf(w, "ftpane: warning: %s: %v\n", e.Label, e.Err)
		}
	}
}
