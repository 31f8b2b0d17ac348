package shell

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestComplete(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "docs/readme.txt"), "r")
	writeFile(t, filepath.Join(e.root, "data.bin"), "d")
	writeFile(t, filepath.Join(e.root, "my file"), "m")
	writeFile(t, filepath.Join(e.local, "local.txt"), "l")
	os.Mkdir(filepath.Join(e.local, "lsub"), 0o755)
	tests := []struct {
		line  string
		start int
		want  []string
	}{
		{"mk", 0, []string{"mkdir"}},
		{"get d", 4, []string{"data.bin", "docs/"}},
		{"get docs/r", 4, []string{"docs/readme.txt"}},
		{"get data.bin l", 13, []string{"local.txt", "lsub/"}},
		{"put l", 4, []string{"local.txt", "lsub/"}},
		{"help mg", 5, []string{"mget"}},
		{"get m", 4, []string{`"my file"`}},
		{"pwd x", 4, nil},
		{"frob x", 5, nil},
	}
	for _, tt := range tests {
		start, got := e.sh.Complete(t.Context(), tt.line)
		if start != tt.start || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Complete(%q) = %d %q, want %d %q", tt.line, start, got, tt.start, tt.want)
		}
	}
}
