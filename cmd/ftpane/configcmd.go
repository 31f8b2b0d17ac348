package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"

	"github.com/ftpane/ftpane/assets"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/styles"
)

// runConfig is `ftpane config`: where the files are and the settings in
// effect; `--default` prints the documented default config.toml.
func runConfig(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 1 && args[0] == "--default":
		io.WriteString(stdout, assets.DefaultConfig)
		return 0
	case len(args) > 0:
		fmt.Fprintf(stderr, "ftpane config: unknown argument %q (ftpane config [--default])\n", args[0])
		return 2
	}
	path := configPath(xdg.ConfigHome)
	s, err := loadSettings(path)
	if err != nil {
		fmt.Fprintf(stderr, "ftpane: %v\n", err)
		return 2
	}
	files := []struct{ what, path string }{{"config", path}, {"keys", keymap.Path(xdg.ConfigHome)},
		{"sites", sites.Path(xdg.ConfigHome)}, {"themes", styles.ThemeDir(xdg.ConfigHome)},
		{"recent", sites.RecentPath(xdg.StateHome)}}
	for _, f := range files {
		fmt.Fprintf(stdout, "# %-7s %s%s\n", f.what+":", f.path, existence(f.path))
	}
	fmt.Fprintln(stdout, "# passwords: the OS keyring (service \"ftpane\"), never these files")
	fmt.Fprintln(stdout, "# the settings in effect (defaults where the file is silent):")
	fmt.Fprintln(stdout)
	if err := toml.NewEncoder(stdout).Encode(s); err != nil {
		fmt.Fprintf(stderr, "ftpane: %v\n", err)
		return 1
	}
	return 0
}

func existence(path string) string {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return " (none)"
	}
	return " (" + err.Error() + ")"
}
