package shell

import (
	"context"
	"errors"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
)

// lftp's --Remove-source-files: every file mirror copies is deleted from
// the source once its copy is verified (the queue's move), and so is
// every file the target already has the same. Files the options leave
// out, and files that differ but are not copied (--only-missing,
// --only-newer, a target that is newer), stay.

// same reports a source file the target already has the same: the same
// size and, unless --ignore-time, the same time at the coarser precision
// of the two sides. A file of unknown time is never the same.
func (m *mirrorRun) same(rel string, e session.Entry) bool {
	if e.Kind != session.KindFile || !m.o.selects(rel, e) {
		return false
	}
	d, ok := m.dt.files[rel]
	if !ok || d.Kind != session.KindFile || d.Size != e.Size {
		return false
	}
	if m.o.ignoreTime {
		return true
	}
	return !e.ModTime.IsZero() && !d.ModTime.IsZero() && mtime.Compare(e, d) == 0
}

// sameFiles are the source files the target has the same, sorted.
func (m *mirrorRun) sameFiles() []string { return pick(m.st.files, m.same) }

// removeSame deletes the source files the target already has the same.
func (m *mirrorRun) removeSame(ctx context.Context) error {
	var errs error
	for _, rel := range m.sameFiles() {
		m.s.printf("Removing source file `%s'\n", rel)
		errs = errors.Join(errs, m.src.Remove(ctx, m.src.Join(m.srcRoot, rel)))
	}
	return errs
}
