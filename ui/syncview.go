package ui

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/transfer"
	dircmp "github.com/ftpane/ftpane/ui/compare"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/shell"
)

// syncView is the sync preview (Y): first the walk of both folders'
// trees, then the actions that make one side like the other, each one
// toggleable, queued as one batch. It is changed in place: Bubble Tea
// keeps no older model.
type syncView struct {
	id       int
	from     int // the pane that had the focus: one way from it first
	fss      [2]session.FS
	roots    [2]string
	cancel   context.CancelFunc
	progress <-chan syncProgressMsg
	listed   [2]int // folders read so far, while walking
	trees    [2]*dircmp.Tree
	dir      int // index into syncDirections
	plan     *dircmp.Sync
	cursor   int // into plan.Visible()
	offset   int
	note     string // why the last key did nothing
}

// The preview's own keys, beside the dialog's confirm and cancel and the
// panes' moves and mark.
var (
	syncAllKey       = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all/none"))
	syncDirectionKey = key.NewBinding(key.WithKeys("r", "tab"), key.WithHelp("r", "direction"))
	syncDeleteKey    = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "deletions"))
	syncDryRunKey    = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dry run"))
)

// Messages of the sync preview, all results for the root, dropped when
// they name a walk other than the preview's (id).
type (
	syncProgressMsg struct{ id, side, listed int }
	syncWalkedMsg   struct {
		id    int
		trees [2]*dircmp.Tree
		err   error
	}
	// syncQueuedMsg ends the queuing of a sync's actions.
	syncQueuedMsg struct {
		v       *syncView
		acts    []dircmp.Action
		plan    transfer.Plan
		made    int
		deleted int
		err     error
	}
)

// startSync walks both panes' folders, each through its own FS, at
// most dircmp.DefaultLimit listings each; Esc cancels.
func (m *Model) startSync() tea.Cmd {
	m.cmp.seq++
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan syncProgressMsg, 16)
	v := &syncView{id: m.cmp.seq, from: int(m.focus), cancel: cancel, progress: ch}
	var ws [2]dircmp.Walker
	var zones [2]time.Duration
	for i := range m.panes {
		v.fss[i], v.roots[i], zones[i] = m.panes[i].FS(), m.panes[i].Dir(), m.zoneOf(i)
		ws[i] = dircmp.Walker{FS: v.fss[i], Shape: m.zoneShape(i), Progress: progressTo(ch, v.id, i)}
	}
	m.cmp.sync = v
	m.setStatus("sync preview: reading both folders… (esc cancels)", false)
	return tea.Batch(walkCmd(ctx, v.id, ws, v.roots, zones, ch), listenSync(ch))
}

// zoneShape moves a server's LIST times by its zone, as pane i does.
func (m Model) zoneShape(i int) func(session.Entry) session.Entry {
	z := m.site.tz[i]
	if !z.on {
		return nil
	}
	return func(e session.Entry) session.Entry { return sites.ShiftEntry(e, z.offset, time.Local) }
}

// progressTo tells the listener how far side i got; a count the UI has
// not taken yet is replaced by the next, never waited for.
func progressTo(ch chan syncProgressMsg, id, side int) func(int) {
	return func(n int) {
		select {
		case ch <- syncProgressMsg{id, side, n}:
		default:
		}
	}
}

func walkCmd(ctx context.Context, id int, ws [2]dircmp.Walker, roots [2]string, zones [2]time.Duration,
	ch chan syncProgressMsg) tea.Cmd {
	return func() tea.Msg {
		var trees [2]*dircmp.Tree
		var errs [2]error
		done := make(chan int, 2)
		for i := range 2 {
			go func() {
				trees[i], errs[i] = ws[i].Walk(ctx, roots[i], zones[i])
				done <- i
			}()
		}
		<-done
		<-done
		close(ch)
		return syncWalkedMsg{id: id, trees: trees, err: errors.Join(errs[0], errs[1])}
	}
}

// listenSync reads one progress count; its handler re-arms it.
func listenSync(ch <-chan syncProgressMsg) tea.Cmd {
	return func() tea.Msg {
		if p, ok := <-ch; ok {
			return p
		}
		return nil
	}
}

// handleSyncMsg takes the sync preview's messages.
func (m Model) handleSyncMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	v := m.cmp.sync
	switch msg := msg.(type) {
	case syncProgressMsg:
		if v == nil || v.id != msg.id || v.plan != nil {
			return m, nil, true
		}
		v.listed[msg.side] = max(v.listed[msg.side], msg.listed)
		return m, listenSync(v.progress), true
	case syncWalkedMsg:
		if v == nil || v.id != msg.id {
			return m, nil, true
		}
		return m.handleSyncWalked(msg), nil, true
	case syncQueuedMsg:
		mm, cmd := m.handleSyncQueued(msg)
		return mm.(Model), cmd, true
	}
	return m, nil, false
}

func (m Model) handleSyncWalked(msg syncWalkedMsg) Model {
	v := m.cmp.sync
	v.cancel()
	if msg.err != nil {
		m.cmp.sync = nil
		if errors.Is(msg.err, context.Canceled) {
			m.setStatus("sync preview cancelled", false)
		} else {
			m.setStatus("sync preview: "+msg.err.Error(), true)
		}
		return m
	}
	v.trees = msg.trees
	for i, t := range v.trees {
		v.listed[i] = t.Listed
		for _, p := range t.Problems {
			m.log.Add(logview.Error, fmt.Sprintf("sync preview, %s pane: %s", pane.ID(i), p))
		}
	}
	v.replan()
	m.setStatus("", false)
	return m
}

// syncDirections are the preview's directions, cycled with r: from the
// pane that had the focus, from the other, both ways.
var syncDirections = []struct {
	mode    dircmp.Mode
	swapped bool
}{{dircmp.OneWay, false}, {dircmp.OneWay, true}, {dircmp.BothWays, false}}

func (v *syncView) replan() {
	d, from := syncDirections[v.dir], v.from
	if d.swapped {
		from = 1 - from
	}
	v.plan = dircmp.Plan(v.trees, from, d.mode)
	v.cursor, v.offset = 0, 0
}

// handleSyncKey is a key while the preview is open: while walking only
// Esc (cancel) does anything.
func (m Model) handleSyncKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	v, k := m.cmp.sync, m.keys
	if key.Matches(msg, k.Cancel) {
		v.cancel()
		m.cmp.sync = nil
		if v.plan == nil {
			m.setStatus("sync preview cancelled", false)
		}
		return m, nil
	}
	if v.plan == nil {
		return m, nil
	}
	v.note = ""
	vis := v.plan.Visible()
	switch {
	case m.moveSyncCursor(msg, len(vis)):
	case key.Matches(msg, k.Mark) && v.cursor < len(vis):
		v.plan.Toggle(vis[v.cursor])
		v.cursor = min(v.cursor+1, len(vis)-1)
	case key.Matches(msg, syncAllKey):
		v.plan.SetAll(!v.plan.AllOn())
	case key.Matches(msg, syncDirectionKey):
		v.dir = (v.dir + 1) % len(syncDirections)
		v.replan()
	case key.Matches(msg, syncDeleteKey):
		v.toggleDeletions()
	case key.Matches(msg, syncDryRunKey):
		m.syncDryRun()
	case key.Matches(msg, k.Confirm):
		return m.runSync()
	}
	m.scrollSync()
	return m, nil
}

func (m Model) moveSyncCursor(msg tea.KeyPressMsg, n int) bool {
	v, k, page := m.cmp.sync, m.keys, max(1, m.syncRows()-1)
	switch {
	case key.Matches(msg, k.Up):
		v.cursor--
	case key.Matches(msg, k.Down):
		v.cursor++
	case key.Matches(msg, k.PageUp):
		v.cursor -= page
	case key.Matches(msg, k.PageDown):
		v.cursor += page
	case key.Matches(msg, k.Top):
		v.cursor = 0
	case key.Matches(msg, k.Bottom):
		v.cursor = n - 1
	default:
		return false
	}
	v.cursor = max(0, min(v.cursor, n-1))
	return true
}

func (m Model) scrollSync() {
	v, rows := m.cmp.sync, m.syncRows()
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+rows {
		v.offset = v.cursor - rows + 1
	}
	v.offset = max(0, min(v.offset, len(v.plan.Visible())-rows))
}

func (v *syncView) toggleDeletions() {
	p := v.plan
	switch {
	case p.Mode == dircmp.BothWays:
		v.note = "both ways deletes nothing: what one side lacks is copied to it"
	case !p.CanDelete && !p.Deletions:
		v.note = "no deletions: a folder could not be read (see the log), so what it holds is unknown"
	default:
		p.Deletions = !p.Deletions
		v.cursor = 0
	}
}

// syncDryRun writes the equivalent mirror command, and the actions it
// would take, to the log, and the command to the status line.
func (m *Model) syncDryRun() {
	v := m.cmp.sync
	acts := v.plan.Selected()
	m.log.Add(logview.Info, fmt.Sprintf("sync preview, dry run: %d %s", len(acts), plural(len(acts), "action", "actions")))
	for _, a := range acts {
		m.log.Add(logview.Info, "  "+v.actionText(a))
	}
	remote := [2]bool{!isLocal(v.fss[0]), !isLocal(v.fss[1])}
	args, err := v.plan.MirrorArgs(remote, v.roots)
	if err != nil {
		m.setStatus("dry run: no mirror command for this ("+err.Error()+"); the actions are in the log", true)
		return
	}
	lines := make([]string, len(args))
	for i, a := range args {
		lines[i] = shell.CommandLine("mirror", a...)
		m.logEquivalent(lines[i])
	}
	m.setStatus(strings.Join(lines, " ; "), false)
}

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
			row = m.styles.Pane.Cursor.Render(row)
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
