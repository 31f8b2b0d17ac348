package main

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var urlRe = regexp.MustCompile(`(ftps?)://(?:([^@/]+)@)?([0-9.]+:\d+)/`)

func TestServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"},
		{"a", "b"},
		{"--addr"},
		{"--tls-cert", "c.pem"},
		{"--tls-self-signed", "--tls-cert", "c.pem", "--tls-key", "k.pem"},
		{"--implicit-tls"},
		{"--readonly=maybe"},
		{"--passive-ports", "50000"},
		{"--passive-ports", "50100-50000"},
		{"--passive-ports", "0-10"},
		{"--passive-ports", "60000-70000"},
		{"--passive-ports", "a-b"},
		{"--require-tls"},
		{"--max-conns-per-ip", "-1"},
		{"--max-conns", "many"},
	} {
		var stdout, stderr strings.Builder
		code := serve(context.Background(), args, noEnv, &stdout, &stderr)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "ftpane serve: ") {
			t.Errorf("%q: stderr %q, want one line starting with \"ftpane serve: \"", args, msg)
		}
		if stdout.Len() != 0 {
			t.Errorf("%q: stdout %q, want nothing", args, stdout.String())
		}
	}
}

func TestServeStartFailureIsExit1(t *testing.T) {
	var stdout, stderr strings.Builder
	missing := filepath.Join(t.TempDir(), "missing")
	if code := serve(context.Background(), []string{missing, "--addr", "127.0.0.1:0"}, noEnv, &stdout, &stderr); code != 1 {
		t.Errorf("missing folder: exit %d, want 1; stderr %q", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), missing) {
		t.Errorf("stderr %q does not name the folder", stderr.String())
	}
}

func TestServeHelp(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := serve(context.Background(), []string{"-h"}, noEnv, &stdout, &stderr); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
	for _, flag := range []string{"-addr", "-user", "-pass", "FTPANE_SERVE_PASS", "-anonymous", "-readonly", "-tls-cert", "-tls-self-signed", "-implicit-tls",
		"-require-tls", "--require-tls=false", "-max-conns-per-ip", "-max-conns", "-passive-ports FIRST-LAST"} {
		if !strings.Contains(stdout.String(), flag) {
			t.Errorf("help lacks %s:\n%s", flag, stdout.String())
		}
	}
}

func noEnv(string) string { return "" }

// serveInProcess runs serve until the test cancels it; it returns the
// printed URL's parts, the output so far and a stop function giving the
// exit code and the remaining output.
func serveInProcess(t *testing.T, args []string, env map[string]string) (host string, user string, out []string, stop func() (int, []string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, args, func(k string) string { return env[k] }, pw, io.Discard)
		pw.Close()
	}()
	l := readLines(pr)
	_, out = l.waitFor(t, "Press Ctrl+C")
	m := urlRe.FindStringSubmatch(strings.Join(out, "\n"))
	if m == nil {
		cancel()
		t.Fatalf("no URL printed:\n%s", strings.Join(out, "\n"))
	}
	stopped := false
	stop = func() (int, []string) {
		if stopped {
			return 0, nil
		}
		stopped = true
		cancel()
		rest := l.rest()
		return <-done, rest
	}
	t.Cleanup(func() { stop() })
	return m[3], m[2], out, stop
}

func TestServeUserPassFromEnv(t *testing.T) {
	const secret = "env-secret-42"
	dir := t.TempDir()
	host, user, out, stop := serveInProcess(t,
		[]string{dir, "--addr", "127.0.0.1:0", "--user", "bob", "--readonly"},
		map[string]string{servePassEnv: secret})
	if user != "bob" {
		t.Errorf("URL user %q, want bob", user)
	}
	if strings.Contains(strings.Join(out, "\n"), secret) {
		t.Errorf("output shows the password:\n%s", strings.Join(out, "\n"))
	}
	if code := ftpLogin(t, host, "bob", secret); code != 230 {
		t.Errorf("login with the env password: %d, want 230", code)
	}
	if code := ftpLogin(t, host, "bob", "nope"); code != 530 {
		t.Errorf("login with a wrong password: %d, want 530", code)
	}
	code, rest := stop()
	if code != 0 {
		t.Errorf("exit %d after stop, want 0", code)
	}
	if len(rest) == 0 || rest[len(rest)-1] != "Stopped." {
		t.Errorf("last output %q, want Stopped.", rest)
	}
	if !portClosed(host) {
		t.Errorf("%s still open after stop", host)
	}
}

func TestServeGeneratedPassword(t *testing.T) {
	host, user, out, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0"}, nil)
	if user != defaultServeUser {
		t.Errorf("URL user %q, want %s", user, defaultServeUser)
	}
	var pass string
	for _, line := range out {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "password:" {
			pass = f[1]
		}
	}
	if len(pass) < 16 {
		t.Fatalf("no generated password printed:\n%s", strings.Join(out, "\n"))
	}
	if code := ftpLogin(t, host, defaultServeUser, pass); code != 230 {
		t.Errorf("login with the printed password: %d", code)
	}
}

func TestServePassFlagNotEchoed(t *testing.T) {
	host, _, out, _ := serveInProcess(t, []string{"--addr", "127.0.0.1:0", "--pass", "flag-pass-7", t.TempDir()}, nil)
	if strings.Contains(strings.Join(out, "\n"), "flag-pass-7") {
		t.Errorf("output shows the password given with --pass:\n%s", strings.Join(out, "\n"))
	}
	if code := ftpLogin(t, host, defaultServeUser, "flag-pass-7"); code != 230 {
		t.Errorf("login: %d", code)
	}
}

func TestServeAnonymousOnly(t *testing.T) {
	host, user, _, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0", "--anonymous"}, map[string]string{servePassEnv: "ignored"})
	if user != "" {
		t.Errorf("URL names user %q, want none for an anonymous-only server", user)
	}
	if code := ftpLogin(t, host, "anonymous", "me@example.org"); code != 230 {
		t.Errorf("anonymous login: %d", code)
	}
	if code := ftpLogin(t, host, defaultServeUser, "ignored"); code != 530 {
		t.Errorf("named login on an anonymous-only server: %d, want 530", code)
	}
}

func TestServeImplicitTLSURL(t *testing.T) {
	_, _, out, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0", "--tls-self-signed", "--implicit-tls"}, nil)
	text := strings.Join(out, "\n")
	if !strings.Contains(text, "ftps://") || !strings.Contains(text, "implicit") {
		t.Errorf("implicit TLS output:\n%s", text)
	}
}

func TestDefaultAddrIsLoopback(t *testing.T) {
	cfg, err := parseServeArgs(nil, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.addr != "127.0.0.1:2121" || cfg.dir != "." {
		t.Errorf("defaults: addr %q dir %q", cfg.addr, cfg.dir)
	}
}
