package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchFailurePrintedOnce: a server's refusal of an upload (502 to
// APPE, to STOR) is printed once, quiet or verbose: as the error on
// stderr, or as the reply in the transcript (-v), never both, and the
// error says it once.
func TestBatchFailurePrintedOnce(t *testing.T) {
	srv := startHostile(t, hostileScript())
	for _, verbose := range []bool{false, true} {
		local := t.TempDir()
		os.WriteFile(filepath.Join(local, "app.txt"), []byte("more\n"), 0o644)
		args := []string{"-n", "ftp://" + srv.Addr()}
		if verbose {
			args = append([]string{"-v"}, args...)
		}
		code, out, errs := runBatchScript(t, local, "user u p\nappend app.txt\nput app.txt\nbye\n", args...)
		if code != 1 {
			t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out, errs)
		}
		for _, verb := range []string{"APPE", "STOR"} {
			if n := strings.Count(out+errs, verb+" not implemented"); n != 1 {
				t.Errorf("verbose=%v: the refusal of %s is printed %d times, want once:\nstdout:\n%s\nstderr:\n%s",
					verbose, verb, n, out, errs)
			}
		}
		if !verbose && !strings.Contains(errs, "append /app.txt: 502 APPE not implemented") {
			t.Errorf("stderr lacks the failed append with its reply:\n%s", errs)
		}
	}
}
