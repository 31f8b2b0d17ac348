package ui

import (
	"path"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
)

// Bandwidth limits from the queue pane (bindings.go): b types the limit
// all transfers share (the same as :rate), B the selected transfer's own
// (for a folder, shared by the files in it), on top of the overall one.

// rateHint is the dialogs' second line: what may be typed.
const rateHint = "500K, 1.5M, 2G (1024-based bytes a second); 0 or off: no limit"

// askRate opens the dialog for the overall limit.
func (m *Model) askRate() {
	m.ask("Bandwidth limit", []string{"All transfers together, at most:", rateHint},
		[]dialog.Field{{Label: "Limit", Value: rateValue(m.q.Rate())}},
		func(m *Model, vals []string) tea.Cmd {
			n, ok := m.parseRateField(vals[0])
			if ok {
				m.q.SetRate(n) // no I/O: the queue swaps its limit
				m.queue.SetLimit(n)
				m.setStatus("bandwidth limit for all transfers: "+transfer.FormatRate(n), false)
			}
			return nil
		}, nil)
	m.stayOpen() // a refused value shows in it
}

// askJobRate opens the dialog for the selected job's own limit.
func (m *Model) askJobRate() tea.Cmd {
	j, _ := m.queue.Selected()
	name := pane.Escape(path.Base(j.SrcPath))
	if j.Kind == transfer.KindTree {
		name += "/ (every file in it together)"
	}
	m.ask("Limit of this transfer", []string{name + ", at most:", rateHint, "The overall limit (b) holds as well."},
		[]dialog.Field{{Label: "Limit", Value: rateValue(j.Limit)}},
		func(m *Model, vals []string) tea.Cmd {
			n, ok := m.parseRateField(vals[0])
			if !ok {
				return nil
			}
			q, id := m.q, j.ID
			m.setStatus("limit of this transfer: "+transfer.FormatRate(n), false)
			return queueCmd(func() { q.SetJobRate(id, n) }) // journaled; its event updates the row
		}, nil)
	m.stayOpen()
	return nil
}

// parseRateField reads a typed limit: a bad value stays in the open
// dialog with what was expected, a good one closes it.
func (m *Model) parseRateField(s string) (int64, bool) {
	n, err := transfer.ParseRate(s)
	if err != nil {
		m.form.SetError("limit: " + err.Error())
		return 0, false
	}
	m.closeDialog()
	return n, true
}

// rateValue is a limit as the dialog shows it: empty when there is none.
func rateValue(n int64) string {
	if n <= 0 {
		return ""
	}
	return transfer.RateString(n)
}
