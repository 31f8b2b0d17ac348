package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/ftpane/ftpane/session"
)

func TestSettingsDefaults(t *testing.T) {
	s, err := loadSettings(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil {
		t.Fatal(err)
	}
	o := s.queueOptions()
	if o.Workers != 4 || o.SegmentThreshold != 64<<20 || o.Segments != 4 || len(o.ASCIIExt) != 0 {
		t.Fatalf("defaults %+v", o)
	}
	var c session.Config
	s.applyTo(&c)
	if c.Timeout != 30*time.Second || c.Keepalive != time.Minute {
		t.Fatalf("connection defaults %v %v", c.Timeout, c.Keepalive)
	}
	if s.Browse.MaxEntries != 1_000_000 {
		t.Fatalf("browse.max_entries default %d", s.Browse.MaxEntries)
	}
	if o.Rate != 0 {
		t.Fatalf("rate_limit default %d, want none", o.Rate)
	}
}

func TestSettingsFromFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(p, []byte("[transfer]\nworkers = 8\nsegment_threshold_mib = 0\nascii_extensions = [\"txt\", \".csv\"]\nrate_limit = \"1.5M\"\n"+
		"[connection]\ntimeout_seconds = 5\n[browse]\nmax_entries = 5000\n"), 0o600)
	s, err := loadSettings(p)
	if err != nil {
		t.Fatal(err)
	}
	o := s.queueOptions()
	if o.Workers != 8 || o.SegmentThreshold < 1<<60 || strings.Join(o.ASCIIExt, ",") != "txt,.csv" || o.Segments != 4 {
		t.Fatalf("from file: %+v (segment_threshold_mib = 0 must turn segmenting off)", o)
	}
	if o.Rate != 3<<19 {
		t.Fatalf("rate_limit = \"1.5M\" gave %d bytes a second, want %d", o.Rate, 3<<19)
	}
	var c session.Config
	s.applyTo(&c)
	if c.Timeout != 5*time.Second || c.Keepalive != time.Minute {
		t.Fatalf("connection: %v %v", c.Timeout, c.Keepalive)
	}
	if s.Browse.MaxEntries != 5000 {
		t.Fatalf("browse.max_entries %d", s.Browse.MaxEntries)
	}
}

func TestBadSettingsNameTheKey(t *testing.T) {
	for body, want := range map[string]string{
		"[transfer]\nwrokers = 3\n":           "unknown setting transfer.wrokers",
		"[transfer]\nworkers = 17\n":          "transfer.workers is 17: must be 1 to 16",
		"[connection]\ntimeout_seconds = 0\n": "connection.timeout_seconds must be at least 1",
		"[browse]\nmax_entries = 0\n":         "browse.max_entries is 0: must be 1 to 100000000",
		"[transfer\n":                         "toml: line",
		"[transfer]\nrate_limit = \"fast\"\n": `transfer.rate_limit: "fast" is not a rate: give bytes per second`,
		"[transfer]\nrate_limit = \"5X\"\n":   `transfer.rate_limit: "5X": unknown unit "x"`,
		"[transfer]\nrate_limit = \"-1M\"\n":  `transfer.rate_limit: "-1M": a limit cannot be negative`,
		"[transfer]\nrate_limit = 500\n":      "rate_limit",
	} {
		p := filepath.Join(t.TempDir(), "config.toml")
		os.WriteFile(p, []byte(body), 0o600)
		if _, err := loadSettings(p); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: want an error naming %s and %q, got %v", body, p, want, err)
		}
	}
}

// TestBadConfigStopsTheStart: a user's typo is a start-up error (exit 2,
// one line), never silently ignored.
func TestBadConfigStopsTheStart(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "ftpane"), 0o755)
	os.WriteFile(filepath.Join(home, "ftpane", "config.toml"), []byte("[transfer]\nworkers = 0\n"), 0o600)
	t.Setenv("XDG_CONFIG_HOME", home)
	reloadXDG(t)
	var out, errb bytes.Buffer
	if code := run([]string{"-b", "/dev/null"}, strings.NewReader(""), &out, &errb); code != 2 ||
		!strings.Contains(errb.String(), "transfer.workers is 0") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func reloadXDG(t *testing.T) {
	xdg.Reload()
	t.Cleanup(xdg.Reload)
}
