// Package find is the TUI's search: the find dialog, and the results of a
// walk (session/walk) as a list to jump to, or to mark and copy to the
// other pane. The root (ui/find.go) hands it the side to search, routes
// the walk's batches to it, and turns what it asks for (JumpMsg, CopyMsg)
// into a pane load and a transfer: this model does no I/O of its own
// beyond starting the walk in a command.
package find

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/walk"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/styles"
)

// Source is the side a search runs on: a pane's filesystem and folder.
type Source struct {
	Pane  int
	FS    session.FS
	Local bool // paths in the operating system's syntax
	Label string
	Dir   string // the pane's folder: where the search starts unless told
	// Dial opens connections of the search's own (Conns of them), so the
	// pane's stays free; nil: Workers listings at once on FS.
	Dial    func(context.Context) (session.FS, error)
	Conns   int
	Workers int
}

// Target is the other pane's folder, where F5 copies to ("" : none).
type Target struct {
	Label, Dir string
}

// token tells one search's start apart from another's (a byte, so that
// two tokens never share an address).
type token struct{ _ byte }

// StartedMsg is a walk that started (a result for the model that asked;
// one that asked for nothing since must cancel it: see Drop).
type StartedMsg struct {
	tok  *token
	walk *walk.Walk
}

// BatchMsg is one batch of a walk's results, or the end of its channel
// (Closed). It is addressed to the model running Walk; others drop it.
type BatchMsg struct {
	Walk   *walk.Walk
	Batch  walk.Batch
	Closed bool
}

// JumpMsg asks the root to show a result in its pane: the folder, with
// the cursor on the name (an intent for the root).
type JumpMsg struct {
	Pane      int
	FS        session.FS
	Dir, Name string
}

// CopyMsg asks the root to copy results to the other pane's folder Dir
// (an intent for the root). Flat puts every file straight into Dir;
// otherwise each keeps its path from the search's start folder.
type CopyMsg struct {
	Pane    int
	FS      session.FS
	Results []walk.Result
	Dir     string
	Flat    bool
	Policy  transfer.Policy
}

// Drop is what a message for a search that is gone needs: a walk that
// started after its model was closed is cancelled.
func Drop(msg tea.Msg) {
	if s, ok := msg.(StartedMsg); ok && s.walk != nil {
		s.walk.Cancel()
	}
}

type asking int

const (
	askNothing asking = iota
	askQuery
	askCopy
)

// Model is one search: its dialog, and its results once it runs.
type Model struct {
	src    Source
	keys   keymap.KeyMap
	styles styles.Styles
	width  int
	height int
	target Target

	form   *dialog.Form
	asking asking
	last   []string // the query dialog's values, for the next search
	query  query

	tok      *token
	walk     *walk.Walk
	started  bool // a search ran: the list means something
	running  bool
	stopped  bool // the user stopped it
	results  []walk.Result
	marked   []bool
	nMarked  int
	cursor   int
	offset   int
	current  string // the folder being listed
	folders  int
	failed   int // folders that could not be read
	hidden   bool
	closed   bool
	note     string // the last thing refused, under the title
	noteIsOK bool
}

// New opens the find dialog for src.
func New(src Source, keys keymap.KeyMap, st styles.Styles) Model {
	m := Model{src: src, keys: keys, styles: st, width: 80, height: 20}
	m.openQuery(defaultValues(src))
	return m
}

// SetSize is the room for the results: the screen between the header
// and the status line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	if m.form != nil {
		m.form.SetWidth(w)
	}
	m.clampCursor()
}

// SetStyles follows a theme change.
func (m *Model) SetStyles(st styles.Styles) { m.styles = st }

// SetTarget tells the model where a copy would go: the other pane.
func (m *Model) SetTarget(t Target) { m.target = t }

// Visible reports whether the search takes the keys and the screen.
func (m *Model) Visible() bool { return m != nil && !m.hidden && !m.closed }

// Closed reports whether the user closed the search (its walk is
// cancelled): the root drops the model.
func (m Model) Closed() bool { return m.closed }

// Show brings hidden results back (after a jump).
func (m *Model) Show() { m.hidden = false }

// Pane and FS say which side the search runs on.
func (m Model) Pane() int              { return m.src.Pane }
func (m Model) FS() session.FS         { return m.src.FS }
func (m Model) Running() bool          { return m.running }
func (m Model) Started() bool          { return m.started }
func (m Model) Results() int           { return len(m.results) }
func (m Model) Owns(w *walk.Walk) bool { return w != nil && w == m.walk }

// Close cancels the walk, if one runs, and marks the model closed.
func (m *Model) Close() {
	m.cancel()
	m.closed = true
}

func (m *Model) cancel() {
	m.tok = nil // a walk still starting is cancelled when it arrives
	if m.walk != nil && m.running {
		m.walk.Cancel()
	}
	m.running = false
}

// Update handles keys, and the walk's messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if m.form != nil {
			f, cmd := m.form.Update(msg)
			m.form = &f
			return m, cmd
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.form != nil {
			return m.handleFormKey(msg)
		}
		return m.handleKey(msg)
	case StartedMsg:
		if msg.tok == nil || msg.tok != m.tok {
			msg.walk.Cancel()
			return m, nil
		}
		m.walk = msg.walk
		return m, m.next()
	case BatchMsg:
		return m.handleBatch(msg)
	}
	return m, nil
}

// next reads the walk's next batch.
func (m Model) next() tea.Cmd {
	w := m.walk
	return func() tea.Msg {
		b, ok := <-w.C()
		return BatchMsg{Walk: w, Batch: b, Closed: !ok}
	}
}

func (m Model) handleBatch(msg BatchMsg) (Model, tea.Cmd) {
	if !m.Owns(msg.Walk) {
		return m, nil
	}
	if msg.Closed {
		m.running = false
		return m, nil
	}
	b := msg.Batch
	m.results = append(m.results, b.Found...)
	m.marked = append(m.marked, make([]bool, len(b.Found))...)
	if b.Current != "" {
		m.current = b.Current
	}
	m.folders = b.Folders
	m.failed += len(b.Errors)
	if b.Done {
		m.running = false
		return m, nil
	}
	if !m.running {
		return m, nil // stopped: the channel closes on its own
	}
	return m, m.next()
}
