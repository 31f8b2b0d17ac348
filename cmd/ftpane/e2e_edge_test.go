package main

import (
	"fmt"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/session/trust"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startTUIPiped is startTUIHome with every byte ftpane writes to the
// terminal copied to a file (tmux pipe-pane): the program waits for a
// key until the pipe is in place, so nothing escapes the capture.
func startTUIPiped(t *testing.T, bin, dir, home string, env []string, w, h int, args ...string) (*tui, string) {
	t.Helper()
	tm := toolOrSkip(t, "tmux")
	raw := filepath.Join(t.TempDir(), "raw.bin")
	u := &tui{t: t, tmux: tm, socket: fmt.Sprintf("ftpane-edge-%d-%d", os.Getpid(), time.Now().UnixNano())}
	u.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"-c", dir, "read gate; "+tuiCommand(home, env, bin, args))
	t.Cleanup(func() { exec.Command(tm, "-L", u.socket, "kill-server").Run() })
	u.run("set-option", "-t", "e2e", "remain-on-exit", "on")
	u.run("pipe-pane", "-t", "e2e", "-o", "cat >> "+shellJoin([]string{raw}))
	u.keys("Enter")
	return u, raw
}

// rawStream is what reached the terminal so far.
func rawStream(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertRawClean fails when a server's sequence reached the terminal
// as bytes: ftpane's own output uses CSI and its one title (OSC 0/2
// "ftpane"), never these.
func assertRawClean(t *testing.T, raw string) {
	t.Helper()
	for _, bad := range []string{"\x1b]0;pwned", "\x1b]52;", "\x1b]8;;https://evil", "\x1bP+q", "\x1b[5;8m",
		"\x1b[2Jx", "\u202e", "\u009b", "\x9b2J", "evil.sh\rsafe"} {
		if i := strings.Index(raw, bad); i >= 0 {
			t.Fatalf("the terminal received %q raw at byte %d:\n%q", bad, i, raw[max(0, i-80):min(len(raw), i+80)])
		}
	}
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == 0x1b && raw[i+1] == ']' && !ownOSC(raw[i:]) {
			t.Fatalf("an OSC other than ftpane's title reached the terminal: %q", raw[i:min(len(raw), i+60)])
		}
	}
}

// ownOSC reports whether s starts with an OSC ftpane (Bubble Tea) sends:
// the window title, or the query for the background colour.
func ownOSC(s string) bool {
	for _, p := range []string{"\x1b]0;ftpane\a", "\x1b]2;ftpane\a", "\x1b]11;?\a", "\x1b]0;ftpane\x1b\\", "\x1b]2;ftpane\x1b\\"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func TestTUIHostileServerEscaped(t *testing.T) {
	bin := buildFtpane(t)
	s := hostileScript()
	s.Names = append(s.Names, "evil.txt")
	s.Files = map[string]string{"evil.txt": "content " + osc52 + " and " + osc8 + "\n" + rlo + "\n"}
	srv := startHostile(t, s)
	u, raw := startTUIPiped(t, bin, t.TempDir(), t.TempDir(), nil, 120, 40, "-v", "ftp://u:p@"+srv.Addr())
	u.waitFor("plain.txt", `bidi\u202etxt.exe`, `\x1b[2Jx`, `evil.sh\x0dsafe.txt`, `\x9b2Jy`)
	u.keys("/", "text:evil.t", "Enter", "F3")
	u.waitFor(`content \x1b]52;c;cm0gLXJmIH4=\x07 and \x1b]8;;https://evil.invalid/`, `bidi\u202etxt.exe`)
	u.keys("q")
	u.waitGone("content ")
	u.keys(":", "text:cd nowhere", "Enter")
	u.waitFor(`550 no such folder \x1b]0;pwned-title\x07`)
	for _, size := range [][2]string{{"1", "30"}, {"1", "1"}, {"30", "1"}, {"2", "5"}, {"120", "40"}} {
		u.run("resize-window", "-t", "e2e", "-x", size[0], "-y", size[1])
	}
	u.waitFor("evil.txt", `evil.sh\x0dsafe.txt`) // alive and drawn again after 1×30 and 1×1
	assertRawClean(t, rawStream(t, raw))
}

// TestTUIHostileLoginError: the 530 of a failed login, shown in the
// connect dialog, carries links, hidden and blinking text and a DCS.
func TestTUIHostileLoginError(t *testing.T) {
	bin := buildFtpane(t)
	s := hostileScript()
	s.Replies["PASS"] = "530 denied " + osc8 + blink + dcs + osc0
	srv := startHostile(t, s)
	u, raw := startTUIPiped(t, bin, t.TempDir(), t.TempDir(), nil, 120, 40, "ftp://u:wrong@"+srv.Addr())
	u.waitFor("Connect to an FTP server", `530 denied \x1b]8;;https://evil.invalid/`)
	assertRawClean(t, rawStream(t, raw))
}

// TestTUITrustOnFirstUse drives the trust dialog against the embedded
// server with a self-signed certificate: trust always writes known_hosts,
// the next start connects without asking, and a server that comes back
// on the same address with another certificate is refused loudly.
func TestTUITrustOnFirstUse(t *testing.T) {
	bin := buildFtpane(t)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "served.txt"), []byte("x"), 0o644)
	conf := selfSigned(t)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "e2e", Pass: "s3cret", TLS: conf})
	if err != nil {
		t.Fatal(err)
	}
	addr, fp := srv.Addr(), trust.Fingerprint(conf.Certificates[0].Certificate[0])
	home := t.TempDir()
	env := []string{"FTPANE_PASSWORD=s3cret"}
	u := startTUIHome(t, bin, t.TempDir(), home, env, 120, 50, "--tls", "ftp://e2e@"+addr)
	u.waitFor("Unknown server certificate", fp[:48], fp[48:], "Subject:  CN=ftpane self-signed", "Protocol: TLS 1.3")
	u.keys("Right", "Enter")
	u.waitFor("connected to e2e@"+addr, "served.txt")
	kh := filepath.Join(home, ".data", "ftpane", "known_hosts")
	if data, err := os.ReadFile(kh); err != nil || !strings.Contains(string(data), addr+" SHA256:"+fp+"\n") {
		t.Fatalf("known_hosts: %q %v", data, err)
	}
	u.keys("F")
	u.waitFor("Server certificate", fp[:48], "Issuer:", "Valid:")
	u.keys("Escape")
	u.waitGone("Server certificate")
	u.keys("q")
	u.waitForAny("ftpane exited 0", "Pane is dead (status 0,")

	again := startTUIHome(t, bin, t.TempDir(), home, env, 120, 50, "--tls", "ftp://e2e@"+addr)
	again.waitFor("connected to e2e@"+addr, "served.txt")
	if strings.Contains(again.screen(), "Unknown server certificate") {
		t.Fatal("asked again for a pinned certificate")
	}
	again.keys("q")
	again.waitForAny("ftpane exited 0", "Pane is dead (status 0,")

	srv.Close()
	other := selfSigned(t)
	srv2, err := ftpd.Start(ftpd.Options{Dir: root, Addr: addr, User: "e2e", Pass: "s3cret", TLS: other})
	if err != nil {
		t.Fatalf("restart on %s: %v", addr, err)
	}
	t.Cleanup(func() { srv2.Close() })
	fp2 := trust.Fingerprint(other.Certificates[0].Certificate[0])
	loud := startTUIHome(t, bin, t.TempDir(), home, env, 120, 50, "--tls", "ftp://e2e@"+addr)
	loud.waitFor("WARNING: SERVER CERTIFICATE CHANGED", fp[:48], fp2[:48], "known_hosts")
	if strings.Contains(loud.screen(), "served.txt") {
		t.Fatal("listed the server behind a changed certificate")
	}
}
