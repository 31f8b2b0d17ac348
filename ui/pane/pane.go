// Package pane is one file list: a folder of any session.FS, with a
// cursor, marks, sorting, a fuzzy filter and a spinner while it loads. It
// never knows whether it shows the local disk or a server.
package pane

import (
	"context"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

// ID names a pane so that results reach the pane that asked.
type ID int

// The two panes.
const (
	Left ID = iota
	Right
)

func (id ID) String() string {
	if id == Right {
		return "right"
	}
	return "left"
}

// ListedMsg is a folder listing for one pane (a result addressed to one
// instance): routed by Pane, and dropped when Seq is not the pane's latest
// request, so a late listing for a folder the user already left never shows.
type ListedMsg struct {
	Pane    ID
	Seq     int
	Listing session.Listing
	Err     error
	Select  string // entry to put the cursor on; "" for the remembered one
	Reload  bool   // same folder again: keep marks and filter
}

// Model is one pane.
type Model struct {
	id     ID
	fs     session.FS
	keys   keymap.KeyMap
	styles styles.Styles

	dir     string
	entries []session.Entry
	names   []string // entry names, for the filter
	lower   []string // lower-case names, for sorting
	sorted  []int    // indices into entries, hidden files out, sorted
	view    []int    // indices into entries, as shown (sorted, filtered)
	cursor  int
	offset  int

	marked     map[string]bool
	markedSize int64
	sort       SortKey
	reverse    bool
	hidden     bool
	filter     filterState

	remember map[string]string // folder -> name under the cursor when left
	seq      int
	loading  bool
	listErr  string // why the last listing failed: shown instead of "empty folder"
	spin     spinner.Model
	width    int
	height   int
	active   bool
	still    bool // no spinner animation (tests)
}

// New makes a pane on fs; call Load to read its first folder.
func New(id ID, fs session.FS, keys keymap.KeyMap, st styles.Styles) Model {
	return Model{id: id, fs: fs, keys: keys, styles: st, marked: map[string]bool{},
		remember: map[string]string{}, spin: spinner.New(spinner.WithSpinner(spinner.Line))}
}

// ID is the pane's identity.
func (m Model) ID() ID { return m.id }

// FS is what the pane shows; nil when disconnected.
func (m Model) FS() session.FS { return m.fs }

// Dir is the folder shown.
func (m Model) Dir() string { return m.dir }

// Loading reports whether a listing is in flight.
func (m Model) Loading() bool { return m.loading }

// SetSize gives the pane its width and height in cells, title included.
// A terminal narrower than the layout gives a negative width: it counts
// as zero, so the pane draws nothing rather than panic.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clampOffset()
}

// SetActive says whether the pane has the focus.
func (m *Model) SetActive(a bool) { m.active = a }

// SetStill stops the spinner's animation: tests then see no timer ticks.
func (m *Model) SetStill(still bool) { m.still = still }

func (m Model) spinTick() tea.Cmd {
	if m.still {
		return nil
	}
	return m.spin.Tick
}

// SetStyles changes the looks (light/dark background found out late).
func (m *Model) SetStyles(st styles.Styles) { m.styles = st }

// SetFS replaces what the pane shows (connect, disconnect); the listing is
// emptied until the next Load.
func (m *Model) SetFS(fs session.FS) {
	m.fs = fs
	m.dir, m.entries, m.lower, m.view = "", nil, nil, nil
	m.clearMarks()
	m.filter = filterState{}
	m.remember = map[string]string{}
	m.seq++
	m.loading = false
}

// Load reads dir (its canonical form, after Chdir) and puts the cursor on
// sel, or on the entry remembered for that folder when sel is "".
func (m *Model) Load(dir, sel string) tea.Cmd {
	if m.fs == nil {
		return nil
	}
	if m.dir != "" && m.dir != dir {
		m.rememberCursor()
	}
	return m.request(dir, sel, false)
}

// Reload reads the folder again, keeping the cursor, marks and filter.
func (m *Model) Reload() tea.Cmd {
	if m.fs == nil || m.dir == "" {
		return nil
	}
	sel := ""
	if e, ok := m.Current(); ok {
		sel = e.Name
	}
	return m.request(m.dir, sel, true)
}

// LoadHome reads the FS's home folder.
func (m *Model) LoadHome() tea.Cmd {
	if m.fs == nil {
		return nil
	}
	m.rememberCursor()
	m.seq++
	m.loading = true
	id, seq, fsys := m.id, m.seq, m.fs
	return tea.Batch(m.spinTick(), func() tea.Msg {
		ctx := context.Background()
		home, err := fsys.Home(ctx)
		if err != nil {
			return ListedMsg{Pane: id, Seq: seq, Err: err}
		}
		return listCmd(fsys, id, seq, home, "", false, true)()
	})
}

func (m *Model) request(dir, sel string, reload bool) tea.Cmd {
	m.seq++
	m.loading = true
	return tea.Batch(m.spinTick(), listCmd(m.fs, m.id, m.seq, dir, sel, reload, dir != m.dir))
}

// listCmd enters dir (when chdir) and lists it, off the UI goroutine. It
// captures values only, never the model.
func listCmd(fsys session.FS, id ID, seq int, dir, sel string, reload, chdir bool) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		if chdir {
			d, err := fsys.Chdir(ctx, dir)
			if err != nil {
				return ListedMsg{Pane: id, Seq: seq, Err: err}
			}
			dir = d
		}
		l, err := fsys.List(ctx, dir)
		if l.Dir == "" {
			l.Dir = dir
		}
		return ListedMsg{Pane: id, Seq: seq, Listing: l, Err: err, Select: sel, Reload: reload}
	}
}

func (m *Model) rememberCursor() {
	if e, ok := m.Current(); ok && m.dir != "" {
		m.remember[m.dir] = e.Name
	}
}

// Current is the entry under the cursor.
func (m Model) Current() (session.Entry, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) {
		return session.Entry{}, false
	}
	return m.entries[m.view[m.cursor]], true
}

// Path joins a name to the pane's folder.
func (m Model) Path(name string) string { return m.fs.Join(m.dir, name) }

// Selection is what an operation acts on: the marked entries, or else the
// one under the cursor.
func (m Model) Selection() []session.Entry {
	if len(m.marked) == 0 {
		if e, ok := m.Current(); ok {
			return []session.Entry{e}
		}
		return nil
	}
	var out []session.Entry
	for _, e := range m.entries {
		if m.marked[e.Name] {
			out = append(out, e)
		}
	}
	return out
}

// Marked is the number and total size of marked entries.
func (m Model) Marked() (int, int64) { return len(m.marked), m.markedSize }

// Len is the number of entries shown (after hidden files and the filter).
func (m Model) Len() int { return len(m.view) }

// Total is the number of entries in the folder.
func (m Model) Total() int { return len(m.entries) }

// Filter is the filter text and whether it is being typed.
func (m Model) Filter() (string, bool) { return m.filter.text, m.filter.typing }

// Sort is the sort order shown in the title.
func (m Model) Sort() (SortKey, bool) { return m.sort, m.reverse }
