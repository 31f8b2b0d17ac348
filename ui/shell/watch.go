package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Watcher is the screen's folder watch, for the watch command: nil in
// batch mode, which has no panes to watch between.
type Watcher interface {
	// Watch starts uploading the changes in the local folder dir ("" :
	// the local pane's) to the server pane's folder, deleting there what
	// is deleted here when del is set. It returns what is watched.
	Watch(dir string, del bool) (string, error)
	// Unwatch stops the watch and returns what was watched.
	Unwatch() (string, error)
	// Watching is what is watched ("" : nothing).
	Watching() string
}

// SetWatcher gives the watch command its screen.
func (s *Shell) SetWatcher(w Watcher) { s.watcher = w }

// cmdWatch shows, starts (watch [--delete] [DIR]) or stops (watch off)
// the watch of a local folder.
func (s *Shell) cmdWatch(_ context.Context, args []string) error {
	w := s.watcher
	if w == nil {
		return errors.New("watch: batch mode has no panes to watch between (in the TUI: W on the local pane, or :watch)")
	}
	del, dir := false, ""
	for _, a := range args {
		switch {
		case a == "--delete" || a == "-d":
			del = true
		case strings.HasPrefix(a, "-") && a != "-":
			return fmt.Errorf("watch: unknown option %s (watch [--delete] [DIR], watch off)", a)
		case dir != "":
			return errors.New("watch: one folder at a time (watch [--delete] [DIR], watch off)")
		default:
			dir = a
		}
	}
	switch {
	case len(args) == 0:
		if what := w.Watching(); what != "" {
			s.printf("Watching %s.\n", what)
		} else {
			s.printf("Not watching.\n")
		}
		return nil
	case dir == "off" && !del:
		what, err := w.Unwatch()
		if err != nil {
			return fmt.Errorf("watch off: %w", err)
		}
		s.printf("Stopped watching %s.\n", what)
		return nil
	}
	if dir != "" {
		dir = s.localPath(expandTilde(dir))
	}
	what, err := w.Watch(dir, del)
	if err != nil {
		return err
	}
	s.printf("Watching %s.\n", what)
	return nil
}

// expandTilde reads ~ and ~/name as the home folder, as lcd does.
func expandTilde(p string) string {
	home, err := os.UserHomeDir()
	switch {
	case err != nil:
		return p
	case p == "~":
		return home
	case strings.HasPrefix(p, "~/"):
		return filepath.Join(home, p[2:])
	}
	return p
}
