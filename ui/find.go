package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/find"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
)

// The search (f): ui/find holds the dialog and the results; the root
// gives it the side to search, routes the walk's batches to it, and
// carries out what it asks for: show a result in its pane, copy results
// to the other pane through the one planning step.

// findConns is how many connections of its own a search of a server
// opens, so that the pane's stays free to browse.
const findConns = 2

// findLocalWorkers is how many local folders a search lists at once.
const findLocalWorkers = 4

// openFind shows the results of the focused pane's last search again,
// or opens the find dialog for the pane's folder.
func (m *Model) openFind() tea.Cmd {
	i := int(m.focus)
	p := &m.panes[i]
	if s := m.search; s != nil && s.Started() && s.Pane() == i && s.FS() == p.FS() {
		f := *s
		f.Show()
		m.search = &f
		m.layoutFind()
		return nil
	}
	if m.search != nil {
		old := *m.search
		old.Close()
	}
	src := find.Source{Pane: i, FS: p.FS(), Local: isLocal(p.FS()), Label: p.FS().Label(), Dir: p.Dir(),
		Workers: findLocalWorkers}
	if !src.Local {
		src.Workers = 1 // one control connection: one listing at a time
		if ep := m.endpoint(i); !ep.IsLocal() {
			cfg, dial := *ep.Remote, m.opts.Dial
			src.Dial = func(ctx context.Context) (session.FS, error) { return dial(ctx, cfg) }
			src.Conns = findConns
		}
	}
	f := find.New(src, m.keys, m.styles)
	m.search = &f
	m.layoutFind()
	return nil
}

// layoutFind gives the results the screen between the header and the
// status line.
func (m *Model) layoutFind() {
	if m.search != nil {
		m.search.SetSize(m.width, max(0, m.height-3))
		m.search.SetStyles(m.styles)
	}
}

// findTarget is where the search's results would be copied: the other
// pane's folder.
func (m Model) findTarget(from int) find.Target {
	other := m.panes[1-from]
	if other.FS() == nil || other.Dir() == "" {
		return find.Target{}
	}
	return find.Target{Label: other.FS().Label(), Dir: other.Dir()}
}

func (m Model) handleFindKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f := *m.search
	f.SetTarget(m.findTarget(f.Pane()))
	f, cmd := f.Update(msg)
	m.search = &f
	if f.Closed() {
		m.search = nil
	}
	return m, cmd
}

// handleFind routes the search's messages: intents to the root's own
// handlers, the walk's results to the search that runs it.
func (m Model) handleFind(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case find.JumpMsg:
		return m.jumpToFound(msg)
	case find.CopyMsg:
		return m.copyFound(msg)
	case findPlannedMsg:
		return m.handleFindPlanned(msg)
	}
	if m.search == nil {
		find.Drop(msg)
		return m, nil
	}
	if b, ok := msg.(find.BatchMsg); ok && m.search.Owns(b.Walk) {
		for _, e := range b.Batch.Errors {
			m.log.Add(logview.Error, "find: "+e.Error())
		}
		for _, n := range b.Batch.Notes {
			m.log.Add(logview.Info, "find: "+n)
		}
	}
	f, cmd := m.search.Update(msg)
	m.search = &f
	if b, ok := msg.(find.BatchMsg); ok && b.Batch.Done && !f.Visible() && f.Owns(b.Walk) {
		m.setStatus(fmt.Sprintf("find: %d found (f shows them)", f.Results()), false)
	}
	return m, cmd
}

// jumpToFound loads the result's folder in its pane with the cursor on
// it; the results wait behind f.
func (m Model) jumpToFound(msg find.JumpMsg) (tea.Model, tea.Cmd) {
	p := &m.panes[msg.Pane]
	if p.FS() != msg.FS {
		m.setStatus("the pane searched shows another connection now: search again", true)
		return m, nil
	}
	m.setFocus(Focus(msg.Pane))
	m.focusSub(SubNone)
	cmd := p.Load(msg.Dir, msg.Name)
	text := pane.Escape(msg.FS.Join(msg.Dir, msg.Name)) + " · f shows the results again"
	if strings.HasPrefix(msg.Name, ".") {
		text += " (a hidden name: . shows hidden files)"
	}
	m.setStatus(text, false)
	return m, cmd
}

// findPlannedMsg is the planning step's answer for a copy of results (a
// result for the root).
type findPlannedMsg struct {
	p            transfer.Plan
	err          error
	srcFS, dstFS session.FS
}

// copyFound copies results to the other pane's folder: one request for
// them all, each item with its own source path, every name checked by
// the planner (a server's names never choose where files land).
func (m Model) copyFound(msg find.CopyMsg) (tea.Model, tea.Cmd) {
	from, to := msg.Pane, 1-msg.Pane
	dst := m.panes[to]
	if m.panes[from].FS() != msg.FS || dst.FS() == nil {
		m.setStatus("nothing to copy to: the panes changed since the search", true)
		return m, nil
	}
	req := transfer.Request{Src: m.endpoint(from), Dst: m.endpoint(to), Type: m.jobType(from, to),
		Conflict: msg.Policy, DstFS: dst.FS(), MakeDirs: true}
	if req.Dst.IsLocal() {
		req.Root = msg.Dir // a linked folder below it is refused, never followed
	}
	remote := !req.Src.IsLocal()
	for _, r := range msg.Results {
		it := transfer.Item{SrcPath: msg.FS.Join(r.Dir, r.Entry.Name), DstDir: msg.Dir, Name: r.Rel,
			Origin: transfer.FromUser, Dir: r.Entry.IsDir(), Size: r.Entry.Size, ModTime: r.Entry.ModTime}
		switch {
		case msg.Flat && remote:
			it.Name, it.Origin = r.Entry.Name, transfer.FromListing
		case msg.Flat:
			it.Name = r.Entry.Name
		case remote:
			it.Origin = transfer.FromTyped // folders, but never out of the target
		}
		req.Items = append(req.Items, it)
	}
	m.setStatus(fmt.Sprintf("planning %d %s…", len(req.Items), plural(len(req.Items), "entry", "entries")), false)
	srcFS, dstFS := msg.FS, dst.FS()
	return m, func() tea.Msg {
		ctx, cancel := opCtx()
		defer cancel()
		p, err := transfer.PlanCopy(ctx, req)
		return findPlannedMsg{p: p, err: err, srcFS: srcFS, dstFS: dstFS}
	}
}

// handleFindPlanned queues what the planner accepted and says what it
// refused and why.
func (m Model) handleFindPlanned(msg findPlannedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus(msg.err.Error(), true)
		return m, nil
	}
	for _, r := range msg.p.Refused {
		m.log.Add(logview.Error, "not copied: "+r.Err.Error())
	}
	for _, j := range msg.p.Jobs {
		m.logCopy(msg.srcFS, j.SrcPath, msg.dstFS, j.DstPath, j.Kind == transfer.KindTree, false)
	}
	if n := len(msg.p.Refused); n > 0 {
		m.setStatus(fmt.Sprintf("%d %s refused: %s", n, plural(n, "name", "names"), msg.p.Refused[0].Err), true)
	}
	if len(msg.p.Jobs) == 0 {
		return m, nil
	}
	q, p := m.q, msg.p
	return m, func() tea.Msg {
		q.Submit(p)
		return jobsAddedMsg{n: len(p.Jobs), refused: len(p.Refused)}
	}
}

// findScreen is the screen while the search has the keys: the results
// between the header and the status line, its dialog over them.
func (m Model) findScreen() string {
	screen := strings.Join([]string{m.header(), m.search.View(), m.statusLine(),
		fitLine(m.help.ShortHelpView(m.search.ShortHelp()), m.width)}, "\n")
	if d := m.search.DialogView(); d != "" {
		screen = overlay(screen, d, m.width, m.height)
	}
	return screen
}
