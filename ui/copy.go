package ui

import (
	"context"
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
	policy     map[string]transfer.Policy // by source name
	typ        session.TransferType
	defaultPol transfer.Policy
	ask        bool // "ask" was chosen: look for names that exist at the target first
	makeDirs   bool // the user agreed to create a missing target folder
	// to is the path typed for a single entry, still to be looked at: a
	// folder there means into it, anything else folder/new name.
	to string
	// rename gives the target's name where it is not the source's (a
	// single entry's new name, a conflict's "rename"), by source name.
	rename map[string]string

	conflictState // conflict.go
}

// targetName is what the entry named src is called at the target.
func (p *copyPlan) targetName(src string) string {
	if r, ok := p.rename[src]; ok {
		return r
	}
	return src
}

// sameFolder: the copy would write each entry over itself.
func (p *copyPlan) sameFolder() bool {
	return p.src.Label() == p.dst.Label() && p.dstDir == p.srcDir && len(p.rename) == 0
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

// startCopy opens the copy (or move) dialog for the focused pane's
// selection, to the other pane's folder. For one entry the target is
// folder/name, as in Midnight Commander: another name renames the copy.
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
	lines := copyLines(sel, src.Dir())
	field := dialog.Field{Label: "To folder", Value: printable(dst.Dir())}
	if len(sel) == 1 {
		lines = append(lines, "To folder, or folder/new name (an existing folder: into it)")
		field = dialog.Field{Label: "To", Value: printable(dst.Dir())}
		if printable(sel[0].Name) != "" {
			field.Value = printable(dst.FS().Join(dst.Dir(), sel[0].Name))
		}
	}
	m.ask(title, lines, []dialog.Field{field, {Label: "If it exists", Value: "ask", Options: policyOptions()}},
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

// submitCopy builds the plan from the dialog and queues it, or first
// looks at the target: the path typed for one entry, and for "ask" the
// names that exist there.
func (m *Model) submitCopy(from int, sel []session.Entry, move bool, vals []string) tea.Cmd {
	to := 1 - from
	plan := &copyPlan{move: move, srcFS: m.panes[from].FS(), dstFS: m.panes[to].FS(),
		srcDir: m.panes[from].Dir(), entries: sel, policy: map[string]transfer.Policy{}, typ: m.jobType(from, to),
		rename: map[string]string{}}
	plan.src, plan.dst, plan.shape = m.endpoint(from), m.endpoint(to), m.shapeOf(to)
	pol, known := parsePolicy(vals[1])
	plan.defaultPol, plan.ask = pol, !known
	typed, dir := strings.TrimSpace(vals[0]), m.panes[to].Dir()
	p := target(plan.dstFS, dir, typed)
	plan.dstDir = trimSlash(p)
	if len(sel) == 1 {
		switch {
		case p == plan.dstFS.Join(dir, sel[0].Name): // as offered
			plan.dstDir = dir
		case typed != "" && !strings.HasSuffix(typed, "/"): // a folder, or folder/new name: look
			plan.to = plan.dstDir
		}
	}
	if plan.to == "" && plan.sameFolder() {
		m.setStatus("source and target are the same folder: nothing copied", true)
		return nil
	}
	if plan.to == "" && !plan.ask {
		return m.queuePlan(plan)
	}
	m.setStatus("checking "+pane.Escape(plan.dstDir)+"…", false)
	return checkTargetCmd(plan)
}

// trimSlash drops the slashes that end a folder path typed as "dir/".
func trimSlash(p string) string {
	if t := strings.TrimRight(p, "/"); t != "" {
		return t
	}
	return p
}

// resolveTarget looks at the path typed for a single entry: an existing
// folder (or a link to one) means into it, keeping the name; anything
// else is the folder and the new name.
func resolveTarget(ctx context.Context, fsys session.FS, p, name string) (dir, newName string) {
	e, err := fsys.Stat(ctx, p)
	isDir := err == nil && e.Kind == session.KindDir
	if err == nil && e.Kind == session.KindLink {
		_, lerr := fsys.List(ctx, p)
		isDir = lerr == nil
	}
	if isDir {
		return p, name
	}
	dir = fsys.Dir(p)
	return dir, strings.TrimLeft(strings.TrimPrefix(p, dir), `/\`)
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
		name, o := e.Name, origin
		if r, ok := plan.rename[e.Name]; ok {
			name, o = r, transfer.FromListing // a typed name: one plain name, checked as a server's
		}
		it := transfer.Item{SrcPath: plan.srcFS.Join(plan.srcDir, e.Name), DstPath: plan.dstFS.Join(plan.dstDir, name),
			Name: name, Origin: o, Dir: e.IsDir(), Size: e.Size, ModTime: e.ModTime}
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
