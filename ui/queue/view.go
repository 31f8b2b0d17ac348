package queue

import (
	"fmt"
	"github.com/ftpane/ftpane/ui/cells"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/pane"
)

// View draws the title, the visible job rows and the total line.
func (m Model) View() string {
	title := fmt.Sprintf("─ transfers (%d) ", m.Len())
	tst := m.styles.Pane.Title
	if m.active {
		tst = m.styles.Pane.TitleActive
	}
	lines := []string{tst.Render(ansi.Truncate(title+strings.Repeat("─", m.width), m.width, ""))}
	rows := m.rows()
	var ids []transfer.ID
	if m.order != nil {
		ids = m.order.slice(m.offset, rows) // only the visible rows
	}
	for k := range rows {
		i := m.offset + k
		if k >= len(ids) {
			if i == 0 {
				lines = append(lines, m.styles.Pane.Muted.Render(cells.Fit("  no transfers: F5 copies, F6 moves to the other pane", m.width)))
				continue
			}
			lines = append(lines, strings.Repeat(" ", m.width))
			continue
		}
		lines = append(lines, m.row(i, *m.byID[ids[k]]))
	}
	lines = append(lines, m.styles.Status.Info.Render(cells.Fit(m.total(), m.width)))
	return strings.Join(lines[:min(len(lines), max(1, m.height))], "\n")
}

func (m Model) row(i int, j transfer.JobState) string {
	text := cells.Fit(m.rowText(j), m.width)
	switch {
	case i == m.cursor && m.active:
		return m.styles.Pane.Cursor.Render(text)
	case j.State == transfer.Failed:
		return m.styles.Status.Error.Render(text)
	case j.State.Final():
		return m.styles.Pane.Muted.Render(text)
	}
	return m.styles.Pane.File.Render(text)
}

// barWidth is the bar's inside: wider on wide screens.
func (m Model) barWidth() int {
	if m.width >= 110 {
		return 20
	}
	return 10
}

// rowText is one job: direction, name, bar, percent, bytes, rate, ETA
// and state; a job that is not moving shows its state (and a failed
// one its reason) where rate and ETA would be.
func (m Model) rowText(j transfer.JobState) string {
	dir, dirW := direction(j), 11
	if m.width < 110 { // the arrow alone
		dir, dirW = strings.Fields(dir)[0], 2
	}
	fixed := dirW + m.barWidth() + 2 + 1 + 4 + 1 + 17 + 1 + 10 + 1 + 7 + 1
	nameW := max(8, (m.width-fixed)*2/3)
	name := baseName(j.SrcPath)
	if j.Kind == transfer.KindTree {
		name += "/"
	}
	if t := baseName(j.Target); j.Target != "" && t != baseName(j.DstPath) {
		name += " → " + t // a unique name was chosen
	}
	s := cells.PadRight(dir, dirW) + cells.PadRight(ansi.Truncate(name, nameW, "…"), nameW) + " " +
		bar(j, m.barWidth(), !m.smooth) + " " + cells.PadLeft(percent(j), 4) + " " + cells.PadRight(bytes(j), 17) + " "
	if running(j.State) && j.State != transfer.Waiting {
		return s + cells.PadRight(rate(j.Rate), 10) + " " + cells.PadRight(eta(j.ETA), 7) + " " + stateText(j) + limitText(j)
	}
	return s + stateText(j) + limitText(j)
}

// limitText notes the job's own bandwidth limit while it has work left,
// short (the detail view says it in full): "≤300K/s".
func limitText(j transfer.JobState) string {
	if j.Limit <= 0 || j.State.Final() {
		return ""
	}
	return " ≤" + transfer.RateString(j.Limit) + "/s"
}

// baseName is the last element of a slash or backslash path, escaped.
func baseName(p string) string {
	name := p // the base name, cut before escaping: escapes hold backslashes
	if k := strings.LastIndexAny(name, `/\`); k >= 0 && k < len(name)-1 {
		name = name[k+1:]
	}
	return pane.Escape(name)
}

func running(s transfer.State) bool {
	return s == transfer.Active || s == transfer.Verifying || s == transfer.Waiting
}

func direction(j transfer.JobState) string {
	switch j.Direction() {
	case "upload":
		return "↑ upload"
	case "download":
		return "↓ download"
	case "relay":
		return "⇄ relay"
	}
	return "→ local"
}

// stateText is the state in words, with the reason of a failure or a
// retry and the queue's note.
func stateText(j transfer.JobState) string {
	s := j.State.String()
	switch {
	case (j.State == transfer.Failed || j.State == transfer.Waiting) && j.Err != nil:
		s += ": " + j.Err.Error()
	case j.Note != "":
		s += ": " + j.Note
	}
	return pane.Escape(s)
}

// fraction is how much is done, -1 when the size is unknown.
func fraction(j transfer.JobState) float64 {
	if j.State == transfer.Done {
		return 1
	}
	if j.Total <= 0 {
		if j.Total == 0 && j.Kind == transfer.KindFile && j.State.Final() {
			return 1
		}
		return -1
	}
	return min(1, float64(j.Done)/float64(j.Total))
}

func percent(j transfer.JobState) string {
	f := fraction(j)
	if f < 0 {
		return "?"
	}
	return fmt.Sprintf("%d%%", int(f*100))
}

// bar is the classic hash marks made a bar, [#####.....], or a smooth
// one drawn with eighth blocks.
func bar(j transfer.JobState, w int, hash bool) string {
	f := fraction(j)
	if f < 0 {
		return "[" + strings.Repeat(".", w) + "]"
	}
	if hash {
		n := int(f * float64(w))
		return "[" + strings.Repeat("#", n) + strings.Repeat(".", w-n) + "]"
	}
	eighths := int(f * float64(w*8))
	full, part := eighths/8, eighths%8
	s := strings.Repeat("█", full)
	if part > 0 {
		s += string([]rune(" ▏▎▍▌▋▊▉")[part])
		full++
	}
	return "[" + s + strings.Repeat(" ", w-full) + "]"
}

func bytes(j transfer.JobState) string {
	if j.Kind != transfer.KindFile {
		return j.Kind.String()
	}
	if j.Total < 0 {
		return humanize.Bytes(uint64(max(0, j.Done)))
	}
	return humanize.Bytes(uint64(max(0, j.Done))) + "/" + humanize.Bytes(uint64(j.Total))
}

func rate(r float64) string {
	if r <= 0 {
		return "-"
	}
	return humanize.Bytes(uint64(r)) + "/s"
}

// eta is h:mm:ss or m:ss; "-" when unknown.
func eta(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// total is the total line: bytes, aggregate rate (and the bandwidth
// limit, when one is set) and ETA, files done out of all, files in
// flight (and failed ones).
func (m Model) total() string {
	s := m.sum
	limit := ""
	if m.limit > 0 {
		limit = "  limit " + transfer.FormatRate(m.limit)
	}
	t := fmt.Sprintf("total %s/%s  %s%s  ETA %s  files %d/%d  in flight %d", humanize.Bytes(uint64(s.BytesDone)),
		humanize.Bytes(uint64(s.Bytes)), rate(s.Rate), limit, eta(s.ETA), s.FilesDone, s.Files, s.InFlight)
	if s.Failed > 0 {
		t += fmt.Sprintf("  failed %d", s.Failed)
	}
	return t
}
