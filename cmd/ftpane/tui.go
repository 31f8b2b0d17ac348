package main

import (
	"fmt"
	"os"

	"github.com/adrg/xdg"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui"
)

// runTUI opens the dual-pane client: the local folder on the left, the
// server on the right (or the connect dialog when no host was given or the
// login needs correcting).
func runTUI(a clientArgs) int {
	keys, keysErr := keymap.LoadFile(keymap.Path(xdg.ConfigHome))
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	m := ui.New(ui.Options{
		Keys:      keys,
		KeysError: keysErr,
		Local:     session.Local{},
		Remote:    a.Remote,
		Note:      a.NetrcNote,
		Editor:    editor,
		NoColor:   ui.NoColorEnv(),
		Dark:      true,
		ShowLog:   a.Verbose || a.Debug,
	})
	if err := ui.Run(m, a.Stdin, a.Stdout); err != nil {
		fmt.Fprintln(a.Stderr, "ftpane:", err)
		return 1
	}
	return 0
}
