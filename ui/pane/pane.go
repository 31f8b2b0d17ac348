// Package pane is one file list: a folder of any session.FS, with a
// cursor, marks, sorting, a fuzzy filter and a spinner while it loads. It
// never knows whether it shows the local disk or a server.
package pane

import (
	"context"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	dircmp "github.com/ftpane/ftpane/ui/compare"
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
	Pane ID
	Seq  int
	// Listing is the folder's path and warnings; its Entries are empty when
	// the pane's own command read the folder (they are in table then).
	Listing session.Listing
	Err     error
	Select  string // entry to put the cursor on; "": see Load
	Reload  bool   // same folder again: keep marks and filter
	// Sample is the listing's first few files as they came, before the
	// pane's shape (the root learns the server's time zone from them).
	Sample []session.Entry
	table  *table
}

// Model is one pane.
type Model struct {
	id     ID
	fs     session.FS
	keys   keymap.KeyMap
	styles styles.Styles

	dir    string
	tab    *table
	sorted []int // indices into tab, hidden files out, sorted
	view   []int // indices into tab, as shown (sorted, filtered)
	cursor int
	offset int
	limit  int // entries a listing may bring (browse.max_entries)
	shape  func(session.Entry) session.Entry
	cmp    map[string]dircmp.Result // a comparison's results (compare.go); nil: none

	marks      []uint64 // a bit per entry of tab
	nMarked    int
	markedSize int64
	sort       SortKey
	reverse    bool
	hidden     bool
	filter     filterState
	cols       Columns
	local      bool // fs is the local disk: the local columns

	seq     int
	loading bool
	listErr string // why the last listing failed: shown instead of "empty folder"
	spin    spinner.Model
	width   int
	height  int
	active  bool
	still   bool // no spinner animation (tests)

	last click            // the last click on a row, for double clicks
	now  func() time.Time // the clock that times them; nil: time.Now
}

// New makes a pane on fs; call Load to read its first folder.
func New(id ID, fs session.FS, keys keymap.KeyMap, st styles.Styles) Model {
	return Model{id: id, fs: fs, keys: keys, styles: st, tab: emptyTable, limit: DefaultMaxEntries,
		cols: DefaultColumns(), local: isLocal(fs), spin: spinner.New(spinner.WithSpinner(spinner.Line))}
}

// SetShape rewrites each entry of the next listings as it arrives (the
// root gives a server's entries true local times); nil: none.
func (m *Model) SetShape(f func(session.Entry) session.Entry) { m.shape = f }

func (m Model) reading() reading { return reading{limit: m.limit, shape: m.shape} }

// SetMaxEntries limits how many entries of a folder the pane keeps (from
// the next listing on); the rest are not read, and the pane says so.
func (m *Model) SetMaxEntries(n int) {
	if n <= 0 {
		n = DefaultMaxEntries
	}
	m.limit = n
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
	m.fs, m.local = fs, isLocal(fs)
	m.dir, m.tab, m.sorted, m.view = "", emptyTable, nil, nil
	m.clearMarks()
	m.filter = filterState{}
	m.seq++
	m.loading = false
}

// Load reads dir (its canonical form, after Chdir) and puts the cursor on
// sel. Without sel, as in mc: a folder entered shows its first row, and
// going up (by any way: "..", the parent key, cd ..) lands on the folder
// left.
func (m *Model) Load(dir, sel string) tea.Cmd {
	if m.fs == nil {
		return nil
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
	m.seq++
	m.loading = true
	id, seq, fsys, rd := m.id, m.seq, m.fs, m.reading()
	return tea.Batch(m.spinTick(), func() tea.Msg {
		ctx := context.Background()
		home, err := fsys.Home(ctx)
		if err != nil {
			return ListedMsg{Pane: id, Seq: seq, Err: err}
		}
		return listCmd(fsys, id, seq, home, "", false, true, rd)()
	})
}

func (m *Model) request(dir, sel string, reload bool) tea.Cmd {
	m.seq++
	m.loading = true
	return tea.Batch(m.spinTick(), listCmd(m.fs, m.id, m.seq, dir, sel, reload, dir != m.dir, m.reading()))
}

// Current is the entry under the cursor; none on the ".." row, which no
// operation acts on (AtParent tells it).
func (m Model) Current() (session.Entry, bool) {
	if m.cursor < 0 || m.cursor >= len(m.view) || m.view[m.cursor] == upRow {
		return session.Entry{}, false
	}
	return m.tab.entry(m.view[m.cursor]), true
}

// Path joins a name to the pane's folder.
func (m Model) Path(name string) string { return m.fs.Join(m.dir, name) }

// Selection is what an operation acts on: the marked entries (in listing
// order), or else the one under the cursor. The entries are built from
// the pane's compact table, Raw left out (see table.entry).
func (m Model) Selection() []session.Entry {
	if m.nMarked == 0 {
		if e, ok := m.Current(); ok {
			return []session.Entry{e}
		}
		return nil
	}
	out := make([]session.Entry, 0, m.nMarked)
	m.eachMarked(func(i int) { out = append(out, m.tab.entry(i)) })
	return out
}

// Marked is the number and total size of marked entries.
func (m Model) Marked() (int, int64) { return m.nMarked, m.markedSize }

// Len is the number of entries shown (after hidden files and the filter),
// the ".." row not counted.
func (m Model) Len() int {
	if m.hasUp() {
		return len(m.view) - 1
	}
	return len(m.view)
}

// Total is the number of entries in the folder (at most the limit).
func (m Model) Total() int { return m.tab.len() }

// Cut reports whether the folder has more entries than the pane's limit
// let in.
func (m Model) Cut() bool { return m.tab.cut }

// Filter is the filter text and whether it is being typed.
func (m Model) Filter() (string, bool) { return m.filter.text, m.filter.typing }

// Sort is the sort order shown in the title.
func (m Model) Sort() (SortKey, bool) { return m.sort, m.reverse }
