package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui"
)

// runTUI opens the dual-pane client: the local folder on the left, the
// server on the right (or the connect dialog when no host was given or the
// login needs correcting).
func runTUI(a clientArgs) int {
	keys, keysErr := keymap.LoadFile(keymap.Path(xdg.ConfigHome))
	themes, err := loadThemes(xdg.ConfigHome, a.Settings)
	if err != nil {
		fmt.Fprintln(a.Stderr, "ftpane:", err)
		return 2
	}
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	qo := a.Settings.queueOptions()
	qo.Restore = restorePassword(a.Remote)
	q, qErr := transfer.New(qo)
	defer q.Close()
	if qErr != nil && keysErr == nil {
		keysErr = fmt.Errorf("transfer queue: %w (jobs are not kept)", qErr)
	}
	columns, _ := a.Settings.UI.columns() // checked when the settings were read
	m := ui.New(ui.Options{
		Queue:       q,
		HistoryPath: filepath.Join(xdg.StateHome, "ftpane", "history"),
		Keys:        keys,
		KeysError:   keysErr,
		Local:       session.Local{},
		Remote:      a.Remote,
		Note:        a.NetrcNote,
		Editor:      editor,
		NoColor:     ui.NoColorEnv(),
		Dark:        true,
		ShowLog:     a.Verbose || a.Debug,
		Sites:       siteOptions(a),
		Theme:       a.Settings.UI.Theme,
		Themes:      themes,
		Notify:      notifyOptions(a.Settings),
		MaxEntries:  a.Settings.Browse.MaxEntries,
		Columns:     columns,
		Watch:       a.Settings.watchOptions(),
	})
	if err := ui.Run(m, a.Stdin, a.Stdout); err != nil {
		fmt.Fprintln(a.Stderr, "ftpane:", err)
		return 1
	}
	return 0
}

// restorePassword gives jobs read back from the journal (which holds no
// passwords) the password of the server given on the command line, when
// host, port and user match.
func restorePassword(cur *session.Config) func(session.Config) session.Config {
	return func(c session.Config) session.Config {
		if cur != nil && c.Password == "" && c.Host == cur.Host && c.User == cur.User &&
			c.Label() == cur.Label() {
			c.Password = cur.Password
		}
		return c
	}
}
