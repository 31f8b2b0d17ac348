package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/shell"
)

// opDoneMsg ends a file operation (a result addressed to one pane): the
// pane is reloaded with the cursor on Select.
type opDoneMsg struct {
	Pane   int
	Text   string
	Err    error
	Select string
}

// The file operations of the pane table (bindings.go): each opens its
// dialog on the focused pane, with what it acts on kept in the answer.
// The answer acts on that pane's folder as it is then.

func (m *Model) askMkdir() tea.Cmd {
	i := int(m.focus)
	m.ask("Create folder", []string{"in " + pane.Escape(m.panes[i].Dir())}, []dialog.Field{{Label: "Name"}},
		func(m *Model, vals []string) tea.Cmd { return m.mkdir(i, strings.TrimSpace(vals[0])) }, nil)
	return nil
}

func (m *Model) mkdir(i int, name string) tea.Cmd {
	fsys, dir := m.panes[i].FS(), m.panes[i].Dir()
	m.setStatus("creating "+pane.Escape(name)+"…", false)
	p := target(fsys, dir, name)
	switch {
	case fsys.Dir(p) == dir:
		m.logFileOp(fsys, []string{"mkdir", p}, []string{"mkdir", p})
	case isLocal(fsys):
		m.logEquivalent("! " + shQuote("mkdir", "-p", p))
	default: // classic ftp makes one level at a time
		ls := levels(fsys, dir, p)
		for _, l := range ls[:len(ls)-1] {
			m.logEquivalent(shell.CommandLine("mkdir", l) + "   # if missing")
		}
		m.logEquivalent(shell.CommandLine("mkdir", p))
	}
	return mkdirCmd(fsys, i, dir, name)
}

func (m *Model) askMarkGlob(mark bool) tea.Cmd {
	i, title := int(m.focus), "Mark"
	if !mark {
		title = "Unmark"
	}
	m.ask(title, nil, []dialog.Field{{Label: "Pattern", Value: "*"}}, func(m *Model, vals []string) tea.Cmd {
		n, err := m.panes[i].MarkGlob(vals[0], mark)
		if err != nil {
			m.setStatus("bad pattern: "+err.Error(), true)
		} else {
			m.setStatus(fmt.Sprintf("%d %s matched %s", n, plural(n, "entry", "entries"), vals[0]), false)
		}
		return nil
	}, nil)
	return nil
}

// askDelete and askChmod act on the selection, built only now: with a
// million entries marked, building it costs a quarter of a second.
func (m *Model) askDelete() tea.Cmd {
	i, sel := int(m.focus), m.active().Selection()
	m.ask("Delete", deleteLines(sel), nil, func(m *Model, _ []string) tea.Cmd {
		fsys, dir := m.panes[i].FS(), m.panes[i].Dir()
		m.setStatus(fmt.Sprintf("deleting %d %s…", len(sel), plural(len(sel), "entry", "entries")), false)
		m.logDelete(fsys, dir, sel)
		return deleteCmd(fsys, i, dir, sel)
	}, nil)
	return nil
}

func (m *Model) askChmod() tea.Cmd {
	i, sel := int(m.focus), m.active().Selection()
	m.ask("Permissions", chmodLines(sel), []dialog.Field{{Label: "Mode", Value: modeValue(sel[0])}},
		func(m *Model, vals []string) tea.Cmd {
			fsys, dir := m.panes[i].FS(), m.panes[i].Dir()
			m.setStatus("changing permissions…", false)
			for _, e := range sel {
				p := fsys.Join(dir, e.Name)
				m.logFileOp(fsys, []string{"chmod", octal(vals[0]), p}, []string{"chmod", octal(vals[0]), p})
			}
			return chmodCmd(fsys, i, dir, sel, vals[0])
		}, nil)
	return nil
}

func (m *Model) askRename() tea.Cmd {
	i := int(m.focus)
	cur, _ := m.active().Current()
	m.ask("Rename or move", []string{pane.Escape(cur.Name) + " to:"},
		[]dialog.Field{{Label: "New name", Value: printable(cur.Name)}}, func(m *Model, vals []string) tea.Cmd {
			fsys, dir, to := m.panes[i].FS(), m.panes[i].Dir(), strings.TrimSpace(vals[0])
			m.setStatus("renaming "+pane.Escape(cur.Name)+"…", false)
			from, dst := fsys.Join(dir, cur.Name), fsys.Join(dir, to)
			m.logFileOp(fsys, []string{"rename", from, dst}, []string{"mv", from, dst})
			return renameCmd(fsys, i, dir, cur.Name, to)
		}, nil)
	return nil
}

// viewCurrent opens the pager on the file under the cursor; on a folder
// it opens the folder, as Midnight Commander's F3 does.
func (m *Model) viewCurrent() tea.Cmd {
	p := m.active()
	cur, _ := p.Current()
	if cur.IsDir() {
		return p.Load(p.Path(cur.Name), "")
	}
	m.setStatus("reading "+pane.Escape(p.Path(cur.Name))+"…", false)
	return viewCmd(p.FS(), p.Path(cur.Name))
}

func (m *Model) editCurrent() tea.Cmd {
	p := m.active()
	cur, _ := p.Current()
	mm, cmd := m.startEdit(int(m.focus), p.FS(), p.Path(cur.Name))
	*m = mm
	return cmd
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
