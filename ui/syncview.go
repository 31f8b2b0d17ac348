package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
