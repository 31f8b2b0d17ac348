package main

import (
	"bufio"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// cmdReply sends one command and returns the reply.
func cmdReply(t *testing.T, tp *textproto.Conn, line string) (int, string) {
	t.Helper()
	if err := tp.PrintfLine("%s", line); err != nil {
		t.Fatalf("send %s: %v", line, err)
	}
	code, msg, err := tp.ReadResponse(0)
	if err != nil && code == 0 {
		t.Fatalf("reply to %s: %v", line, err)
	}
	return code, msg
}

// TestServeLimitsConnectionsByDefault: with no flags, the 11th connection
// from one address is told why and closed.
func TestServeLimitsConnectionsByDefault(t *testing.T) {
	host, _, out, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0"}, nil)
	if text := strings.Join(out, "\n"); !strings.Contains(text, "limits:    10 connections per address, 50 connections in all") {
		t.Errorf("output does not show the limits:\n%s", text)
	}
	for range 10 {
		dialFTP(t, host)
	}
	conn, err := net.DialTimeout("tcp", host, ioTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(ioTimeout))
	r := bufio.NewReader(conn)
	line, _ := r.ReadString('\n')
	if want := "421 Too many connections from your address (limit 10); try again later\r\n"; line != want {
		t.Errorf("11th connection: %q, want %q", line, want)
	}
	if _, err := r.ReadByte(); err == nil {
		t.Error("11th connection still open")
	}
}

// TestServeRequiresTLSWithACertificate: a certificate makes TLS required
// for login unless --require-tls=false.
func TestServeRequiresTLSWithACertificate(t *testing.T) {
	host, _, out, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0", "--tls-self-signed"}, nil)
	if text := strings.Join(out, "\n"); !strings.Contains(text, "explicit (AUTH TLS), required to log in") {
		t.Errorf("output does not say TLS is required:\n%s", text)
	}
	tp := dialFTP(t, host)
	if code, msg := cmdReply(t, tp, "USER ftpane"); code != 530 || msg != "TLS required: send AUTH TLS first" {
		t.Errorf("USER in clear: %d %q", code, msg)
	}
	if code, _ := cmdReply(t, tp, "AUTH TLS"); code != 234 {
		t.Errorf("AUTH TLS after the refusal: %d, want 234", code)
	}
	host2, _, _, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0", "--tls-self-signed", "--require-tls=false"}, nil)
	if code, _ := cmdReply(t, dialFTP(t, host2), "USER ftpane"); code != 331 {
		t.Errorf("USER in clear with --require-tls=false: %d, want 331", code)
	}
}

// TestServePassivePorts: --passive-ports keeps EPSV and PASV in the range.
func TestServePassivePorts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	rng := fmt.Sprintf("%d-%d", port, port)
	host, _, out, _ := serveInProcess(t, []string{t.TempDir(), "--addr", "127.0.0.1:0", "--pass", "pp", "--passive-ports", rng}, nil)
	if text := strings.Join(out, "\n"); !strings.Contains(text, "passive:   ports "+rng) {
		t.Errorf("output does not show the passive ports:\n%s", text)
	}
	tp := dialFTP(t, host)
	cmdReply(t, tp, "USER ftpane")
	if code, _ := cmdReply(t, tp, "PASS pp"); code != 230 {
		t.Fatalf("login: %d", code)
	}
	if _, msg := cmdReply(t, tp, "EPSV"); !strings.Contains(msg, "|"+strconv.Itoa(port)+"|") {
		t.Errorf("EPSV = %q, want port %d", msg, port)
	}
	cmdReply(t, tp, "ABOR")
	want := fmt.Sprintf(",%d,%d)", port/256, port%256)
	if _, msg := cmdReply(t, tp, "PASV"); !strings.HasSuffix(msg, want) {
		t.Errorf("PASV = %q, want port %d", msg, port)
	}
}

// TestServeBinaryWithTnftp runs the built `ftpane serve` against tnftp:
// mget and mdelete with globs (NLST *.bin) and sunique (STOU), checked
// by sha256.
func TestServeBinaryWithTnftp(t *testing.T) {
	tnftp := toolOrSkip(t, "tnftp")
	bin := buildFtpane(t)
	dir, local := t.TempDir(), t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"a.bin", "b.bin"} {
		files[name] = writeRandom(t, filepath.Join(dir, name), 100_000)
	}
	for _, name := range []string{"x.tmp", "y.tmp"} {
		writeRandom(t, filepath.Join(dir, name), 10)
	}
	upSum := writeRandom(t, filepath.Join(local, "up.bin"), 50_000)
	p := startServeBinary(t, bin, []string{servePassEnv + "=tn-pass"}, dir, "--addr", "127.0.0.1:0")
	host, port, _ := net.SplitHostPort(p.host)
	cmd := exec.Command(tnftp, "-n", "-i", "-v", host, port)
	cmd.Dir = local
	cmd.Stdin = strings.NewReader("user ftpane tn-pass\nbinary\nmget *.bin\nmdelete *.tmp\nsunique\nput up.bin\nput up.bin\nbye\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tnftp: %v\n%s", err, out)
	}
	for name, want := range files {
		if got := fileSha(t, filepath.Join(local, name)); got != want {
			t.Errorf("mget *.bin: %s differs", name)
		}
	}
	for _, name := range []string{"x.tmp", "y.tmp"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("mdelete *.tmp left %s", name)
		}
	}
	for _, name := range []string{"up.bin", "up.bin.1"} {
		if got := fileSha(t, filepath.Join(dir, name)); got != upSum {
			t.Errorf("sunique put: %s differs", name)
		}
	}
	if !strings.Contains(string(out), "150 FILE: up.bin.1") {
		t.Errorf("tnftp did not show STOU's name:\n%s", out)
	}
	if _, err := p.interrupt(t); err != nil {
		t.Errorf("after SIGINT: %v", err)
	}
}
