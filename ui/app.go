// Package ui is ftpane's terminal interface: the root model that owns the
// layout, the focus and the dialogs, around two panes (ui/pane), a log
// (ui/logview), a pager (ui/viewer) and dialogs (ui/dialog).
package ui

import (
	"io"
	"os"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/dialog"
	"github.com/ftpane/ftpane/ui/find"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/queue"
	"github.com/ftpane/ftpane/ui/shell"
	"github.com/ftpane/ftpane/ui/styles"
	"github.com/ftpane/ftpane/ui/viewer"
)

// Options is what the command line hands the UI.
type Options struct {
	Keys   keymap.KeyMap
	Local  session.FS       // left pane; session.Local{} by default
	Remote *session.Config  // right pane; nil: start with the connect dialog
	Note   string           // shown once in the status line (why ~/.netrc was skipped)
	Dial   session.DialFunc // session.DialFS by default, a fake in tests
	Editor string           // $VISUAL or $EDITOR; "vi" when empty
	// NoColor turns colour off (NO_COLOR); Dark picks the theme's dark
	// values until the terminal says which background it has.
	NoColor, Dark bool
	// KeysError is shown at start when the user's keys.toml was refused.
	KeysError error
	// ShowLog opens the log pane at start (-v, -d).
	ShowLog bool
	// Still turns animations off (tests).
	Still bool
	// ShellDial connects the ":" line's interpreter (nil: session.Dial);
	// HistoryPath keeps its history ("": none).
	ShellDial   session.RemoteDialFunc
	HistoryPath string
	// Queue runs the transfers; nil: an in-memory queue without a journal
	// over Local and Dial (tests).
	Queue *transfer.Queue
	// Sites is the site manager (ui/sites.go); its zero value turns it off.
	Sites SiteOptions
	// Notify announces the end of a long batch of transfers (notify.go).
	Notify NotifyOptions
	// Theme names the colour theme (theme.go; "" : auto); Themes are the
	// user's own, from the config folder.
	Theme  string
	Themes map[string]styles.Theme
	// MaxEntries is how many entries of a folder a pane keeps
	// (browse.max_entries); 0: pane.DefaultMaxEntries.
	MaxEntries int
	// Columns are the panes' columns (ui.local_columns, ui.remote_columns);
	// empty sets: pane.DefaultColumns.
	Columns pane.Columns
	// Watch configures the folder watch (watch.go).
	Watch WatchOptions
}

// Focus is which part of the screen takes keys.
type Focus int

// Focus targets.
const (
	FocusLeft Focus = iota
	FocusRight
)

// Sub is a pane below the two file panes that can take the focus.
type Sub int

// The sub panes; SubNone: a file pane has the focus.
const (
	SubNone Sub = iota
	SubQueue
	SubLog
)

func (f Focus) String() string {
	if f == FocusRight {
		return "right"
	}
	return "left"
}

// Model is the root of the TUI.
type Model struct {
	opts   Options
	keys   keymap.KeyMap
	styles styles.Styles
	panes  [2]pane.Model
	focus  Focus
	log    logview.Model
	help   help.Model
	sink   *sink

	form     *dialog.Form
	answer   answer // what the open dialog's answer does (dialogs.go)
	dialogs  int    // dialogs opened: the last one's ID
	view     *viewer.Model
	showHelp bool
	showLog  bool
	status   status

	q          *transfer.Queue
	queue      queue.Model
	showQueue  bool
	sub        Sub  // the queue or the log has the focus instead of a pane
	queueSeen  bool // the pane was shown once by itself
	resumeHint bool // jobs of a previous run wait: say so after connecting

	cmd    cmdLine
	sh     *shell.Shell
	site   siteState   // the site manager (sites.go)
	look   look        // the colour theme (theme.go)
	notify notifyState // the batch under way (notify.go)
	search *find.Model // the search (find.go); nil: none
	watch  watchState  // the folder watched (watch.go)

	cmp compareState // compare, the sync preview (compare.go, syncview.go)

	initCmds []tea.Cmd
	links    [2]link // each pane's server, if any
	width    int
	height   int
}

type status struct {
	text string
	err  bool
	seq  int // bumped by every message; an expiry for an older one does nothing
}

// New builds the root model; Init starts the listings and the connection.
func New(o Options) Model {
	if o.Local == nil {
		o.Local = session.Local{}
	}
	if o.Dial == nil {
		o.Dial = session.DialFS
	}
	if o.Editor == "" {
		o.Editor = "vi"
	}
	look := newLook(o)
	st := look.styles(o.NoColor)
	m := Model{opts: o, keys: o.Keys, styles: st, help: help.New(), sink: newSink(o.Still), width: 80, height: 24,
		look: look}
	m.panes[0] = pane.New(pane.Left, o.Local, o.Keys, st)
	m.panes[1] = pane.New(pane.Right, nil, o.Keys, st)
	for i := range m.panes {
		m.panes[i].SetStill(o.Still)
		m.panes[i].SetMaxEntries(o.MaxEntries)
		m.panes[i].SetColumns(o.Columns)
	}
	m.log = logview.New(st)
	m.q = o.Queue
	if m.q == nil {
		m.q, _ = transfer.New(transfer.Options{NoJournal: true, Local: o.Local, Dial: o.Dial})
	}
	m.queue = queue.New(o.Keys, st)
	m.cmd.input = newInput()
	m.sh = newShell(o, m.sink, m.q)
	m.initSites() // sites.go: open @name, the theme command
	// watch.go: the watch command's screen
	m.sh.SetWatcher(lineWatcher{m.sink})
	m.queue.SetJobs(m.q.Snapshot())
	m.queue.SetLimit(m.q.Rate()) // config.toml's rate_limit
	m.links[1].cfg = o.Remote
	m.showLog = o.ShowLog
	m.setFocus(FocusLeft)
	m.applyStyles()
	if o.Note != "" {
		m.setStatus(o.Note, false)
	}
	if note := restoredNote(m.queue.Jobs()); note != "" {
		m.setStatus(note, false)
		m.showQueue, m.queueSeen, m.resumeHint = true, true, true
	}
	if o.KeysError != nil {
		m.setStatus(o.KeysError.Error(), true)
	}
	m.layout()
	m.initCmds = []tea.Cmd{tea.RequestBackgroundColor, m.sink.listen(), m.panes[0].LoadHome(), m.startConnect(),
		m.listenQueue(), m.expireCmd(), loadHistoryCmd(o.HistoryPath)}
	return m
}

// Init lists the local folder and connects (or asks how to): the commands
// New prepared, since Init cannot change the model.
func (m Model) Init() tea.Cmd { return tea.Batch(m.initCmds...) }

// Run runs the TUI on the given terminal streams (nil: the process's own)
// until the user quits.
func Run(m Model, in io.Reader, out io.Writer) error {
	var opts []tea.ProgramOption
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	if out != nil {
		opts = append(opts, tea.WithOutput(out))
	}
	_, err := tea.NewProgram(m, opts...).Run()
	return err
}

// NoColorEnv reports whether NO_COLOR asks for no colour.
func NoColorEnv() bool { return os.Getenv("NO_COLOR") != "" }

func (m *Model) setStatus(text string, isErr bool) {
	text = session.RedactURLs(text) // an error may quote a URL the user typed
	m.status = status{text: text, err: isErr, seq: m.status.seq + 1}
	if isErr {
		m.log.Add(logview.Error, text)
	}
}

func (m *Model) setFocus(f Focus) {
	m.focus = f
	m.panes[0].SetActive(f == FocusLeft)
	m.panes[1].SetActive(f == FocusRight)
}

func (m *Model) active() *pane.Model { return &m.panes[m.focus] }

func (m *Model) applyStyles() {
	m.panes[0].SetStyles(m.styles)
	m.panes[1].SetStyles(m.styles)
	m.log.SetStyles(m.styles)
	m.queue.SetStyles(m.styles)
	m.help.Styles.ShortKey = m.styles.Help.Key
	m.help.Styles.ShortDesc = m.styles.Help.Desc
	m.help.Styles.ShortSeparator = m.styles.Help.Sep
	m.help.Styles.FullKey = m.styles.Help.Key
	m.help.Styles.FullDesc = m.styles.Help.Desc
	m.help.Styles.FullSeparator = m.styles.Help.Sep
	m.help.Styles.Ellipsis = m.styles.Help.Sep // bubbles' default is a fixed grey, even under NO_COLOR
	m.layoutFind()
}
