package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/ui/pane"
)

// TestColumnSettings: the panes' columns come from [ui], the user's list
// replacing the default one whole; a wrong one stops the start with the
// file, the key and what is wrong.
func TestColumnSettings(t *testing.T) {
	s, err := loadSettings(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.UI.columns()
	if err != nil || !slices.Equal(c.Local, pane.DefaultColumns().Local) || !slices.Equal(c.Remote, pane.DefaultColumns().Remote) {
		t.Fatalf("defaults: %+v %v (assets/config.toml and pane.DefaultColumns disagree)", c, err)
	}
	p := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(p, []byte("[ui]\nremote_columns = [\"perm\", \"name\", \"group\"]\n"), 0o600)
	if s, err = loadSettings(p); err != nil {
		t.Fatal(err)
	}
	if c, _ = s.UI.columns(); !slices.Equal(c.Remote, []pane.Column{pane.ColPerm, pane.ColName, pane.ColGroup}) ||
		!slices.Equal(c.Local, pane.DefaultColumns().Local) {
		t.Fatalf("from the file: %+v", c)
	}
	for body, want := range map[string]string{
		"[ui]\nlocal_columns = [\"name\", \"prems\"]\n":          `ui.local_columns: unknown column "prems" (columns: name, size, time, perm, owner, group)`,
		"[ui]\nremote_columns = [\"size\"]\n":                    "ui.remote_columns: the name column is missing",
		"[ui]\nremote_columns = []\n":                            "ui.remote_columns: the name column is missing",
		"[ui]\nlocal_columns = [\"name\", \"time\", \"time\"]\n": `ui.local_columns: column "time" is listed twice`,
		"[ui]\nlocal_column = [\"name\"]\n":                      "unknown setting ui.local_column",
	} {
		os.WriteFile(p, []byte(body), 0o600)
		if _, err := loadSettings(p); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: want an error naming %s and %q, got %v", body, p, want, err)
		}
	}
}
