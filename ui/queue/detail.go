package queue

import (
	"fmt"
	"github.com/ftpane/ftpane/ui/cells"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/pane"
)

// detail is the full-screen view of one job: both sides in full, its
// size and state, and every try with what broke it. It shows the job's
// row, so it stays current as events arrive.
type detail struct {
	open   bool
	id     transfer.ID
	offset int // first line shown
}

// OpenDetail shows the job under the cursor in full; false when there is
// none.
func (m *Model) OpenDetail() bool {
	j, ok := m.Selected()
	if ok {
		m.detail = detail{open: true, id: j.ID}
	}
	return ok
}

// DetailOpen reports whether the detail view is shown.
func (m Model) DetailOpen() bool { return m.detail.open }

// update scrolls the detail view or closes it (Esc, Enter, Backspace, q).
func (d *detail) update(k tea.KeyPressMsg, keys keymap.KeyMap) {
	switch {
	case key.Matches(k, keys.Cancel, keys.Open, keys.Parent, keys.Quit):
		*d = detail{}
	case key.Matches(k, keys.JobUp):
		d.offset = max(0, d.offset-1)
	case key.Matches(k, keys.JobDown):
		d.offset++
	}
}

// DetailView draws the detail view on a w×h screen.
func (m Model) DetailView(w, h int) string {
	j, ok := m.byID[m.detail.id]
	var body []string
	if ok {
		body = detailLines(*j)
	} else {
		body = []string{"  this transfer left the queue"}
	}
	rows := max(1, h-2)
	off := max(0, min(m.detail.offset, len(body)-rows))
	lines := []string{m.styles.Viewer.Title.Render(cells.Fit(fmt.Sprintf(" transfer %v", m.detail.id), w))}
	for i := off; i < off+rows; i++ {
		if i < len(body) {
			lines = append(lines, cells.Fit(body[i], w))
		} else {
			lines = append(lines, strings.Repeat(" ", w))
		}
	}
	lines = append(lines, m.styles.Help.Desc.Render(cells.Fit("esc/enter: back · ↑/↓: scroll", w)))
	return strings.Join(lines, "\n")
}

// detailLines is the job in words; every outside text is escaped.
func detailLines(j transfer.JobState) []string {
	lines := []string{
		"  from    " + pane.Escape(j.Src.Label()) + "  " + pane.Escape(j.SrcPath),
		"  to      " + pane.Escape(j.Dst.Label()) + "  " + pane.Escape(j.DstPath),
	}
	if j.Target != "" && j.Target != j.DstPath {
		lines = append(lines, "  named   "+pane.Escape(j.Target))
	}
	lines = append(lines,
		"  what    "+j.Kind.String()+" · "+j.Direction()+" · "+j.Type.String()+" · if there: "+j.Conflict.String(),
		"  size    "+sizeText(j),
		"  state   "+stateText(j),
		"  limit   "+detailLimit(j),
		fmt.Sprintf("  tries   %d", len(j.Tries)))
	for i, t := range j.Tries {
		lines = append(lines, tryLine(i+1, t))
	}
	return lines
}

// detailLimit is the job's own bandwidth limit in words.
func detailLimit(j transfer.JobState) string {
	if j.Limit <= 0 {
		return "none of its own (B sets one)"
	}
	s := transfer.FormatRate(j.Limit) + " of its own"
	if j.Kind == transfer.KindTree {
		s += ", shared by the files in it"
	}
	return s
}

func sizeText(j transfer.JobState) string {
	if j.Total < 0 {
		return "unknown (" + humanize.Bytes(uint64(max(0, j.Done))) + " done)"
	}
	return fmt.Sprintf("%s (%d bytes), %s done", humanize.Bytes(uint64(j.Total)), j.Total,
		humanize.Bytes(uint64(max(0, j.Done))))
}

// tryLine is one try: when, how long, how it ended and why.
func tryLine(n int, t transfer.Try) string {
	s := fmt.Sprintf("    %2d  %s  ", n, t.Start.Format("15:04:05"))
	if t.End.IsZero() {
		return s + "running"
	}
	s += fmt.Sprintf("%-7s %s", t.End.Sub(t.Start).Round(time.Millisecond), t.Outcome)
	switch {
	case t.Err != "":
		s += ": " + t.Err
	case t.Note != "":
		s += ": " + t.Note
	}
	return pane.Escape(s)
}
