package pane

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
)

// listCmd enters dir (when chdir) and lists it into a table of at most
// limit entries, off the UI goroutine. It captures values only, never the
// model.
func listCmd(fsys session.FS, id ID, seq int, dir, sel string, reload, chdir bool, rd reading) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		if chdir {
			d, err := fsys.Chdir(ctx, dir)
			if err != nil {
				return ListedMsg{Pane: id, Seq: seq, Err: err}
			}
			dir = d
		}
		t, l, sample, err := readTable(ctx, fsys, dir, rd)
		return ListedMsg{Pane: id, Seq: seq, Listing: l, table: t, Err: err, Select: sel, Reload: reload,
			Sample: sample}
	}
}

// readTable lists dir into a table, streaming when the FS can. Reaching
// limit ends the listing early (the table says it was cut); any other
// error mid-way drops what came, as FS.List does.
func readTable(ctx context.Context, fsys session.FS, dir string, rd reading) (*table, session.Listing, []session.Entry, error) {
	b := newBuilder(rd.limit)
	b.shape = rd.shape
	if el, ok := fsys.(session.EachLister); ok {
		w, err := el.ListEach(ctx, dir, b.add)
		if err != nil && !errors.Is(err, errFull) {
			return emptyTable, session.Listing{Dir: dir}, nil, err
		}
		return b.finish(), session.Listing{Dir: dir, Warnings: w}, b.sample, nil
	}
	l, err := fsys.List(ctx, dir)
	if l.Dir == "" {
		l.Dir = dir
	}
	for _, e := range l.Entries {
		if b.add(e) != nil {
			break
		}
	}
	l.Entries = nil
	return b.finish(), l, b.sample, err
}

// reading is how a pane reads a folder: at most limit entries, each
// shaped (nil: as it came).
type reading struct {
	limit int
	shape func(session.Entry) session.Entry
}
