package ui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
)

// copyPlan is a copy or move being set up: what goes where, and the
// policy chosen per name once the user has answered the conflicts.
type copyPlan struct {
	move       bool
	src, dst   transfer.Endpoint
	srcFS      session.FS
	dstFS      session.FS
	srcDir     string
	dstDir     string
	entries    []session.Entry
	policy     map[string]transfer.Policy
	conflicts  []string // names still to ask about
	typ        session.TransferType
	defaultPol transfer.Policy
	all        bool // "apply to all" was chosen
	makeDirs   bool // the user agreed to create a missing target folder
}

// policyOptions are the dialog's conflict choices; "ask" first, then the
// engine's policies in transfer.Policy order.
func policyOptions() []string {
	return []string{"ask", "overwrite", "skip", "resume", "unique name", "only if newer"}
}

func parsePolicy(s string) (transfer.Policy, bool) {
	for i, o := range policyOptions()[1:] {
		if o == s {
			return transfer.Policy(i), true
		}
	}
	return transfer.Overwrite, false
}

// conflictsMsg lists the names that already exist in the target folder
// (a result for the root, for the plan it names).
type conflictsMsg struct {
	plan  *copyPlan
	names []string
	err   error
}

// startCopy opens the copy (or move) dialog for the focused pane's
// selection, to the other pane's folder.
func (m *Model) startCopy(move bool) tea.Cmd {
	from, to := int(m.focus), 1-int(m.focus)
	src, dst := &m.panes[from], &m.panes[to]
	sel := src.Selection()
	if m.q == nil || len(sel) == 0 || dst.FS() == nil || dst.Dir() == "" {
		m.setStatus("nothing to copy to: the other pane has no folder open", true)
		return nil
	}
	title := "Copy"
	if move {
		title = "Move"
	}
	m.ask(title, copyLines(sel, src.Dir()), []dialog.Field{
		{Label: "To folder", Value: printable(dst.Dir())},
		{Label: "If it exists", Value: "ask", Options: policyOptions()}},
		func(m *Model, vals []string) tea.Cmd { return m.submitCopy(from, sel, move, vals) }, nil)
	return nil
}

func copyLines(sel []session.Entry, dir string) []string {
	var size int64
	for _, e := range sel {
		size += max(0, e.Size)
	}
	what := pane.Escape(sel[0].Name)
	if len(sel) > 1 {
		what = fmt.Sprintf("%d entries (%s)", len(sel), humanize.Bytes(uint64(size)))
	}
	return []string{what + " from " + pane.Escape(dir)}
}

// submitCopy builds the plan from the dialog and either queues it or,
// for "ask", looks for names that exist at the target first.
func (m *Model) submitCopy(from int, sel []session.Entry, move bool, vals []string) tea.Cmd {
	to := 1 - from
	plan := &copyPlan{move: move, srcFS: m.panes[from].FS(), dstFS: m.panes[to].FS(),
		srcDir: m.panes[from].Dir(), entries: sel, policy: map[string]transfer.Policy{}, typ: m.jobType(from, to)}
	plan.src, plan.dst = m.endpoint(from), m.endpoint(to)
	plan.dstDir = target(plan.dstFS, m.panes[to].Dir(), strings.TrimSpace(vals[0]))
	if plan.src.Label() == plan.dst.Label() && plan.dstDir == plan.srcDir {
		m.setStatus("source and target are the same folder: nothing copied", true)
		return nil
	}
	pol, known := parsePolicy(vals[1])
	plan.defaultPol = pol
	if known {
		return m.queuePlan(plan)
	}
	m.setStatus("checking "+pane.Escape(plan.dstDir)+"…", false)
	return conflictsCmd(plan)
}

// conflictsCmd lists the target folder for the names the copy would
// replace. A folder that does not exist yet has none.
func conflictsCmd(plan *copyPlan) tea.Cmd {
	fsys, dir, entries := plan.dstFS, plan.dstDir, plan.entries
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		l, err := fsys.List(ctx, dir)
		if err != nil {
			if _, serr := fsys.Stat(ctx, dir); serr != nil {
				return conflictsMsg{plan: plan} // a new folder: nothing to ask
			}
			return conflictsMsg{plan: plan, err: err}
		}
		have := map[string]bool{}
		for _, e := range l.Entries {
			have[e.Name] = true
		}
		var names []string
		for _, e := range entries {
			if have[e.Name] {
				names = append(names, e.Name)
			}
		}
		return conflictsMsg{plan: plan, names: names}
	}
}

func (m Model) handleConflicts(msg conflictsMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	msg.plan.conflicts = msg.names
	return m, m.nextConflict(msg.plan)
}

// nextConflict asks about the next existing name, or queues the plan
// when none is left.
func (m *Model) nextConflict(plan *copyPlan) tea.Cmd {
	if len(plan.conflicts) == 0 || plan.all {
		for _, n := range plan.conflicts {
			plan.policy[n] = plan.defaultPol
		}
		plan.conflicts = nil
		return m.queuePlan(plan)
	}
	name := plan.conflicts[0]
	m.ask("Already there", []string{pane.Escape(name) + " exists in " + pane.Escape(plan.dstDir),
		fmt.Sprintf("%d %s to decide", len(plan.conflicts), plural(len(plan.conflicts), "name", "names"))},
		[]dialog.Field{{Label: "Do", Value: "overwrite", Options: policyOptions()[1:]},
			{Label: "Apply to all", Value: "no", Options: []string{"no", "yes"}}},
		func(m *Model, vals []string) tea.Cmd { return m.submitConflict(plan, vals) }, nil)
	return nil
}

func (m *Model) submitConflict(plan *copyPlan, vals []string) tea.Cmd {
	pol, _ := parsePolicy(vals[0])
	plan.policy[plan.conflicts[0]] = pol
	plan.conflicts = plan.conflicts[1:]
	if vals[1] == "yes" {
		plan.all, plan.defaultPol = true, pol
	}
	return m.nextConflict(plan)
}

// plannedMsg is the planning step's answer for a copy (a result for the
// root): the jobs to queue, or why not.
type plannedMsg struct {
	plan *copyPlan
	p    transfer.Plan
	err  error
}

// queuePlan hands the copy to the one planning step (transfer.PlanCopy:
// every name from a listing checked, the target folder checked) in a
// command; handlePlanned queues what it accepts.
func (m *Model) queuePlan(plan *copyPlan) tea.Cmd {
	req := transfer.Request{Src: plan.src, Dst: plan.dst, Type: plan.typ, Conflict: plan.defaultPol,
		Move: plan.move, DstFS: plan.dstFS, MakeDirs: plan.makeDirs}
	origin := transfer.FromUser
	if !plan.src.IsLocal() {
		origin = transfer.FromListing // a server chose these names
	}
	for _, e := range plan.entries {
		it := transfer.Item{SrcPath: plan.srcFS.Join(plan.srcDir, e.Name), DstPath: plan.dstFS.Join(plan.dstDir, e.Name),
			Name: e.Name, Origin: origin, Dir: e.IsDir(), Size: e.Size, ModTime: e.ModTime}
		if pol, ok := plan.policy[e.Name]; ok {
			it.Conflict = &pol
		}
		req.Items = append(req.Items, it)
	}
	m.setStatus(fmt.Sprintf("planning %d %s…", len(req.Items), plural(len(req.Items), "entry", "entries")), false)
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		p, err := transfer.PlanCopy(ctx, req)
		return plannedMsg{plan: plan, p: p, err: err}
	}
}

// handlePlanned queues a planned copy, asks to create a missing target
// folder, or says what was refused and why.
func (m Model) handlePlanned(msg plannedMsg) (tea.Model, tea.Cmd) {
	plan := msg.plan
	if errors.Is(msg.err, transfer.ErrNoTargetFolder) && !plan.makeDirs {
		m.ask("No such folder", []string{pane.Escape(plan.dstDir) + " does not exist.", "Create it and copy there?"}, nil,
			func(m *Model, _ []string) tea.Cmd {
				plan.makeDirs = true
				return m.queuePlan(plan)
			}, nil)
		return m, nil
	}
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	for _, r := range msg.p.Refused {
		m.log.Add(logview.Error, "not copied: "+r.Err.Error())
	}
	for _, j := range msg.p.Jobs {
		m.logCopy(plan.srcFS, j.SrcPath, plan.dstFS, j.DstPath, j.Kind == transfer.KindTree, plan.move)
	}
	q, p, move := m.q, msg.p, plan.move
	if len(p.Refused) > 0 {
		m.setStatus(fmt.Sprintf("%d %s refused: %s", len(p.Refused), plural(len(p.Refused), "name", "names"),
			p.Refused[0].Err), true)
	}
	if len(p.Jobs) == 0 {
		return m, nil
	}
	return m, func() tea.Msg {
		q.Submit(p)
		return jobsAddedMsg{n: len(p.Jobs), move: move, refused: len(p.Refused)}
	}
}

// endpoint is the side pane i shows, as the queue names it: the remote
// connection's config (type and data-connection mode as the header shows
// them), or the local disk.
func (m Model) endpoint(i int) transfer.Endpoint {
	l := m.links[i]
	if l.fs == nil || m.panes[i].FS() != l.fs || l.cfg == nil {
		return transfer.LocalEndpoint()
	}
	cfg := *l.cfg
	if l.state.known {
		cfg.Active = !l.state.passive
	}
	return transfer.RemoteEndpoint(cfg)
}

func (m Model) endpointLabel(i int) string { return m.endpoint(i).Label() }

// jobType is the transfer type the header shows for the server side of
// a copy from pane from to pane to: new jobs use it.
func (m Model) jobType(from, to int) session.TransferType {
	for _, i := range []int{to, from} {
		if l := m.links[i]; l.fs != nil && l.state.known {
			return l.state.typ
		}
	}
	return session.TypeBinary
}
