package shell

import (
	"strings"
	"testing"
)

func TestTypes(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ line, want string }{
		{"ascii", "ascii"}, {"binary", "binary"}, {"type ascii", "ascii"}, {"bin", "binary"},
		{"image", "image"}, {"type image", "image"},
	} {
		mustContain(t, c.line, e.run(c.line), "Using "+c.want+" mode")
	}
	mustContain(t, "type", e.run("type"), "Using image mode")
	// The server decides about EBCDIC and TENEX: its reply is shown.
	for _, line := range []string{"ebcdic", "tenex"} {
		if err := e.sh.Run(t.Context(), line); err != nil && !strings.Contains(err.Error(), "type") {
			t.Errorf("%s: %v", line, err)
		}
		e.out.take()
	}
	mustContain(t, "type bad", e.fail("type foo"), "unknown type")
}

func TestModeStructForm(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "mode stream", e.run("mode stream"), "200")
	mustContain(t, "mode", e.run("mode"), "Using stream mode")
	// The embedded server has only file structure: its reply is shown.
	err := e.sh.Run(t.Context(), "struct record")
	if err == nil || !strings.Contains(e.out.take(), "504") {
		t.Errorf("struct record: %v", err)
	}
	mustContain(t, "struct", e.run("struct"), "Using file structure")
	mustContain(t, "mode bad", e.fail("mode foo"), "unknown mode")
	e.run("ascii")
	mustContain(t, "form", e.run("form non-print"), "200")
	mustContain(t, "form bad", e.fail("form foo"), "unknown form")
}

func TestToggles(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ line, want string }{
		{"hash", "Hash mark printing on (1024"}, {"hash 4096", "on (4096 bytes"}, {"hash off", "off"},
		{"tick", "Tick counter printing on"}, {"bell", "Bell mode on"}, {"bell", "Bell mode off"},
		{"prompt", "Interactive mode off"}, {"prom", "Interactive mode on"},
		{"verbose", "Verbose mode on"}, {"verbose off", "Verbose mode off"},
		{"debug", "Debugging on (debug=1)"}, {"deb 0", "Debugging off"},
		{"trace", "Packet tracing on"}, {"passive", "Passive mode off"}, {"passive on", "Passive mode on"},
		{"sendport", "Use of PORT/LPRT cmds off"}, {"glob", "Globbing off"}, {"case", "Case mapping on"},
		{"runique", "Receive unique on"}, {"sunique", "Store unique on"}, {"cr", "Carriage Return stripping off"},
	} {
		mustContain(t, c.line, e.run(c.line), c.want)
	}
	mustContain(t, "toggle bad", e.fail("bell maybe"), "expected on or off")
}

func TestDebugMasksPassword(t *testing.T) {
	addr, _ := startServer(t)
	out := &lockedBuffer{}
	sh := New(Options{Out: out, LocalDir: t.TempDir(), NoNetrc: true, Debug: true, Verbose: true})
	defer sh.Close()
	if err := sh.Run(t.Context(), "open ftp://u:pw-secret@"+addr); err != nil {
		t.Fatal(err)
	}
	got := out.take()
	mustContain(t, "debug", got, "---> USER u", "---> PASS", "230")
	if strings.Contains(got, "pw-secret") {
		t.Fatalf("the password was printed: %q", got)
	}
}

func TestActiveMode(t *testing.T) {
	e := newEnv(t)
	e.run("passive off")
	mustContain(t, "ls active", e.run("ls"), "")
}

func TestBellAndTrace(t *testing.T) {
	e := newEnv(t)
	e.run("bell")
	if out := e.run("pwd"); !strings.HasSuffix(out, "\a") {
		t.Errorf("bell: %q does not end in a bell", out)
	}
	e.run("bell")
	e.run("trace")
	e.run("ls")
}

func TestBlockModeGuardsTransfers(t *testing.T) {
	e := newEnv(t)
	writeFile(t, e.root+"/f", "f")
	// The embedded server refuses MODE B: its reply is the answer and the
	// mode stays stream.
	err := e.sh.Run(t.Context(), "mode block")
	if err == nil || !strings.Contains(e.out.take(), "50") || e.sh.set.mode != "stream" {
		t.Fatalf("mode block: %v, mode %s", err, e.sh.set.mode)
	}
	// A server that agrees gets no corrupted transfers: they are refused.
	e.sh.set.mode = "block"
	mustContain(t, "get in block mode", e.fail("get f"), "stream mode")
	e.sh.set.mode = "stream"
	e.run("get f")
}
