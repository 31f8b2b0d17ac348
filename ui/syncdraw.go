package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	dircmp "github.com/ftpane/ftpane/ui/compare"
	"github.com/ftpane/ftpane/ui/pane"
)

// actionText is one action as the log and the preview say it.
func (v *syncView) actionText(a dircmp.Action) string {
	name := pane.Escape(a.Rel)
	if a.Dir {
		name += "/"
	}
	s := fmt.Sprintf("%s %-8s %s", arrow(a.To), v.verb(a), name)
	if a.Op == dircmp.OpCopy {
		s += fmt.Sprintf("  (%s, %s)", humanize.Bytes(uint64(max(0, a.Size))), whyText(a.Why))
	}
	return s
}

// arrow points to the pane an action changes.
func arrow(to int) string {
	if to == 0 {
		return "←"
	}
	return "→"
}

func (v *syncView) verb(a dircmp.Action) string {
	switch {
	case a.Op != dircmp.OpCopy:
		return a.Op.String()
	case isLocal(v.fss[a.To]) && !isLocal(v.fss[1-a.To]):
		return "download"
	case !isLocal(v.fss[a.To]) && isLocal(v.fss[1-a.To]):
		return "upload"
	}
	return "copy"
}

func whyText(r dircmp.Result) string {
	switch r {
	case dircmp.OnlyHere:
		return "missing"
	case dircmp.Differs:
		return "size differs"
	}
	return r.String()
}

// syncRows is how many action lines the preview shows: the box leaves
// the status line below it visible.
func (m Model) syncRows() int { return max(1, m.height-4-syncChrome) }

// syncChrome is the preview's lines around its action rows: the borders,
// the title and folders, the totals, a note and the keys.
const syncChrome = 8

// syncViewBox draws the preview (or the walk's progress).
func (m Model) syncViewBox() string {
	v, st := m.cmp.sync, m.styles.Dialog
	w := max(30, min(100, m.width-6))
	fit := func(s string) string { return ansi.Truncate(s, w, "…") }
	if v.plan == nil {
		body := []string{st.Title.Render("Sync preview: reading both folders…"),
			fit(fmt.Sprintf("left: %d %s read · right: %d %s read", v.listed[0], plural(v.listed[0], "folder", "folders"),
				v.listed[1], plural(v.listed[1], "folder", "folders"))),
			st.Label.Render("esc: cancel")}
		return st.Box.Width(w + 4).Render(strings.Join(body, "\n"))
	}
	lines := []string{st.Title.Render(fit(v.title())),
		fit(pane.Escape(v.roots[0]) + "  ⇄  " + pane.Escape(v.roots[1]))}
	vis := v.plan.Visible()
	end := min(len(vis), v.offset+m.syncRows())
	for r := v.offset; r < end; r++ {
		a := v.plan.Actions[vis[r]]
		box := "[ ] "
		if a.On {
			box = "[x] "
		}
		row := fit(box + v.actionText(a))
		if r == v.cursor {
			row = m.styles.Pane.Cursor.Render(fitLine(row, w))
		}
		lines = append(lines, row)
	}
	if len(vis) == 0 {
		lines = append(lines, st.Label.Render("nothing to do: the folders are alike this way"))
	}
	lines = append(lines, fit(v.totals(len(vis))), fit(v.noteText()),
		st.Label.Render(fit("space: toggle · a: all/none · r: direction · x: deletions")),
		st.Label.Render(fit("d: dry run (the mirror command) · enter: queue · esc: close")))
	return st.Box.Width(w + 4).Render(strings.Join(lines, "\n"))
}

func (v *syncView) title() string {
	switch {
	case v.plan.Mode == dircmp.BothWays:
		return "Sync preview: both ways, the newer file wins"
	case v.plan.From == 0:
		return "Sync preview: left → right (make the right pane like the left)"
	}
	return "Sync preview: left ← right (make the left pane like the right)"
}

// totals is "4 of 6 selected: 3 uploads (1.2 MB), 1 folder, 0 deletions".
func (v *syncView) totals(shown int) string {
	t := v.plan.Totals()
	n := len(v.plan.Selected())
	s := fmt.Sprintf("%d of %d selected", n, shown)
	for to := range 2 {
		if t[to].Copies > 0 {
			s += fmt.Sprintf(" · %d %s %s (%s)", t[to].Copies, arrow(to), plural(t[to].Copies, "file", "files"),
				humanize.Bytes(uint64(t[to].Bytes)))
		}
		if t[to].Mkdirs > 0 {
			s += fmt.Sprintf(" · %d %s %s", t[to].Mkdirs, arrow(to), plural(t[to].Mkdirs, "folder", "folders"))
		}
		if t[to].Deletes > 0 {
			s += fmt.Sprintf(" · %d %s %s", t[to].Deletes, arrow(to), plural(t[to].Deletes, "deletion", "deletions"))
		}
	}
	return s
}

// noteText is the line under the totals: why the last key did nothing,
// else the deletions' state and what was left alone.
func (v *syncView) noteText() string {
	if v.note != "" {
		return v.note
	}
	var parts []string
	if v.plan.Mode == dircmp.OneWay {
		switch {
		case v.plan.Deletions:
			parts = append(parts, "deletions: on")
		case v.plan.CanDelete:
			parts = append(parts, "deletions: off")
		default:
			parts = append(parts, "deletions: impossible (a folder could not be read)")
		}
	}
	if n := len(v.plan.Skipped); n > 0 {
		parts = append(parts, fmt.Sprintf("%d left alone: %s", n, pane.Escape(v.plan.Skipped[0])))
	}
	for _, t := range v.trees {
		if n := len(t.Problems); n > 0 {
			parts = append(parts, pane.Escape(t.Problems[0]))
			break
		}
	}
	return strings.Join(parts, " · ")
}
