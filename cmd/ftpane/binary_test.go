package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// toolOrSkip finds a program; on CI (CI=true) a missing one fails.
func toolOrSkip(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed on CI: %v", name, err)
		}
		t.Skipf("%s not found: %v", name, err)
	}
	return p
}

// buildFtpane compiles this command into a temporary folder.
func buildFtpane(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ftpane")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, toolOrSkip(t, "go"), "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func fileSha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha(b)
}

// curl runs curl against the server and fails the test on a non-zero exit.
func curl(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, toolOrSkip(t, "curl"), append([]string{"-sS", "--max-time", "20"}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("curl %v: %v: %s", args, err, stderr.String())
	}
	return string(out)
}

// serveProcess is a running `ftpane serve` subprocess.
type serveProcess struct {
	cmd    *exec.Cmd
	host   string // host:port from the printed URL
	user   string // user from the printed URL
	out    *lines
	seen   []string // stdout up to "Press Ctrl+C"
	stderr *strings.Builder
	exited chan error
}

// startServeBinary runs bin serve args with extra environment and waits for
// it to print where it listens. The process is killed if the test ends
// without stopping it.
func startServeBinary(t *testing.T, bin string, env []string, args ...string) *serveProcess {
	t.Helper()
	p := &serveProcess{cmd: exec.Command(bin, append([]string{"serve"}, args...)...), stderr: &strings.Builder{}, exited: make(chan error, 1)}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	p.out = readLines(stdout)
	_, p.seen = p.out.waitFor(t, "Press Ctrl+C")
	m := urlRe.FindStringSubmatch(strings.Join(p.seen, "\n"))
	if m == nil {
		t.Fatalf("no URL printed:\n%s", strings.Join(p.seen, "\n"))
	}
	p.user, p.host = m[2], m[3]
	return p
}

// interrupt sends SIGINT, as Ctrl+C does, and returns the rest of stdout
// and the exit error.
func (p *serveProcess) interrupt(t *testing.T) (string, error) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		return strings.Join(p.out.rest(), "\n"), err
	case <-time.After(ioTimeout):
		t.Fatalf("still running %v after SIGINT", ioTimeout)
		return "", nil
	}
}

// TestServeBinaryWithCurl runs the real `ftpane serve` as a user would:
// flags, password from the environment, curl listing, download and upload,
// then Ctrl+C (SIGINT) stops it with status 0 and the port closed.
func TestServeBinaryWithCurl(t *testing.T) {
	toolOrSkip(t, "curl")
	bin := buildFtpane(t)
	dir := t.TempDir()
	data := make([]byte, 700<<10)
	for i := range data {
		data[i] = byte(rand.Uint32())
	}
	if err := os.WriteFile(filepath.Join(dir, "shared file.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	const pass = "subprocess-pass-9"
	p := startServeBinary(t, bin, []string{servePassEnv + "=" + pass}, dir, "--addr", "127.0.0.1:0", "--user", "carol")
	if p.user != "carol" {
		t.Errorf("URL user %q, want carol", p.user)
	}
	base := fmt.Sprintf("ftp://carol:%s@%s/", pass, p.host)

	if list := curl(t, base); !strings.Contains(list, "shared file.bin") {
		t.Errorf("curl listing lacks the file:\n%s", list)
	}
	got := filepath.Join(t.TempDir(), "got.bin")
	curl(t, "-o", got, base+"shared%20file.bin")
	if fileSha(t, got) != sha(data) {
		t.Error("curl -o: the downloaded file differs from the shared one")
	}
	curl(t, "-T", got, base+"uploaded.bin")
	if fileSha(t, filepath.Join(dir, "uploaded.bin")) != sha(data) {
		t.Error("curl -T: the uploaded file on disk differs from the one sent")
	}

	rest, err := p.interrupt(t)
	if err != nil {
		t.Errorf("after SIGINT: %v, want exit status 0; stderr:\n%s", err, p.stderr)
	}
	if !strings.Contains(rest, "Stopped.") {
		t.Errorf("no Stopped. after SIGINT; stdout tail: %q", rest)
	}
	if !portClosed(p.host) {
		t.Errorf("%s still open after SIGINT", p.host)
	}
	if text := strings.Join(p.seen, "\n") + rest + p.stderr.String(); strings.Contains(text, pass) {
		t.Error("the output shows the password given in the environment")
	}
	if !strings.Contains(p.stderr.String(), "op=STOR path=/uploaded.bin") {
		t.Errorf("stderr lacks the upload's log line:\n%s", p.stderr)
	}
}
