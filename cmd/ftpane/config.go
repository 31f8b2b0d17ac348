package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ftpane/ftpane/assets"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui"
)

// settings is config.toml: the defaults in assets/config.toml, overridden
// by the user's file.
type settings struct {
	Transfer struct {
		Workers             int      `toml:"workers"`
		SegmentThresholdMiB int64    `toml:"segment_threshold_mib"`
		Segments            int      `toml:"segments"`
		ASCIIExtensions     []string `toml:"ascii_extensions"`
		RateLimit           string   `toml:"rate_limit"`
	} `toml:"transfer"`
	Connection struct {
		TimeoutSeconds   int `toml:"timeout_seconds"`
		KeepaliveSeconds int `toml:"keepalive_seconds"`
	} `toml:"connection"`
	UI     uiSettings     `toml:"ui"`     // looks.go
	Notify notifySettings `toml:"notify"` // looks.go
	Browse struct {
		MaxEntries int `toml:"max_entries"`
	} `toml:"browse"`
	Watch struct {
		QuietMS int  `toml:"quiet_ms"`
		Delete  bool `toml:"delete"`
	} `toml:"watch"`
}

// maxEntriesLimit bounds browse.max_entries: a pane numbers its entries
// with 32 bits, and a hundred million is already 10 GB.
const maxEntriesLimit = 100_000_000

// configPath is config.toml in the XDG config folder.
func configPath(configHome string) string {
	return filepath.Join(configHome, "ftpane", "config.toml")
}

// loadSettings reads the defaults, then path when it exists. A syntax
// error, an unknown key or a value out of range names the file and the
// key, so a typo is never silently ignored.
func loadSettings(path string) (settings, error) {
	var s settings
	if _, err := toml.Decode(assets.DefaultConfig, &s); err != nil {
		return s, fmt.Errorf("built-in config: %w", err)
	}
	md, err := toml.DecodeFile(path, &s)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		keys := make([]string, len(u))
		for i, k := range u {
			keys[i] = k.String()
		}
		return s, fmt.Errorf("%s: unknown setting %s", path, strings.Join(keys, ", "))
	}
	return s, s.check(path)
}

func (s settings) check(path string) error {
	t, c := s.Transfer, s.Connection
	switch {
	case t.Workers < 1 || t.Workers > transfer.MaxWorkers:
		return fmt.Errorf("%s: transfer.workers is %d: must be 1 to %d", path, t.Workers, transfer.MaxWorkers)
	case t.SegmentThresholdMiB < 0:
		return fmt.Errorf("%s: transfer.segment_threshold_mib must not be negative", path)
	case t.Segments < 1 || t.Segments > transfer.MaxWorkers:
		return fmt.Errorf("%s: transfer.segments is %d: must be 1 to %d", path, t.Segments, transfer.MaxWorkers)
	case c.TimeoutSeconds < 1:
		return fmt.Errorf("%s: connection.timeout_seconds must be at least 1", path)
	case c.KeepaliveSeconds < 1:
		return fmt.Errorf("%s: connection.keepalive_seconds must be at least 1", path)
	case s.Notify.AfterSeconds < 0:
		return fmt.Errorf("%s: notify.after_seconds must not be negative", path)
	case s.Browse.MaxEntries < 1 || s.Browse.MaxEntries > maxEntriesLimit:
		return fmt.Errorf("%s: browse.max_entries is %d: must be 1 to %d", path, s.Browse.MaxEntries, maxEntriesLimit)
	case s.Watch.QuietMS < 50 || s.Watch.QuietMS > 60000:
		return fmt.Errorf("%s: watch.quiet_ms is %d: must be 50 to 60000", path, s.Watch.QuietMS)
	}
	if _, err := s.rateLimit(); err != nil {
		return fmt.Errorf("%s: transfer.rate_limit: %w", path, err)
	}
	if _, err := s.UI.columns(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// rateLimit is transfer.rate_limit in bytes per second ("": none).
func (s settings) rateLimit() (int64, error) {
	if strings.TrimSpace(s.Transfer.RateLimit) == "" {
		return 0, nil
	}
	return transfer.ParseRate(s.Transfer.RateLimit)
}

// queueOptions are the transfer queue's settings.
func (s settings) queueOptions() transfer.Options {
	o := transfer.Options{Workers: s.Transfer.Workers, Segments: s.Transfer.Segments,
		ASCIIExt: s.Transfer.ASCIIExtensions}
	o.SegmentThreshold = s.Transfer.SegmentThresholdMiB << 20
	if o.SegmentThreshold == 0 {
		o.SegmentThreshold = 1 << 62 // off
	}
	o.Rate, _ = s.rateLimit() // checked when loaded
	return o
}

// applyTo sets a connection's timeout and keepalive.
func (s settings) applyTo(c *session.Config) {
	c.Timeout = time.Duration(s.Connection.TimeoutSeconds) * time.Second
	c.Keepalive = time.Duration(s.Connection.KeepaliveSeconds) * time.Second
}

// watchOptions are the folder watch's settings (W, :watch).
func (s settings) watchOptions() ui.WatchOptions {
	return ui.WatchOptions{Quiet: time.Duration(s.Watch.QuietMS) * time.Millisecond, Delete: s.Watch.Delete}
}
