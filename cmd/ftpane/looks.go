package main

import (
	"fmt"
	"os"
	"time"

	"github.com/ftpane/ftpane/ui"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/styles"
)

// uiSettings is config.toml's [ui].
type uiSettings struct {
	Theme string `toml:"theme"`
	// LocalColumns and RemoteColumns are the panes' columns (pane.Column
	// names), for a pane on the local disk and one on a server.
	LocalColumns  []string `toml:"local_columns"`
	RemoteColumns []string `toml:"remote_columns"`
}

// columns reads the column lists; an error names the key.
func (u uiSettings) columns() (pane.Columns, error) {
	local, err := pane.ParseColumns(u.LocalColumns)
	if err != nil {
		return pane.Columns{}, fmt.Errorf("ui.local_columns: %w", err)
	}
	remote, err := pane.ParseColumns(u.RemoteColumns)
	if err != nil {
		return pane.Columns{}, fmt.Errorf("ui.remote_columns: %w", err)
	}
	return pane.Columns{Local: local, Remote: remote}, nil
}

// notifySettings is config.toml's [notify].
type notifySettings struct {
	AfterSeconds int  `toml:"after_seconds"`
	Bell         bool `toml:"bell"`
	Desktop      bool `toml:"desktop"`
}

// loadThemes reads the user's themes and checks that the configured
// theme is one of them or built in.
func loadThemes(configHome string, s settings) (map[string]styles.Theme, error) {
	themes, err := styles.LoadThemes(styles.ThemeDir(configHome))
	if err != nil {
		return nil, err
	}
	if _, builtin := styles.Builtin(s.UI.Theme); !builtin && themes[s.UI.Theme].Name == "" {
		return nil, fmt.Errorf("%s: ui.theme: no theme %q (themes: %v)", configPath(configHome), s.UI.Theme, ui.ThemeNames(themes))
	}
	return themes, nil
}

// notifyOptions are the TUI's notification settings; the escape is the
// one the terminal in the environment speaks.
func notifyOptions(s settings) ui.NotifyOptions {
	return ui.NotifyOptions{After: time.Duration(s.Notify.AfterSeconds) * time.Second,
		Bell: s.Notify.Bell, Desktop: s.Notify.Desktop, OSC: ui.OSCFor(os.Getenv)}
}
