package ui

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	dircmp "github.com/ftpane/ftpane/ui/compare"
	"github.com/ftpane/ftpane/ui/logview"
)

// runSync queues the selected actions: folders made first, then every
// copy as one batch through the planning step F5 uses, then the
// deletions, as F8 deletes.
func (m Model) runSync() (tea.Model, tea.Cmd) {
	v := m.cmp.sync
	acts := v.plan.Selected()
	if len(acts) == 0 {
		v.note = "nothing selected (space marks a line, a all of them)"
		return m, nil
	}
	m.cmp.sync = nil
	job := syncJob{v: v, acts: acts, q: m.q}
	for i := range 2 {
		job.eps[i] = m.endpoint(i)
		job.typ[i] = m.jobType(1-i, i)
	}
	m.setStatus(fmt.Sprintf("sync: queuing %d %s…", len(acts), plural(len(acts), "action", "actions")), false)
	return m, job.cmd()
}

// syncJob is what queuing a sync needs, captured for its command.
type syncJob struct {
	v    *syncView
	acts []dircmp.Action
	eps  [2]transfer.Endpoint
	typ  [2]session.TransferType // by target side
	q    *transfer.Queue
}

func (j syncJob) cmd() tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		msg := syncQueuedMsg{v: j.v, acts: j.acts}
		var errs []error
		for _, a := range j.acts {
			if a.Op == dircmp.OpMkdir {
				fsys := j.v.fss[a.To]
				if err := mkdirIfMissing(ctx, fsys, dircmp.Join(fsys, j.v.roots[a.To], a.Rel)); err != nil {
					errs = append(errs, err)
					continue
				}
				msg.made++
			}
		}
		for to := range 2 {
			p, err := transfer.PlanCopy(ctx, j.request(to))
			errs = append(errs, err)
			msg.plan.Jobs = append(msg.plan.Jobs, p.Jobs...)
			msg.plan.Refused = append(msg.plan.Refused, p.Refused...)
		}
		if len(msg.plan.Jobs) > 0 {
			j.q.Submit(msg.plan) // one batch, both ways
		}
		n, err := j.deleteAll(ctx)
		msg.deleted, msg.err = n, errors.Join(append(errs, err)...)
		return msg
	}
}

// request is the copy request of the selected copies to side to.
func (j syncJob) request(to int) transfer.Request {
	from, v := 1-to, j.v
	req := transfer.Request{Src: j.eps[from], Dst: j.eps[to], Type: j.typ[to], Conflict: transfer.Overwrite,
		DstFS: v.fss[to], MakeDirs: true}
	if j.eps[to].IsLocal() {
		req.Root = v.roots[to] // a folder below it that is a link is refused, never followed
	}
	origin := transfer.FromUser
	if !j.eps[from].IsLocal() {
		origin = transfer.FromListing // a server chose these names
	}
	for _, a := range j.acts {
		if a.Op != dircmp.OpCopy || a.To != to {
			continue
		}
		req.Items = append(req.Items, transfer.Item{SrcPath: dircmp.Join(v.fss[from], v.roots[from], a.Rel),
			DstPath: dircmp.Join(v.fss[to], v.roots[to], a.Rel), Name: path.Base(a.Rel), Origin: origin,
			Size: a.Size, ModTime: a.Time, Fresh: a.Why == dircmp.OnlyHere})
	}
	if len(req.Items) == 0 {
		req.DstFS = nil
	}
	return req
}

// deleteAll deletes the selected deletions, folder by folder, as F8 does.
func (j syncJob) deleteAll(ctx context.Context) (int, error) {
	type group struct {
		to  int
		dir string
	}
	var order []group
	byDir := map[group][]session.Entry{}
	for _, a := range j.acts {
		if a.Op != dircmp.OpDelete {
			continue
		}
		g := group{a.To, dircmp.Join(j.v.fss[a.To], j.v.roots[a.To], parentRel(a.Rel))}
		if _, ok := byDir[g]; !ok {
			order = append(order, g)
		}
		kind := session.KindFile
		if a.Dir {
			kind = session.KindDir
		}
		byDir[g] = append(byDir[g], session.Entry{Name: path.Base(a.Rel), Kind: kind})
	}
	n := 0
	var errs []error
	for _, g := range order {
		k, err := deleteEntries(ctx, j.v.fss[g.to], g.dir, byDir[g])
		n += k
		errs = append(errs, err)
	}
	return n, errors.Join(errs...)
}

func parentRel(rel string) string {
	if d := path.Dir(rel); d != "." {
		return d
	}
	return ""
}

// mkdirIfMissing makes a folder unless a folder of that name is there.
func mkdirIfMissing(ctx context.Context, fsys session.FS, p string) error {
	err := fsys.Mkdir(ctx, p)
	if err == nil {
		return nil
	}
	if e, serr := fsys.Stat(ctx, p); serr == nil && e.IsDir() {
		return nil
	}
	return err
}

// handleSyncQueued says what the sync queued, writes the equivalent
// commands to the log and reloads both panes.
func (m Model) handleSyncQueued(msg syncQueuedMsg) (tea.Model, tea.Cmd) {
	v := msg.v
	for _, a := range msg.acts {
		fsys, p := v.fss[a.To], dircmp.Join(v.fss[a.To], v.roots[a.To], a.Rel)
		switch a.Op {
		case dircmp.OpMkdir:
			m.logFileOp(fsys, []string{"mkdir", p}, []string{"mkdir", p})
		case dircmp.OpCopy:
			m.logCopy(v.fss[1-a.To], dircmp.Join(v.fss[1-a.To], v.roots[1-a.To], a.Rel), fsys, p, false, false)
		case dircmp.OpDelete:
			kind := session.KindFile
			if a.Dir {
				kind = session.KindDir
			}
			m.logDelete(fsys, fsys.Dir(p), []session.Entry{{Name: path.Base(a.Rel), Kind: kind}})
		}
	}
	for _, r := range msg.plan.Refused {
		m.log.Add(logview.Error, "not copied: "+r.Err.Error())
	}
	text := "sync: " + syncSummary(v, msg)
	switch {
	case msg.err != nil:
		m.setStatus(text+"; "+msg.err.Error(), true)
	case len(msg.plan.Refused) > 0:
		m.setStatus(fmt.Sprintf("%s; %d refused: %s", text, len(msg.plan.Refused), msg.plan.Refused[0].Err), true)
	default:
		m.setStatus(text, false)
	}
	return m, tea.Batch(m.panes[0].Reload(), m.panes[1].Reload())
}

// syncSummary is "queued 3 uploads, 2 downloads; 1 folder made; 1 deleted".
func syncSummary(v *syncView, msg syncQueuedMsg) string {
	counts := map[string]int{}
	var verbs []string
	for _, a := range msg.acts {
		if a.Op == dircmp.OpCopy {
			vb := v.verb(a)
			if counts[vb] == 0 {
				verbs = append(verbs, vb)
			}
			counts[vb]++
		}
	}
	var parts []string
	for _, vb := range verbs {
		parts = append(parts, fmt.Sprintf("%d %s", counts[vb], plural(counts[vb], vb, vb+"s")))
	}
	s := "queued nothing to copy"
	if len(parts) > 0 {
		s = "queued " + strings.Join(parts, ", ")
	}
	if msg.made > 0 {
		s += fmt.Sprintf("; %d %s made", msg.made, plural(msg.made, "folder", "folders"))
	}
	if msg.deleted > 0 {
		s += fmt.Sprintf("; %d deleted", msg.deleted)
	}
	return s
}
