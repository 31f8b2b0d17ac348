package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRemoteFileOps(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "mkdir 2 args", e.fail("mkdir new dir"), "usage")
	e.run(`mkdir "new dir"`)
	if st, err := os.Stat(filepath.Join(e.root, "new dir")); err != nil || !st.IsDir() {
		t.Fatalf("mkdir: %v", err)
	}
	e.run(`rmdir "new dir"`)
	if exists(filepath.Join(e.root, "new dir")) {
		t.Fatal("rmdir left the folder")
	}
	writeFile(t, filepath.Join(e.root, "f"), "f")
	e.run("rename f g")
	if !exists(filepath.Join(e.root, "g")) || exists(filepath.Join(e.root, "f")) {
		t.Fatal("rename did not move f to g")
	}
	e.run("chmod 600 g")
	if st, _ := os.Stat(filepath.Join(e.root, "g")); st.Mode().Perm() != 0o600 {
		t.Fatalf("chmod: mode %v", st.Mode().Perm())
	}
	mustContain(t, "chmod bad", e.fail("chmod rw g"), "bad mode")
	e.run("delete g")
	if exists(filepath.Join(e.root, "g")) {
		t.Fatal("delete left the file")
	}
	mustContain(t, "delete missing", e.fail("delete g"), "550")
	mustContain(t, "rmdir missing", e.fail("rmdir nope"), "550")
}

func TestQuoteSite(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "quote syst", e.run("quote syst"), "215")
	mustContain(t, "quote noop", e.run("literal NOOP"), "200")
	// a negative reply is shown, and the command counts as failed
	err := e.sh.Run(t.Context(), "quote FROB")
	if err == nil || !Shown(err) || !strings.Contains(e.out.take(), "50") {
		t.Fatalf("quote FROB: %v", err)
	}
	mustContain(t, "quote retr", e.fail("quote RETR x"), "use get")
	writeFile(t, filepath.Join(e.root, "s"), "s")
	e.run("site chmod 640 s")
	if st, _ := os.Stat(filepath.Join(e.root, "s")); st.Mode().Perm() != 0o640 {
		t.Fatalf("site chmod: mode %v", st.Mode().Perm())
	}
	for _, line := range []string{"umask 022", "idle 60", "account secret"} {
		err := e.sh.Run(t.Context(), line)
		out := e.out.take()
		if err != nil && !Shown(err) || !strings.ContainsAny(out, "2345") {
			t.Errorf("%s: %v, output %q: want the server's reply", line, err, out)
		}
	}
	e.run("reset")
	e.run("pwd")
}

func TestBadInputRefused(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Debug = true })
	for _, line := range []string{"get a\rDELE x", "quote NOOP\nDELE x", "mkdir a\x00b"} {
		if err := e.sh.Run(t.Context(), line); err == nil {
			t.Errorf("%q: accepted", line)
		}
		if out := e.out.take(); strings.Contains(out, "--->") {
			t.Errorf("%q: something was sent: %q", line, out)
		}
	}
	mustContain(t, "ambiguous", e.fail("m x"), "Ambiguous", "mget", "mkdir")
	mustContain(t, "unknown", e.fail("frob"), "Invalid command")
	mustContain(t, "usage", e.fail("rename a"), "usage: rename from to")
	mustContain(t, "usage max", e.fail("pwd x"), "usage: pwd")
}

func TestNotConnected(t *testing.T) {
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: t.TempDir(), NoNetrc: true})
	defer sh.Close()
	for _, line := range []string{"ls", "get x", "pwd", "close"} {
		if err := sh.Run(t.Context(), line); err == nil || !strings.Contains(err.Error(), "not connected") {
			t.Errorf("%s without a connection: %v", line, err)
		}
	}
	// settings work without a connection and apply when one is made
	if err := sh.Run(t.Context(), "ascii"); err != nil {
		t.Fatal(err)
	}
	addr, _ := startServer(t)
	if err := sh.Run(t.Context(), "open ftp://u:pw-secret@"+addr); err != nil {
		t.Fatal(err)
	}
	if sh.Remote() == nil || sh.Remote().Type().String() != "ascii" {
		t.Fatalf("type not applied to the new connection")
	}
	if err := sh.Run(t.Context(), "open "+addr); err == nil {
		t.Fatal("open while connected: no error")
	}
	if err := sh.Run(t.Context(), "bye"); err != ErrQuit {
		t.Fatalf("bye = %v, want ErrQuit", err)
	}
}

func TestLoginFailureAndUser(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "bad password", e.fail("user u wrong"), "530")
	if e.sh.Remote() != nil {
		t.Fatal("still logged in after a failed login")
	}
	mustContain(t, "not logged in", e.fail("ls"), "not logged in")
	e.run("user u pw-secret")
	e.run("close")
	mustContain(t, "after close", e.fail("pwd"), "not connected")
}
