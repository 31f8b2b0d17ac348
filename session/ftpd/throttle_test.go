package ftpd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"
)

// TestThrottleOnlyTheNamedFile: only the files Options.Throttle names are
// paced, however the path is spelt; a server without it (ftpane serve)
// paces none.
func TestThrottleOnlyTheNamedFile(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	slow := newThrottles(DemoThrottle())
	for name, paced := range map[string]bool{
		"/slow/watch-me.bin": true, "slow/watch-me.bin": true, "/slow/../slow/watch-me.bin": true,
		"/slow/other.bin": false, "/big.bin": false, "/slow": false,
	} {
		_, got := slow.wrap(name, f, nil).(*throttledFile)
		if got != paced {
			t.Errorf("%s: paced %v, want %v", name, got, paced)
		}
	}
	var none throttles = newThrottles(Options{}.Throttle)
	if g := none.wrap("/slow/watch-me.bin", f, nil); g != afero.File(f) {
		t.Error("a server without Throttle paces a file")
	}
	if b := throttleBurst(DemoSlowRate); b != 256<<10 {
		t.Errorf("burst at %d B/s: %d", DemoSlowRate, b)
	}
}
