// Package shell is the classic ftp command language (shared/COMMANDS.md):
// it parses a command line, runs it against the active connection and
// writes what classic ftp would print. One interpreter serves three front
// ends: the TUI's ":" line, batch mode (ftpane -b) and macros. It never
// imports Bubble Tea or Lip Gloss.
//
// A front end builds one Shell with New and feeds it lines:
//
//	sh := shell.New(shell.Options{
//		Out:        logWriter,   // every line the commands print
//		Prompter:   dialogs,     // Confirm (mget a? y/n/a/q) and Line (user, password)
//		Transferer: queueBinding, // nil: Direct, which copies in the calling goroutine
//		LocalDir:   localPane.Dir(),
//		OnLocalDir: func(dir string) { /* move the local pane */ },
//	})
//	err := sh.Run(ctx, line)   // ErrQuit for bye; Shown(err): the reply is already in Out
//	start, cands := sh.Complete(ctx, partialLine) // Tab: names, local or remote paths
//
// Run blocks until the command is done (transfers included), so the TUI
// calls it from a tea.Cmd; the Prompter is then called from that
// goroutine and must wait for the user's answer. While Defining reports
// true (after macdef), Run collects the lines as the macro's body until an
// empty line. Connect logs in to a host given outside the language (the
// command line, a site list); SetLocalDir follows the local pane.
package shell
