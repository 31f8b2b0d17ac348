package ui

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
)

// conflictState is what a copy learnt about its target folder, for the
// "Already there" dialog.
type conflictState struct {
	conflicts []string                          // source names whose target exists, still to ask about
	existing  map[string]session.Entry          // the target's entries for them, by target name
	taken     map[string]bool                   // every name in the target folder: a new name avoids them
	sources   map[string]session.Entry          // the conflicting source entries, by name
	shape     func(session.Entry) session.Entry // the target pane's time zone (nil: none)
	all       bool                              // "apply to all" was chosen
	renameAll bool                              // ... with rename: each remaining name gets a free name
}

// renameOption is the conflict dialog's choice of another name.
const renameOption = "rename"

// targetMsg is what checkTargetCmd found (a result for the root, for the
// plan it names): where a single entry's typed path leads, and the names
// that exist at the target.
type targetMsg struct {
	plan     *copyPlan
	dstDir   string
	newName  string // the single entry's name at the target
	names    []string
	existing map[string]session.Entry
	taken    map[string]bool
	err      error
}

// checkTargetCmd resolves a typed path, then (for "ask") lists the target
// folder for the names the copy would replace. A folder that does not
// exist yet has none.
func checkTargetCmd(plan *copyPlan) tea.Cmd {
	fsys, dir, to, entries, ask, shape := plan.dstFS, plan.dstDir, plan.to, plan.entries, plan.ask, plan.shape
	rename := map[string]string{}
	for k, v := range plan.rename {
		rename[k] = v
	}
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		msg := targetMsg{plan: plan, dstDir: dir}
		if to != "" {
			msg.dstDir, msg.newName = resolveTarget(ctx, fsys, to, entries[0].Name)
			if msg.newName != entries[0].Name {
				rename[entries[0].Name] = msg.newName
			}
		}
		if !ask {
			return msg
		}
		l, err := fsys.List(ctx, msg.dstDir)
		if err != nil {
			if _, serr := fsys.Stat(ctx, msg.dstDir); serr != nil {
				return msg // a new folder: nothing to ask
			}
			msg.err = err
			return msg
		}
		listed := make(map[string]session.Entry, len(l.Entries))
		msg.existing, msg.taken = map[string]session.Entry{}, make(map[string]bool, len(l.Entries))
		for _, e := range l.Entries {
			msg.taken[e.Name], listed[e.Name] = true, e
		}
		for _, e := range entries {
			t := targetOf(rename, e.Name)
			x, ok := listed[t]
			if !ok {
				continue
			}
			if shape != nil {
				x = shape(x)
			}
			msg.names, msg.existing[t] = append(msg.names, e.Name), x
		}
		return msg
	}
}

func targetOf(rename map[string]string, src string) string {
	if r, ok := rename[src]; ok {
		return r
	}
	return src
}

// handleTarget takes what checkTargetCmd found: the single entry's
// folder and name, then queues the plan or asks about the first name
// that exists.
func (m Model) handleTarget(msg targetMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	plan := msg.plan
	plan.dstDir, plan.to = msg.dstDir, ""
	if msg.newName != "" && msg.newName != plan.entries[0].Name {
		plan.rename[plan.entries[0].Name] = msg.newName
	}
	if plan.sameFolder() {
		m.setStatus("source and target are the same folder: nothing copied", true)
		return m, nil
	}
	plan.conflicts, plan.existing, plan.taken = msg.names, msg.existing, msg.taken
	if plan.taken == nil {
		plan.taken = map[string]bool{}
	}
	plan.sources = map[string]session.Entry{}
	if len(plan.conflicts) > 0 {
		want := map[string]bool{}
		for _, n := range plan.conflicts {
			want[n] = true
		}
		for _, e := range plan.entries {
			if want[e.Name] {
				plan.sources[e.Name] = e
			}
		}
	}
	return m, m.nextConflict(plan)
}

// nextConflict asks about the next existing name, or queues the plan
// when none is left.
func (m *Model) nextConflict(plan *copyPlan) tea.Cmd {
	if len(plan.conflicts) == 0 || plan.all {
		for _, n := range plan.conflicts {
			if plan.renameAll {
				plan.renameTo(n, freeName(plan.targetName(n), plan.sources[n].IsDir(), plan.taken))
				continue
			}
			plan.policy[n] = plan.defaultPol
		}
		plan.conflicts = nil
		return m.queuePlan(plan)
	}
	src := plan.conflicts[0]
	name := plan.targetName(src)
	lines := append([]string{pane.Escape(name) + " exists in " + pane.Escape(plan.dstDir)},
		compareLines(plan.sources[src], plan.existing[name])...)
	lines = append(lines, fmt.Sprintf("%d %s to decide", len(plan.conflicts), plural(len(plan.conflicts), "name", "names")))
	m.ask("Already there", lines,
		[]dialog.Field{{Label: "Do", Value: "overwrite", Options: append(policyOptions()[1:], renameOption)},
			{Label: "Rename to", Value: printable(freeName(name, plan.sources[src].IsDir(), plan.taken))},
			{Label: "Apply to all", Value: "no", Options: []string{"no", "yes"}}},
		func(m *Model, vals []string) tea.Cmd { return m.submitConflict(plan, vals) }, nil)
	return nil
}

// submitConflict applies the answer for the first name left. A new name
// is checked here as the planner will check it (transfer.CheckName), and
// must be free: the dialog stays open with the reason otherwise.
func (m *Model) submitConflict(plan *copyPlan, vals []string) tea.Cmd {
	src := plan.conflicts[0]
	if vals[0] == renameOption {
		name := strings.TrimSpace(vals[1])
		if err := plan.checkNewName(src, name); err != nil {
			m.form.SetError(err.Error())
			return nil
		}
		plan.renameTo(src, name)
		plan.conflicts = plan.conflicts[1:]
		if vals[2] == "yes" {
			plan.all, plan.renameAll = true, true
		}
		return m.nextConflict(plan)
	}
	pol, _ := parsePolicy(vals[0])
	plan.policy[src] = pol
	plan.conflicts = plan.conflicts[1:]
	if vals[2] == "yes" {
		plan.all, plan.defaultPol = true, pol
	}
	return m.nextConflict(plan)
}

// renameTo gives source src the target name; the copy never replaces
// what may have taken that name meanwhile (Unique).
func (p *copyPlan) renameTo(src, name string) {
	p.rename[src] = name
	p.taken[name] = true
	p.policy[src] = transfer.Unique
}

// checkNewName is why name cannot be src's new name at the target.
func (p *copyPlan) checkNewName(src, name string) error {
	switch {
	case name == "":
		return errors.New("give the new name")
	case name == p.targetName(src):
		return errors.New(pane.Escape(name) + " is the name already there: choose overwrite, or another name")
	case p.taken[name]:
		return errors.New(pane.Escape(name) + " exists too in " + pane.Escape(p.dstDir) + ": give another name")
	}
	if err := transfer.CheckName(name); err != nil {
		return err
	}
	return nil
}

// freeName is name with " (1)", " (2)" ... before its extension, the
// first that is not taken: "report (1).pdf", "photos (1)", ".profile (1)".
func freeName(name string, dir bool, taken map[string]bool) string {
	base, ext := name, ""
	if e := path.Ext(name); !dir && e != "" && e != name && !strings.HasSuffix(name, ".") {
		base, ext = strings.TrimSuffix(name, e), e
	}
	for n := 1; ; n++ {
		c := fmt.Sprintf("%s (%d)%s", base, n, ext)
		if !taken[c] {
			return c
		}
	}
}

// compareLines set the source and the target side by side: size,
// modification time in the local zone, and which is newer, by the rule
// the "newer" policy applies (at the coarser precision of the two).
func compareLines(src, dst session.Entry) []string {
	newer := [2]string{}
	switch c := mtime.Compare(src, dst); {
	case src.ModTime.IsZero() || dst.ModTime.IsZero():
	case c > 0:
		newer[0] = "  newer"
	case c < 0:
		newer[1] = "  newer"
	default:
		newer[0], newer[1] = "  same time", "  same time"
	}
	return []string{
		fmt.Sprintf("  source  %9s  %s%s", sizeText(src), timeText(src.ModTime), newer[0]),
		fmt.Sprintf("  target  %9s  %s%s", sizeText(dst), timeText(dst.ModTime), newer[1]),
	}
}

func sizeText(e session.Entry) string {
	switch {
	case e.IsDir():
		return "folder"
	case e.Size < 0:
		return "?"
	}
	return humanize.Bytes(uint64(e.Size))
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return "time unknown    "
	}
	return t.In(time.Local).Format("2006-01-02 15:04")
}

// shapeOf is how pane i shows a server's times (its time zone, as the
// pane converts its own listings); nil when they are shown as they come.
func (m *Model) shapeOf(i int) func(session.Entry) session.Entry {
	z := m.site.tz[i]
	if !z.on {
		return nil
	}
	off := z.offset
	return func(e session.Entry) session.Entry { return sites.ShiftEntry(e, off, time.Local) }
}
