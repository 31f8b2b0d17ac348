package ftpd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// curlTimeout bounds one curl run.
const curlTimeout = 30 * time.Second

// curlPath finds curl.
func curlPath(t *testing.T) string { return toolPath(t, "curl") }

// toolPath finds a client program. CI installs them
// (internal/interop/start.sh), so there a missing one fails the test
// instead of skipping it.
func toolPath(t *testing.T, name string) string {
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

// runCurl runs curl and returns its stdout; a non-zero exit fails the test
// unless wantExit says which one is expected.
func runCurl(t *testing.T, wantExit int, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), curlTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, curlPath(t), append([]string{"-sS", "--max-time", "20"}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	exit := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		exit = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("curl: %v", err)
	}
	if exit != wantExit {
		t.Fatalf("curl %v: exit %d, want %d; stderr: %s", args, exit, wantExit, stderr.String())
	}
	return string(out)
}

// TestCurl checks the server with a client nobody here wrote: listing,
// download and upload, passive and active, then explicit TLS.
func TestCurl(t *testing.T) {
	curlPath(t)
	dir := t.TempDir()
	data := randomBytes(512<<10, 42)
	writeFile(t, filepath.Join(dir, "curl me.bin"), data)
	writeFile(t, filepath.Join(dir, "sub", "x.txt"), []byte("x"))
	srvTLS, certPEM, err := SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	s := startTest(t, Options{Dir: dir, TLS: srvTLS})
	base := fmt.Sprintf("ftp://%s:%s@%s/", testUser, testPass, s.Addr())
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	writeFile(t, caFile, certPEM)
	local := t.TempDir()

	for _, tc := range []struct {
		name  string
		extra []string
	}{
		{"passive", nil},
		{"active", []string{"--ftp-port", "127.0.0.1"}},
		{"explicit TLS", []string{"--ssl-reqd", "--cacert", caFile}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list := runCurl(t, 0, append(tc.extra, base)...)
			for _, want := range []string{"curl me.bin", "sub"} {
				if !strings.Contains(list, want) {
					t.Errorf("curl listing lacks %q:\n%s", want, list)
				}
			}
			out := filepath.Join(local, strings.ReplaceAll(tc.name, " ", "-")+".bin")
			runCurl(t, 0, append(tc.extra, "-o", out, base+"curl%20me.bin")...)
			if got := fileSum(t, out); got != sum(data) {
				t.Errorf("curl -o: sha256 %s, want %s", got, sum(data))
			}
			runCurl(t, 0, append(tc.extra, "-T", out, base+"sub/")...)
			if got := fileSum(t, filepath.Join(dir, "sub", filepath.Base(out))); got != sum(data) {
				t.Errorf("curl -T: sha256 on disk %s, want %s", got, sum(data))
			}
		})
	}
	// curl's exit status 67: "the user name, password, or similar was not accepted".
	runCurl(t, 67, fmt.Sprintf("ftp://%s:wrong@%s/", testUser, s.Addr()))
}
