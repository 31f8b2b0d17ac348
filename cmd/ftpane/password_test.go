package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPasswordFromEnvironment(t *testing.T) {
	env := map[string]string{"FTPANE_PASSWORD": "from-env", "NETRC": "/nonexistent"}
	getenv := func(k string) string { return env[k] }
	a, err := parseClientArgs([]string{"ftp://bob@h"}, getenv)
	if err != nil || a.Remote.Password != "from-env" || a.Password.warning() != "" {
		t.Fatalf("user in the URL: %+v %v", a.Remote, err)
	}
	a, err = parseClientArgs([]string{"ftp://bob:in-url@h"}, getenv)
	if err != nil || a.Remote.Password != "in-url" {
		t.Fatalf("the URL's password wins: %+v %v", a.Remote, err)
	}
	w := a.Password.warning()
	if !strings.Contains(w, "--password-stdin") || !strings.Contains(w, "FTPANE_PASSWORD") || strings.Count(w, "\n") != 0 {
		t.Fatalf("warning %q", w)
	}
	if a, _ := parseClientArgs([]string{"h"}, getenv); a.Remote.Password != "" {
		t.Fatalf("no user: the variable is not anonymous's password: %+v", a.Remote)
	}
}

func TestPasswordStdinRefusals(t *testing.T) {
	noNetrc := func(string) string { return "" }
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--password-stdin"}, "ftp://USER@host"},
		{[]string{"--password-stdin", "h"}, "give the user in the URL"},
		{[]string{"--password-stdin", "ftp://u:p@h"}, "holds a password already"},
	} {
		if _, err := parseClientArgs(c.args, noNetrc); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
	code, _, errs := runBatchScript(t, t.TempDir(), "", "--password-stdin", "ftp://u@127.0.0.1:1")
	if code != 2 || !strings.Contains(errs, "standard input gave no password") {
		t.Errorf("empty stdin: exit %d, %q", code, errs)
	}
}

// TestBatchPasswordStdin logs in with the password piped in before the
// commands; nothing warns and nothing prints the password.
func TestBatchPasswordStdin(t *testing.T) {
	host, port, root := batchServer(t)
	os.WriteFile(filepath.Join(root, "there.txt"), []byte("x"), 0o644)
	url := "ftp://u@" + host + ":" + port
	code, out, errs := runBatchScript(t, t.TempDir(), "pw-secret\nnlist\nbye\n", "--password-stdin", url)
	if code != 0 || !strings.Contains(out, "there.txt") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(out+errs, "pw-secret") || strings.Contains(errs, "warning") {
		t.Fatalf("stdout %q\nstderr %q", out, errs)
	}
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	code, out, errs = runBatchScript(t, t.TempDir(), "nlist\nbye\n", url)
	if code != 0 || !strings.Contains(out, "there.txt") || os.Getenv("FTPANE_PASSWORD") != "" {
		t.Fatalf("FTPANE_PASSWORD: exit %d, left in the environment: %v\n%s\n%s", code,
			os.Getenv("FTPANE_PASSWORD") != "", out, errs)
	}
	code, _, errs = runBatchScript(t, t.TempDir(), "bye\n", "ftp://u:pw-secret@"+host+":"+port)
	if code != 0 || !strings.HasPrefix(errs, "ftpane: warning: a password on the command line") {
		t.Fatalf("URL with a password: exit %d, stderr %q", code, errs)
	}
}
