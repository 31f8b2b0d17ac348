package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// passwordEnv names the variable that may hold the password of the user
// given on the command line, so that it stays out of ps and shell history.
const passwordEnv = "FTPANE_PASSWORD"

// passwordSource says where the command line's password comes from
// besides the URL: standard input (--password-stdin) or FTPANE_PASSWORD.
type passwordSource struct {
	stdin  bool // --password-stdin: the first line of standard input
	inURL  bool // the URL held one: warn that ps shows it
	target *session.Config
}

// apply takes the password from FTPANE_PASSWORD when the command line
// names a user without a password, and checks --password-stdin's needs.
func (p *passwordSource) apply(cfg *session.Config, getenv func(string) string) error {
	p.inURL, p.target = cfg.Password != "", cfg
	switch {
	case p.stdin && cfg.User == "":
		return errors.New("--password-stdin: give the user in the URL (ftp://USER@host)")
	case p.stdin && p.inURL:
		return errors.New("--password-stdin: the URL holds a password already")
	case !p.stdin && !p.inURL && cfg.User != "":
		cfg.Password = getenv(passwordEnv)
	}
	return nil
}

// warning is the line printed when a password was given in a command-line
// URL, as lftp warns: other users see it in ps for the whole run.
func (p passwordSource) warning() string {
	if !p.inURL {
		return ""
	}
	return "ftpane: warning: a password on the command line is visible to other users (ps); " +
		"use --password-stdin or " + passwordEnv + " instead"
}

// read takes the password from the first line of stdin for
// --password-stdin and returns what follows it (batch commands may).
func (p passwordSource) read(stdin io.Reader) (io.Reader, error) {
	if !p.stdin {
		return stdin, nil
	}
	if isTerminal(stdin) {
		return stdin, errors.New("--password-stdin: standard input is a terminal; pipe the password in " +
			"(or leave the flag out to be asked)")
	}
	br := bufio.NewReader(stdin)
	line, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return br, fmt.Errorf("--password-stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return br, errors.New("--password-stdin: standard input gave no password")
	}
	p.target.Password = line
	return br, nil
}

// forgetPasswordEnv removes FTPANE_PASSWORD from the environment once
// read, so that commands ftpane starts (! and the editor) do not inherit it.
func forgetPasswordEnv() { os.Unsetenv(passwordEnv) }
