package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/trust"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/viewer"
)

// purpose is what an open dialog's answer is for.
type purpose int

const (
	purposeNone purpose = iota
	purposeMkdir
	purposeRename
	purposeDelete
	purposeChmod
	purposeMarkGlob
	purposeUnmarkGlob
	purposeConnect
	purposeCopy
	purposeMove
	purposeConflict
	purposeCancelJob
	purposeQuit
	purposeInfo
	purposePrompt
	purposeMakeTarget
	purposeTrust
	purposeCharset
)

// pendingOp remembers what a dialog acts on: the pane and its selection
// when the dialog opened.
type pendingOp struct {
	purpose purpose
	pane    int
	entries []session.Entry
	plan    *copyPlan   // purposeConflict, purposeMakeTarget
	job     transfer.ID // purposeCancelJob
	prompt  *promptMsg  // purposePrompt

	cert *trust.UnknownError // purposeTrust
}

// opDoneMsg ends a file operation (a result addressed to one pane): the
// pane is reloaded with the cursor on Select.
type opDoneMsg struct {
	Pane   int
	Text   string
	Err    error
	Select string
}

func (m Model) handleOpKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k, p := m.liveKeys(), m.active()
	if p.FS() == nil || p.Dir() == "" {
		return m, nil, false
	}
	// The selection is built only for the keys that use it: with a
	// million entries marked, building it costs a quarter of a second.
	var sel []session.Entry
	cur, hasCur := p.Current()
	nMarked, _ := p.Marked()
	hasSel := hasCur || nMarked > 0
	switch {
	case key.Matches(msg, k.Copy, k.Move) && hasSel:
		return m.startCopy(key.Matches(msg, k.Move))
	case key.Matches(msg, k.Mkdir):
		m.ask(purposeMkdir, "Create folder", []string{"in " + pane.Escape(p.Dir())}, dialog.Field{Label: "Name"})
	case key.Matches(msg, k.MarkGlob):
		m.ask(purposeMarkGlob, "Mark", nil, dialog.Field{Label: "Pattern", Value: "*"})
	case key.Matches(msg, k.UnmarkGlob):
		m.ask(purposeUnmarkGlob, "Unmark", nil, dialog.Field{Label: "Pattern", Value: "*"})
	case key.Matches(msg, k.Delete) && hasSel:
		sel = p.Selection()
		m.ask(purposeDelete, "Delete", deleteLines(sel))
	case key.Matches(msg, k.Rename) && hasCur:
		m.ask(purposeRename, "Rename or move", []string{pane.Escape(cur.Name) + " to:"},
			dialog.Field{Label: "New name", Value: printable(cur.Name)})
		sel = []session.Entry{cur}
	case key.Matches(msg, k.Chmod) && hasSel:
		sel = p.Selection()
		m.ask(purposeChmod, "Permissions", chmodLines(sel), dialog.Field{Label: "Mode", Value: modeValue(sel[0])})
	case key.Matches(msg, k.View) && hasCur && !cur.IsDir():
		m.setStatus("reading "+pane.Escape(p.Path(cur.Name))+"…", false)
		return m, viewCmd(p.FS(), p.Path(cur.Name)), true
	case key.Matches(msg, k.Edit) && hasCur && !cur.IsDir():
		mm, cmd := m.startEdit(int(m.focus), p.FS(), p.Path(cur.Name))
		return mm, cmd, true
	default:
		return m, nil, false
	}
	m.pending.pane, m.pending.entries = int(m.focus), sel
	return m, nil, true
}

func (m *Model) ask(p purpose, title string, lines []string, fields ...dialog.Field) {
	f := dialog.New(int(p), title, lines, fields, m.keys, m.styles)
	f.SetWidth(m.width)
	m.form = &f
	m.pending = pendingOp{purpose: p}
}

func deleteLines(sel []session.Entry) []string {
	var names []string
	var size int64
	dirs := 0
	for _, e := range sel {
		n := pane.Escape(e.Name)
		if e.IsDir() {
			n += "/"
			dirs++
		}
		names = append(names, n)
		if !e.IsDir() {
			size += e.Size
		}
	}
	lines := []string{fmt.Sprintf("Delete %d %s (%s)?", len(sel), plural(len(sel), "entry", "entries"), humanize.Bytes(uint64(size)))}
	for i, n := range names {
		if i == 8 {
			lines = append(lines, fmt.Sprintf("  … and %d more", len(names)-8))
			break
		}
		lines = append(lines, "  "+n)
	}
	if dirs > 0 {
		lines = append(lines, "Folders are deleted with everything in them.")
	}
	return lines
}

// printable is a name to pre-fill an input with: empty when it holds
// control characters, which must never reach the terminal raw.
func printable(name string) string {
	if pane.Escape(name) != name {
		return ""
	}
	return name
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (m Model) handleFormKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, cmd := m.form.Update(msg)
	m.form = &f
	done, ok := f.Done()
	if !done {
		return m, cmd
	}
	if !ok {
		m.form = nil
		if m.pending.purpose == purposePrompt {
			m.answerPrompt(nil, false)
			return m, nil
		}
		if m.pending.purpose == purposeConnect && !m.status.err {
			m.setStatus("not connected: c opens the connect dialog", false)
		}
		return m, nil
	}
	return m.submit(f.Values())
}

func (m Model) submit(vals []string) (tea.Model, tea.Cmd) {
	op := m.pending
	switch op.purpose {
	case purposeConnect:
		return m.submitConnect(vals)
	case purposeInfo:
		m.form = nil
		return m, nil
	case purposePrompt:
		m.answerPrompt(vals, true)
		return m, nil
	case purposeTrust:
		return m.submitTrust(op, vals)
	case purposeCharset:
		m.form = nil
		cmd := m.switchCharset(op.pane, vals[0])
		return m, cmd
	case purposeCopy, purposeMove, purposeConflict, purposeCancelJob, purposeQuit, purposeMakeTarget:
		m.form = nil
		return m.submitTransfer(op, vals)
	case purposeSiteEdit, purposeSiteDelete, purposeSiteImport:
		return m.submitSite(op, vals)
	case purposeRate, purposeJobRate:
		return m.submitRate(op, vals)
	}
	m.form = nil
	p := &m.panes[op.pane]
	fsys, dir, i := p.FS(), p.Dir(), op.pane
	switch op.purpose {
	case purposeMkdir:
		m.setStatus("creating "+pane.Escape(vals[0])+"…", false)
		name := fsys.Join(dir, strings.TrimSpace(vals[0]))
		m.logFileOp(fsys, []string{"mkdir", name}, []string{"mkdir", name})
		return m, mkdirCmd(fsys, i, dir, strings.TrimSpace(vals[0]))
	case purposeRename:
		m.setStatus("renaming "+pane.Escape(op.entries[0].Name)+"…", false)
		from, to := fsys.Join(dir, op.entries[0].Name), fsys.Join(dir, strings.TrimSpace(vals[0]))
		m.logFileOp(fsys, []string{"rename", from, to}, []string{"mv", from, to})
		return m, renameCmd(fsys, i, dir, op.entries[0].Name, strings.TrimSpace(vals[0]))
	case purposeDelete:
		m.setStatus(fmt.Sprintf("deleting %d %s…", len(op.entries), plural(len(op.entries), "entry", "entries")), false)
		m.logDelete(fsys, dir, op.entries)
		return m, deleteCmd(fsys, i, dir, op.entries)
	case purposeChmod:
		m.setStatus("changing permissions…", false)
		for _, e := range op.entries {
			p := fsys.Join(dir, e.Name)
			m.logFileOp(fsys, []string{"chmod", octal(vals[0]), p}, []string{"chmod", octal(vals[0]), p})
		}
		return m, chmodCmd(fsys, i, dir, op.entries, vals[0])
	case purposeMarkGlob, purposeUnmarkGlob:
		n, err := p.MarkGlob(vals[0], op.purpose == purposeMarkGlob)
		if err != nil {
			m.setStatus("bad pattern: "+err.Error(), true)
		} else {
			m.setStatus(fmt.Sprintf("%d %s matched %s", n, plural(n, "entry", "entries"), vals[0]), false)
		}
	}
	return m, nil
}

func (m Model) handleResult(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case opDoneMsg:
		return m.handleOpDone(msg)
	case pane.OpenFileMsg:
		p := m.panes[msg.Pane]
		if p.FS() == nil {
			return m, nil
		}
		m.setStatus("reading "+pane.Escape(msg.Path)+"…", false)
		return m, viewCmd(p.FS(), msg.Path)
	case viewMsg:
		return m.handleView(msg)
	case viewer.Msg:
		return m.handleViewer(msg)
	case connectedMsg:
		return m.handleConnected(msg)
	case disconnectedMsg:
		m.setStatus("disconnected from "+msg.label, false)
		return m, nil
	case editReadyMsg, editedMsg:
		return m.handleEdit(msg)
	case settingMsg:
		return m.handleSetting(msg)
	case jobsAddedMsg:
		return m.handleJobsAdded(msg)
	case conflictsMsg:
		return m.handleConflicts(msg)
	case plannedMsg:
		return m.handlePlanned(msg)
	case clearedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
		}
	}
	return m, nil
}

func (m Model) handleOpDone(msg opDoneMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		m.setStatus(msg.Err.Error(), true)
	} else if msg.Text != "" {
		m.setStatus(msg.Text, false)
	}
	var cmds []tea.Cmd
	for i := range m.panes {
		p := &m.panes[i]
		if i == msg.Pane || (p.FS() == m.panes[msg.Pane].FS() && p.Dir() == m.panes[msg.Pane].Dir()) {
			if i == msg.Pane && msg.Select != "" {
				cmds = append(cmds, p.Load(p.Dir(), msg.Select))
			} else {
				cmds = append(cmds, p.Reload())
			}
		}
	}
	return m, tea.Batch(cmds...)
}

func opCtx() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}
