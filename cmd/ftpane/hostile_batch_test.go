package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ftpane/ftpane/internal/hostile"
)

// Payloads a hostile server puts in its replies and names: each would
// act on a terminal if printed raw.
const (
	osc0   = "\x1b]0;pwned-title\x07"                                 // sets the window title
	osc52  = "\x1b]52;c;cm0gLXJmIH4=\x07"                             // writes the clipboard
	osc8   = "\x1b]8;;https://evil.invalid/\x1b\\click\x1b]8;;\x1b\\" // a hidden link
	csi2J  = "\x1b[2J"                                                // clears the screen
	dcs    = "\x1bP+q544e\x1b\\"                                      // asks the terminal a question
	blink  = "\x1b[5;8mhidden\x1b[0m"                                 // blinking, invisible text
	rlo    = "bidi\u202etxt.exe"                                      // shows as "bidiexe.txt"
	c1     = "\u009b2J"                                               // CSI in one (C1) code point
	rawC1  = "\x9b2J"                                                 // CSI as a lone byte
	crName = "evil.sh\rsafe.txt"                                      // overwrites its own line
)

// hostileScript carries a payload in every place a client prints.
func hostileScript() hostile.Script {
	return hostile.Script{
		Banner: "220 welcome " + osc0 + osc52,
		Replies: map[string]string{
			"FEAT":        "211-Features " + csi2J + "\n MDTM\n " + dcs + "\n211 End",
			"SYST":        "215 UNIX " + osc8,
			"HELP":        "214-Help " + blink + "\n " + c1 + "\n214 end",
			"STAT":        "211-Status " + rlo + "\n " + rawC1 + "\n211 end",
			"CWD nowhere": "550 no such folder " + osc0,
			"MKD x":       "550 denied " + osc52,
		},
		Names: []string{"plain.txt", osc0 + "title.txt", rlo, csi2J + "x", crName, rawC1 + "y"},
	}
}

func startHostile(t *testing.T, s hostile.Script) *hostile.Server {
	t.Helper()
	srv, err := hostile.Start(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// firstUnsafe is the offset of the first thing a terminal acts on in
// out: a C0 control but TAB and LF, DEL, a C1 control (as UTF-8 or as a
// lone byte), a bidi control; -1 when there is none.
func firstUnsafe(out string, allowed string) int {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case strings.ContainsRune(allowed, r):
		case r == utf8.RuneError && size == 1 && out[i] >= 0x80 && out[i] <= 0x9f,
			r < 0x20 && r != '\t' && r != '\n', r >= 0x7f && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return i
		}
		i += size
	}
	return -1
}

func assertNoControls(t *testing.T, what, out string) {
	t.Helper()
	if i := firstUnsafe(out, ""); i >= 0 {
		t.Fatalf("%s carries a raw control at byte %d (%q):\n%q", what, i, out[i:min(len(out), i+12)], out)
	}
}

// TestBatchHostileServerEscaped runs batch mode against a server whose
// every reply and name carries terminal sequences: quiet (replies printed
// by the commands) and verbose (the transcript), output to a pipe.
func TestBatchHostileServerEscaped(t *testing.T) {
	srv := startHostile(t, hostileScript())
	for _, verbose := range []bool{false, true} {
		local := t.TempDir()
		args := []string{"-n", "ftp://" + srv.Addr()}
		if verbose {
			args = append([]string{"-v"}, args...)
		}
		script := "user u p\nquote FEAT\nsystem\nrhelp\nrstatus\nls\nnlist\ncd nowhere\nmkdir x\n" +
			"ls . listing.txt\nbye\n"
		code, out, errs := runBatchScript(t, local, script, args...)
		if code != 1 { // cd and mkdir fail
			t.Fatalf("exit %d\nstdout:\n%q\nstderr:\n%q", code, out, errs)
		}
		assertNoControls(t, "stdout", out)
		assertNoControls(t, "stderr", errs)
		wants := []string{
			`211-Features \x1b[2J`, ` \x1bP+q544e\x1b\`,
			`215 UNIX \x1b]8;;https://evil.invalid/\x1b\click\x1b]8;;\x1b\`,
			`214-Help \x1b[5;8mhidden\x1b[0m`, ` \u009b2J`,
			`211-Status bidi\u202etxt.exe`, ` \x9b2J`,
			`\x1b]0;pwned-title\x07title.txt`, `evil.sh\x0dsafe.txt`, `\x1b[2Jx`, `\x9b2Jy`,
			`550 no such folder \x1b]0;pwned-title\x07`, `550 denied \x1b]52;c;cm0gLXJmIH4=\x07`,
		}
		if verbose {
			wants = append(wants, `220 welcome \x1b]0;pwned-title\x07\x1b]52;c;cm0gLXJmIH4=\x07`)
		}
		for _, want := range wants {
			if !strings.Contains(out+errs, want) {
				t.Errorf("verbose=%v: output lacks %q:\n%s\n%s", verbose, want, out, errs)
			}
		}
		checkRawListing(t, filepath.Join(local, "listing.txt"))
	}
}

// checkRawListing: ls to a local file keeps the names as the server sent
// them (only the screen gets escapes).
func checkRawListing(t *testing.T, path string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range hostileScript().Names {
		if !strings.Contains(string(got), " "+n+"\n") && !strings.Contains(string(got), " "+n+"\r\n") {
			t.Errorf("%s lacks the raw name %q:\n%q", path, n, got)
		}
	}
}

// TestBatchDownloadKeepsBytes: a download, to a file or to the output
// (get file -), is the file's content as received, escapes and all.
func TestBatchDownloadKeepsBytes(t *testing.T) {
	content := "line " + osc52 + "\n" + rlo + "\r\n" + rawC1 + "\n"
	s := hostileScript()
	s.Files = map[string]string{"evil.bin": content}
	srv := startHostile(t, s)
	local := t.TempDir()
	code, out, errs := runBatchScript(t, local, "user u p\nbinary\nget evil.bin\nget evil.bin -\nbye\n",
		"-n", "ftp://"+srv.Addr())
	if code != 0 {
		t.Fatalf("exit %d\n%q\n%q", code, out, errs)
	}
	if got, _ := os.ReadFile(filepath.Join(local, "evil.bin")); string(got) != content {
		t.Errorf("file: %q, want %q", got, content)
	}
	if !strings.Contains(out, content) {
		t.Errorf("get evil.bin - did not print the bytes as received:\n%q", out)
	}
}
