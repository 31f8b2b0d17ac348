package find

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session/walk"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// query is a search as the dialog gave it.
type query struct {
	root   string
	filter walk.Filter
	depth  int
}

// The query dialog's fields, in order.
const (
	fieldDir = iota
	fieldName
	fieldCase
	fieldType
	fieldSize
	fieldAge
)

func caseOptions() []string { return []string{"ignore case", "match case"} }
func typeOptions() []string { return []string{"files and folders", "files", "folders"} }

// pathOptions and policyOptions are the copy dialog's choices.
func pathOptions() []string { return []string{"keep folders", "flat"} }
func policyOptions() []string {
	return []string{"skip", "overwrite", "resume", "unique name", "only if newer"}
}

func defaultValues(src Source) []string {
	return []string{printable(src.Dir), "*", caseOptions()[0], typeOptions()[0], "", ""}
}

// printable is a text to pre-fill an input with: empty when it holds
// characters the sanitiser would escape (they must never reach the
// terminal raw).
func printable(s string) string {
	if textsafe.String(s) != s {
		return ""
	}
	return s
}

func (m *Model) openQuery(vals []string) {
	fields := []dialog.Field{
		{Label: "In folder", Value: vals[fieldDir]},
		{Label: "Name", Value: vals[fieldName]},
		{Label: "Case", Value: vals[fieldCase], Options: caseOptions()},
		{Label: "Type", Value: vals[fieldType], Options: typeOptions()},
		{Label: "Size", Value: vals[fieldSize]},
		{Label: "Modified", Value: vals[fieldAge]},
	}
	lines := []string{"on " + textsafe.String(m.src.Label),
		"name: a pattern (*.txt, report-??.csv); with a / it matches the path",
		"size: >1M <10K · modified: -7d (within 7 days) +30d (older)"}
	f := dialog.New(0, "Find", lines, fields, m.keys, m.styles)
	f.SetWidth(m.width)
	f.Focus(fieldName)
	m.form, m.asking = &f, askQuery
}

func (m Model) handleFormKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	f, cmd := m.form.Update(msg)
	m.form = &f
	done, ok := f.Done()
	switch {
	case !done:
		return m, cmd
	case !ok:
		m.form = nil
		if m.asking == askQuery && !m.started {
			m.closed = true // the dialog was all there was
		}
		return m, nil
	case m.asking == askQuery:
		return m.submitQuery(f.Values())
	}
	return m.submitCopy(f.Values())
}

// submitQuery reads the dialog and starts the walk; a value it cannot
// read keeps the dialog open with the reason.
func (m Model) submitQuery(vals []string) (Model, tea.Cmd) {
	q, err := m.parseQuery(vals)
	if err != nil {
		m.form.SetError(err.Error())
		return m, nil
	}
	m.cancel()
	m.form, m.asking, m.last, m.query = nil, askNothing, vals, q
	m.results, m.marked, m.nMarked, m.cursor, m.offset = nil, nil, 0, 0, 0
	m.current, m.folders, m.failed, m.note = q.root, 0, 0, ""
	m.started, m.running, m.stopped = true, true, false
	tok := &token{}
	m.tok = tok
	src, opts := m.src, walk.Options{Filter: q.filter, MaxDepth: q.depth, Workers: m.src.Workers,
		Dial: m.src.Dial, Conns: m.src.Conns}
	return m, func() tea.Msg {
		return StartedMsg{tok: tok, walk: walk.Start(context.Background(), src.FS, q.root, opts)}
	}
}

func (m Model) parseQuery(vals []string) (query, error) {
	q := query{root: m.resolve(strings.TrimSpace(vals[fieldDir]))}
	q.filter.Pattern = strings.TrimSpace(vals[fieldName])
	if q.filter.Pattern == "*" {
		q.filter.Pattern = ""
	}
	q.filter.Fold = vals[fieldCase] == caseOptions()[0]
	q.filter.Type, _ = walk.ParseType(vals[fieldType])
	if err := q.filter.Check(); err != nil {
		return q, err
	}
	var err error
	if q.filter.Size, err = walk.ParseSize(vals[fieldSize]); err != nil {
		return q, err
	}
	q.filter.Age, err = walk.ParseAge(vals[fieldAge])
	return q, err
}

// resolve reads the start folder: empty is the pane's, a relative one is
// under the pane's.
func (m Model) resolve(dir string) string {
	switch {
	case dir == "":
		return m.src.Dir
	case m.src.Local && !filepath.IsAbs(dir):
		return filepath.Join(m.src.Dir, dir)
	case !m.src.Local && !strings.HasPrefix(dir, "/"):
		return path.Join(m.src.Dir, dir)
	}
	return dir
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FindStop) && m.running:
		m.cancel()
		m.stopped = true
	case key.Matches(msg, k.FindStop, k.FindClose):
		m.Close()
	case key.Matches(msg, k.FindNew):
		vals := m.last
		if vals == nil {
			vals = defaultValues(m.src)
		}
		m.openQuery(vals)
	case key.Matches(msg, k.FindJump):
		return m.jump()
	case key.Matches(msg, k.FindMark):
		m.toggle(m.cursor)
		m.move(1)
	case key.Matches(msg, k.FindMarkAll):
		all := m.nMarked < len(m.results)
		for i := range m.results {
			m.setMark(i, all)
		}
	case key.Matches(msg, k.FindCopy):
		m.openCopy()
	default:
		m.handleMove(msg)
	}
	return m, nil
}

func (m *Model) handleMove(msg tea.KeyPressMsg) {
	k, page := m.keys, max(1, m.rows())
	switch {
	case key.Matches(msg, k.FindUp):
		m.move(-1)
	case key.Matches(msg, k.FindDown):
		m.move(1)
	case key.Matches(msg, k.FindPageUp):
		m.move(-page)
	case key.Matches(msg, k.FindPageDown):
		m.move(page)
	case key.Matches(msg, k.FindTop):
		m.move(-len(m.results))
	case key.Matches(msg, k.FindBottom):
		m.move(len(m.results))
	}
}

// jump hides the results and asks the root to show the one under the
// cursor in its pane; f brings the results back.
func (m Model) jump() (Model, tea.Cmd) {
	if m.cursor >= len(m.results) {
		return m, nil
	}
	r := m.results[m.cursor]
	m.hidden = true
	msg := JumpMsg{Pane: m.src.Pane, FS: m.src.FS, Dir: r.Dir, Name: r.Entry.Name}
	return m, func() tea.Msg { return msg }
}

func (m *Model) toggle(i int) {
	if i < len(m.results) {
		m.setMark(i, !m.marked[i])
	}
}

func (m *Model) setMark(i int, on bool) {
	if m.marked[i] == on {
		return
	}
	m.marked[i] = on
	if on {
		m.nMarked++
	} else {
		m.nMarked--
	}
}

// selection is what a copy takes: the marked results, or else the one
// under the cursor.
func (m Model) selection() []walk.Result {
	var out []walk.Result
	for i, r := range m.results {
		if m.marked[i] {
			out = append(out, r)
		}
	}
	if len(out) == 0 && m.cursor < len(m.results) {
		out = append(out, m.results[m.cursor])
	}
	return out
}

func (m *Model) openCopy() {
	sel := m.selection()
	switch {
	case len(sel) == 0:
		return
	case m.target.Dir == "":
		m.note, m.noteIsOK = "nothing to copy to: the other pane has no folder open", false
		return
	}
	var size int64
	for _, r := range sel {
		size += max(0, r.Entry.Size)
	}
	what := textsafe.String(sel[0].Rel)
	if len(sel) > 1 {
		what = fmt.Sprintf("%d results (%s)", len(sel), humanize.Bytes(uint64(size)))
	}
	lines := []string{what + " from " + textsafe.String(m.src.Label), "to " + textsafe.String(m.target.Label),
		"folders missing there are made"}
	f := dialog.New(0, "Copy", lines, []dialog.Field{
		{Label: "To folder", Value: printable(m.target.Dir)},
		{Label: "Paths", Value: pathOptions()[0], Options: pathOptions()},
		{Label: "If it exists", Value: policyOptions()[0], Options: policyOptions()},
	}, m.keys, m.styles)
	f.SetWidth(m.width)
	m.form, m.asking = &f, askCopy
}

// submitCopy hands the selection to the root. Flat copies of two
// results with one name would land on each other: refused, with the name.
func (m Model) submitCopy(vals []string) (Model, tea.Cmd) {
	sel, flat := m.selection(), vals[1] == "flat"
	if flat {
		seen := map[string]bool{}
		for _, r := range sel {
			if seen[r.Entry.Name] {
				m.form.SetError(fmt.Sprintf("two results are named %s: copy them with their folders", textsafe.String(r.Entry.Name)))
				return m, nil
			}
			seen[r.Entry.Name] = true
		}
	}
	dir := strings.TrimSpace(vals[0])
	if dir == "" {
		dir = m.target.Dir
	}
	msg := CopyMsg{Pane: m.src.Pane, FS: m.src.FS, Results: sel, Dir: dir, Flat: flat, Policy: parsePolicy(vals[2])}
	m.form, m.asking = nil, askNothing
	for i := range m.results {
		m.setMark(i, false)
	}
	m.note, m.noteIsOK = fmt.Sprintf("copying %d %s to %s", len(sel), plural(len(sel), "result", "results"),
		textsafe.String(dir)), true
	return m, func() tea.Msg { return msg }
}

func parsePolicy(s string) transfer.Policy {
	for _, p := range []transfer.Policy{transfer.Overwrite, transfer.Skip, transfer.Resume, transfer.Unique, transfer.Newer} {
		if p.String() == s {
			return p
		}
	}
	return transfer.Skip
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clampCursor()
}

func (m *Model) clampCursor() {
	m.cursor = max(0, min(m.cursor, len(m.results)-1))
	rows := m.rows()
	if rows <= 0 {
		return
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = max(0, min(m.offset, len(m.results)-rows))
}
