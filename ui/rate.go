package ui

import (
	"path"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
)

// Bandwidth limits from the queue pane: b types the limit all transfers
// share (the same as :rate), B the selected transfer's own (for a folder,
// shared by the files in it), on top of the overall one.

const (
	purposeRate purpose = iota + 200
	purposeJobRate
)

// rateHint is the dialogs' second line: what may be typed.
const rateHint = "500K, 1.5M, 2G (1024-based bytes a second); 0 or off: no limit"

// askRate opens the dialog for the overall limit.
func (m *Model) askRate() {
	m.ask(purposeRate, "Bandwidth limit", []string{"All transfers together, at most:", rateHint},
		dialog.Field{Label: "Limit", Value: rateValue(m.q.Rate())})
}

// askJobRate opens the dialog for job j's own limit.
func (m *Model) askJobRate(j transfer.JobState) {
	name := pane.Escape(path.Base(j.SrcPath))
	if j.Kind == transfer.KindTree {
		name += "/ (every file in it together)"
	}
	m.ask(purposeJobRate, "Limit of this transfer", []string{name + ", at most:", rateHint,
		"The overall limit (b) holds as well."}, dialog.Field{Label: "Limit", Value: rateValue(j.Limit)})
	m.pending.job = j.ID
}

// rateValue is a limit as the dialog shows it: empty when there is none.
func rateValue(n int64) string {
	if n <= 0 {
		return ""
	}
	return transfer.RateString(n)
}

// submitRate sets the limit typed in a rate dialog; a bad value keeps
// the dialog open with what was expected.
func (m Model) submitRate(op pendingOp, vals []string) (tea.Model, tea.Cmd) {
	n, err := transfer.ParseRate(vals[0])
	if err != nil {
		m.form.SetError("limit: " + err.Error())
		return m, nil
	}
	m.form = nil
	if op.purpose == purposeRate {
		m.q.SetRate(n) // no I/O: the queue swaps its limit
		m.queue.SetLimit(n)
		m.setStatus("bandwidth limit for all transfers: "+transfer.FormatRate(n), false)
		return m, nil
	}
	q, id := m.q, op.job
	m.setStatus("limit of this transfer: "+transfer.FormatRate(n), false)
	return m, queueCmd(func() { q.SetJobRate(id, n) }) // journaled
}
