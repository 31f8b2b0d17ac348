package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
)

// Actions are data, as in lazygit: each part of the screen that takes keys
// has a table of bindings, and the key dispatch, the help line, the ?
// screen and the "not now" message all read that one table. To add an
// action, add a line to the table of its context (and its key to keymap).

// Binding is one action of a key context.
type Binding struct {
	// Key is the binding from the key map (so keys.toml rebinds it and
	// its help text is the action's name).
	Key *key.Binding
	// Handler does the action; msg is the key as pressed (the pane's own
	// keys are handed on to it).
	Handler func(m *Model, msg tea.KeyPressMsg) tea.Cmd
	// DisabledReason says why the action does not apply now, or "" when
	// it does. nil: it always applies. A disabled action is hidden from
	// the help, and its key shows "not now: <reason>".
	DisabledReason func(m *Model) string
	// Global actions apply whichever part has the focus: the queue and
	// the log keep them under their own keys.
	Global bool
}

// reason is b's DisabledReason now.
func (b Binding) reason(m *Model) string {
	if b.DisabledReason == nil {
		return ""
	}
	return b.DisabledReason(m)
}

// keyContext is the table of the part of the screen that has the focus.
type keyContext struct {
	// Title heads the ? screen's group of the context's own bindings;
	// "" for the panes, whose bindings are grouped as the key map groups
	// them.
	Title    string
	Bindings []Binding
	// Short is the help line under the panes, in its order: keys of
	// Bindings.
	Short []*key.Binding
}

// keyContext is the table for the part that has the focus: a file pane,
// the queue or the log.
func (m *Model) keyContext() keyContext {
	switch m.sub {
	case SubQueue:
		return m.queueBindings()
	case SubLog:
		return m.logBindings()
	}
	return m.paneBindings()
}

// dispatch walks the table: the first binding whose key matches runs, or
// when its action does not apply now, says why. It reports whether a
// binding took the key.
func (m *Model) dispatch(bs []Binding, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	for _, b := range bs {
		if !key.Matches(msg, *b.Key) {
			continue
		}
		if why := b.reason(m); why != "" {
			m.setStatus("not now: "+why, false)
			return nil, true
		}
		return b.Handler(m, msg), true
	}
	return nil, false
}

// live is a copy of a binding's key, disabled when its action does not
// apply now (the help skips disabled keys).
func (m *Model) live(b Binding) key.Binding {
	k := *b.Key
	k.SetEnabled(b.reason(m) == "")
	return k
}

// shortHelp is the help line's keys for the context, those that do not
// apply now disabled.
func (m *Model) shortHelp(c keyContext) []key.Binding {
	var out []key.Binding
	for _, s := range c.Short {
		for _, b := range c.Bindings {
			if b.Key == s {
				out = append(out, m.live(b))
				break
			}
		}
	}
	return out
}

// helpGroups is the ? screen for the context: its own bindings under its
// title, then the global ones under the key map's group titles (for the
// panes: everything under the key map's groups, in the table's order).
// Disabled keys are in the groups, disabled.
func (m *Model) helpGroups(c keyContext) []keymap.Group {
	groupOf := map[*key.Binding]string{}
	for _, a := range m.keys.Actions(keymap.Main) {
		groupOf[a.Binding] = keymap.GroupTitle(a.Group)
	}
	var groups []keymap.Group
	add := func(title string, b key.Binding) {
		if len(groups) == 0 || groups[len(groups)-1].Title != title {
			groups = append(groups, keymap.Group{Title: title})
		}
		g := &groups[len(groups)-1]
		g.Bindings = append(g.Bindings, b)
	}
	for _, b := range c.Bindings {
		title := c.Title
		if title == "" || b.Global {
			title = groupOf[b.Key]
		}
		add(title, m.live(b))
	}
	return mergeGroups(groups)
}

// mergeGroups joins groups that share a title, in the order each title
// first appears.
func mergeGroups(groups []keymap.Group) []keymap.Group {
	var out []keymap.Group
	at := map[string]int{}
	for _, g := range groups {
		i, ok := at[g.Title]
		if !ok {
			at[g.Title] = len(out)
			out = append(out, keymap.Group{Title: g.Title})
			i = len(out) - 1
		}
		out[i].Bindings = append(out[i].Bindings, g.Bindings...)
	}
	return out
}

// paneBindings is the table of the file panes, in the order of the ?
// screen. Bindings that only move or mark in the pane hand the key on to
// it.
func (m *Model) paneBindings() keyContext {
	k := &m.keys
	toPane := func(m *Model, msg tea.KeyPressMsg) tea.Cmd {
		p := m.active()
		var cmd tea.Cmd
		*p, cmd = p.Update(msg)
		return cmd
	}
	bs := []Binding{
		{Key: &k.Up, Handler: toPane}, {Key: &k.Down, Handler: toPane},
		{Key: &k.PageUp, Handler: toPane}, {Key: &k.PageDown, Handler: toPane},
		{Key: &k.Top, Handler: toPane}, {Key: &k.Bottom, Handler: toPane},
		{Key: &k.Open, Handler: toPane, DisabledReason: (*Model).noOpen},
		{Key: &k.Parent, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Home, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Switch, Handler: do((*Model).switchFocus), Global: true},
		{Key: &k.Reload, Handler: toPane, DisabledReason: (*Model).noFolder},

		{Key: &k.Mark, Handler: toPane, DisabledReason: (*Model).noEntries},
		{Key: &k.Invert, Handler: toPane, DisabledReason: (*Model).noEntries},
		{Key: &k.MarkGlob, Handler: func(m *Model, _ tea.KeyPressMsg) tea.Cmd { return m.askMarkGlob(true) },
			DisabledReason: (*Model).noFolder},
		{Key: &k.UnmarkGlob, Handler: func(m *Model, _ tea.KeyPressMsg) tea.Cmd { return m.askMarkGlob(false) },
			DisabledReason: (*Model).noFolder},
		{Key: &k.MarkAll, Handler: toPane, DisabledReason: (*Model).noEntries},
		{Key: &k.Compare, Handler: do((*Model).compareKey), DisabledReason: (*Model).noPair},                // compare.go
		{Key: &k.Sync, Handler: cmd((*Model).startSync), DisabledReason: (*Model).noPair},                   // syncview.go
		{Key: &k.SyncBrowse, Handler: do((*Model).toggleSyncBrowse), DisabledReason: (*Model).noSyncBrowse}, // compare.go

		{Key: &k.Sort, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Reverse, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Hidden, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Filter, Handler: toPane, DisabledReason: (*Model).noFolder},
		{Key: &k.Queue, Handler: do((*Model).toggleQueue), Global: true},
		{Key: &k.ResumeAll, Handler: cmd((*Model).pauseAll), DisabledReason: (*Model).noJobs, Global: true},
		{Key: &k.Find, Handler: cmd((*Model).openFind), DisabledReason: (*Model).noFolder},

		{Key: &k.View, Handler: cmd((*Model).viewCurrent), DisabledReason: (*Model).noCurrent},
		{Key: &k.Edit, Handler: cmd((*Model).editCurrent), DisabledReason: (*Model).noFile},
		{Key: &k.Rename, Handler: cmd((*Model).askRename), DisabledReason: (*Model).noCurrent},
		{Key: &k.Mkdir, Handler: cmd((*Model).askMkdir), DisabledReason: (*Model).noFolder},
		{Key: &k.Delete, Handler: cmd((*Model).askDelete), DisabledReason: (*Model).noSelection},
		{Key: &k.Chmod, Handler: cmd((*Model).askChmod), DisabledReason: (*Model).noSelection},
		{Key: &k.Copy, Handler: func(m *Model, _ tea.KeyPressMsg) tea.Cmd { return m.startCopy(false) },
			DisabledReason: (*Model).noCopy},
		{Key: &k.Move, Handler: func(m *Model, _ tea.KeyPressMsg) tea.Cmd { return m.startCopy(true) },
			DisabledReason: (*Model).noCopy},
		{Key: &k.Watch, Handler: cmd((*Model).toggleWatch), DisabledReason: (*Model).noWatch}, // watch.go
	}
	bs = append(bs, m.programBindings()...)
	return keyContext{Bindings: bs, Short: []*key.Binding{&k.Help, &k.Quit, &k.Switch, &k.Open, &k.Mark,
		&k.Copy, &k.Move, &k.View, &k.Edit, &k.Rename, &k.Mkdir, &k.Delete, &k.Filter, &k.Queue, &k.Connect}}
}

// programBindings are the connection's and the program's actions: they
// apply wherever the focus is.
func (m *Model) programBindings() []Binding {
	k := &m.keys
	return []Binding{
		{Key: &k.Connect, Handler: cmd(func(m *Model) tea.Cmd { return m.openSites(m.connectTarget()) }), Global: true},
		{Key: &k.Disconnect, Handler: cmd((*Model).disconnect), DisabledReason: (*Model).noServer, Global: true},
		{Key: &k.ToggleType, Handler: cmd((*Model).toggleType), DisabledReason: (*Model).noServer, Global: true},
		{Key: &k.TogglePassive, Handler: cmd((*Model).togglePassive), DisabledReason: (*Model).noServer, Global: true},
		{Key: &k.Fingerprint, Handler: do((*Model).showCertificate), DisabledReason: (*Model).noTLS, Global: true},
		{Key: &k.Charset, Handler: do((*Model).askCharset), DisabledReason: (*Model).noCharset, Global: true},
		{Key: &k.Log, Handler: do((*Model).toggleLog), Global: true},
		{Key: &k.Command, Handler: do((*Model).openCmdLine), Global: true},
		{Key: &k.Help, Handler: do(func(m *Model) { m.showHelp = true }), Global: true},
		{Key: &k.Quit, Handler: cmd((*Model).askQuit), Global: true},
		{Key: &k.Suspend, Handler: cmd(func(*Model) tea.Cmd { return tea.Suspend }), Global: true},
	}
}

// globals are the pane table's global bindings, for the queue and the log.
func (m *Model) globals() []Binding {
	var out []Binding
	for _, b := range m.paneBindings().Bindings {
		if b.Global {
			out = append(out, b)
		}
	}
	return out
}

// queueBindings is the table of the queue pane: its own keys act on the
// job under its cursor; the global ones follow.
func (m *Model) queueBindings() keyContext {
	k := &m.keys
	toQueue := func(m *Model, msg tea.KeyPressMsg) tea.Cmd {
		m.queue, _ = m.queue.Update(msg)
		return nil
	}
	// onJob acts on the job under the cursor (DisabledReason noJob makes
	// sure there is one).
	onJob := func(f func(q *transfer.Queue, j transfer.JobState) tea.Cmd) func(m *Model, _ tea.KeyPressMsg) tea.Cmd {
		return func(m *Model, _ tea.KeyPressMsg) tea.Cmd {
			j, _ := m.queue.Selected()
			return f(m.q, j)
		}
	}
	bs := []Binding{
		{Key: &k.JobUp, Handler: toQueue}, {Key: &k.JobDown, Handler: toQueue},
		{Key: &k.Open, Handler: do(func(m *Model) { m.queue.OpenDetail() }), DisabledReason: (*Model).noJob},
		{Key: &k.JobPause, Handler: onJob(func(q *transfer.Queue, j transfer.JobState) tea.Cmd {
			return queueCmd(func() { togglePause(q, j) })
		}), DisabledReason: (*Model).noJob},
		{Key: &k.JobPauseAll, Handler: cmd((*Model).pauseAll)},
		{Key: &k.JobCancel, Handler: cmd(func(m *Model) tea.Cmd {
			j, _ := m.queue.Selected()
			return m.cancelJob(j)
		}), DisabledReason: (*Model).noJob},
		{Key: &k.JobRetry, Handler: onJob(func(q *transfer.Queue, j transfer.JobState) tea.Cmd {
			return queueCmd(func() { q.Retry(j.ID) })
		}), DisabledReason: (*Model).noJob},
		{Key: &k.JobEarlier, Handler: onJob(func(q *transfer.Queue, j transfer.JobState) tea.Cmd {
			return queueCmd(func() { q.Move(j.ID, -1) }) // the cursor follows the job
		}), DisabledReason: (*Model).noJob},
		{Key: &k.JobLater, Handler: onJob(func(q *transfer.Queue, j transfer.JobState) tea.Cmd {
			return queueCmd(func() { q.Move(j.ID, 1) })
		}), DisabledReason: (*Model).noJob},
		{Key: &k.JobClear, Handler: cmd(func(m *Model) tea.Cmd {
			q := m.q
			return func() tea.Msg { return clearedMsg{q.ClearFinished()} }
		})},
		{Key: &k.JobHash, Handler: do(func(m *Model) { m.queue.ToggleHash() })},
		{Key: &k.JobLimit, Handler: do((*Model).askRate)},                                        // rate.go
		{Key: &k.JobOwnLimit, Handler: cmd((*Model).askJobRate), DisabledReason: (*Model).noJob}, // rate.go
	}
	return keyContext{Title: "Queue pane", Bindings: append(bs, m.globals()...),
		Short: []*key.Binding{&k.JobPause, &k.JobPauseAll, &k.JobCancel, &k.JobRetry, &k.JobEarlier, &k.JobLater,
			&k.JobClear, &k.JobHash, &k.Switch, &k.Queue}}
}

// logBindings is the table of the log pane: scrolling, then the global
// keys.
func (m *Model) logBindings() keyContext {
	k := &m.keys
	scroll := do
	bs := []Binding{
		{Key: &k.Up, Handler: scroll(func(m *Model) { m.log.Scroll(-1) })},
		{Key: &k.Down, Handler: scroll(func(m *Model) { m.log.Scroll(1) })},
		{Key: &k.PageUp, Handler: scroll(func(m *Model) { m.log.Scroll(-m.log.Page()) })},
		{Key: &k.PageDown, Handler: scroll(func(m *Model) { m.log.Scroll(m.log.Page()) })},
		{Key: &k.Top, Handler: scroll(func(m *Model) { m.log.ScrollTop() })},
		{Key: &k.Bottom, Handler: scroll(func(m *Model) { m.log.ScrollEnd() })},
	}
	return keyContext{Title: "Log pane", Bindings: append(bs, m.globals()...),
		Short: []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Switch, &k.Log}}
}

// do and cmd turn model methods into handlers.
func do(f func(m *Model)) func(m *Model, _ tea.KeyPressMsg) tea.Cmd {
	return func(m *Model, _ tea.KeyPressMsg) tea.Cmd { f(m); return nil }
}

func cmd(f func(m *Model) tea.Cmd) func(m *Model, _ tea.KeyPressMsg) tea.Cmd {
	return func(m *Model, _ tea.KeyPressMsg) tea.Cmd { return f(m) }
}
