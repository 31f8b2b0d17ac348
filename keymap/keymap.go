// Package keymap holds every key binding of the TUI as a bubbles
// key.Binding with its help text, grouped by context, and reads the user's
// overrides from a TOML file. The key map is a value handed to the UI; there
// is no package-level state.
package keymap

import "charm.land/bubbles/v2/key"

// Context is a set of bindings active at the same time: within one context
// a key may do only one thing.
type Context string

// The contexts: the two panes (and everything global), the file viewer,
// and dialogs.
const (
	Main   Context = "main"
	Viewer Context = "viewer"
	Dialog Context = "dialog"
	Queue  Context = "queue"
	Sites  Context = "sites"
	Find   Context = "find"
)

// Contexts lists every context, in the order of keys.toml's tables.
func Contexts() []Context { return []Context{Main, Viewer, Dialog, Queue, Sites, Find} }

// Action is one named binding: the name used in keys.toml, and the binding.
type Action struct {
	Name    string
	Group   string // heading in the full help
	Binding *key.Binding
}

// KeyMap is every binding of the TUI.
type KeyMap struct {
	// Moving around a pane.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Parent, Home, Switch, Reload      key.Binding
	// Marking.
	Mark, Invert, MarkGlob, UnmarkGlob, MarkAll key.Binding
	// Sorting, filtering, hidden files.
	Sort, Reverse, Hidden, Filter key.Binding
	// Operations on files.
	View, Edit, Rename, Mkdir, Delete, Chmod key.Binding
	// Transfers: copy or move to the other pane, the queue pane.
	Copy, Move, Queue, ResumeAll key.Binding
	// Watch uploads the changes in the local pane's folder (W again stops).
	Watch key.Binding
	// Comparing the two panes: compare, sync preview, synchronized browsing.
	Compare, Sync, SyncBrowse key.Binding
	// The connection and the program.
	Connect, Disconnect, ToggleType, TogglePassive, Fingerprint, Charset, Log, Command, Help, Quit key.Binding
	// Suspend stops the program to the shell (fg brings it back).
	Suspend key.Binding

	// The queue pane, when it has the focus.
	JobUp, JobDown, JobPause, JobPauseAll, JobCancel, JobRetry, JobEarlier, JobLater, JobClear, JobHash key.Binding
	// Bandwidth limits: all transfers together, the selected one's own.
	JobLimit, JobOwnLimit key.Binding

	// The viewer.
	ViewUp, ViewDown, ViewPageUp, ViewPageDown, ViewTop, ViewBottom, ViewClose key.Binding
	// The viewer's search (less and Midnight Commander keys), hex, wrap and
	// sideways scrolling.
	ViewSearch, ViewSearchBack, ViewNext, ViewPrev, ViewHex, ViewWrap, ViewLeft, ViewRight key.Binding

	// Dialogs.
	Confirm, Cancel, NextField, PrevField key.Binding

	// The site manager (typing filters, so actions avoid plain letters).
	SiteUp, SiteDown, SiteConnect, SiteNew, SiteEdit, SiteDuplicate, SiteDelete, SiteImport, SiteQuick, SiteClose key.Binding

	// Find: the search dialog (main context), and its results.
	Find                                                                      key.Binding
	FindUp, FindDown, FindPageUp, FindPageDown, FindTop, FindBottom, FindJump key.Binding
	FindMark, FindMarkAll, FindCopy, FindNew, FindStop, FindClose             key.Binding
}

func b(help string, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Default is the key map from shared/STYLE.md: Midnight Commander and vim
// together.
func Default() KeyMap {
	k := KeyMap{
		Up: b("↑/k", "up", "up", "k"), Down: b("↓/j", "down", "down", "j"),
		PageUp: b("pgup", "page up", "pgup", "ctrl+b"), PageDown: b("pgdn", "page down", "pgdown", "ctrl+f"),
		Top: b("home/g", "first", "home", "g"), Bottom: b("end/G", "last", "end", "G"),
		Open: b("enter/l", "open", "enter", "l", "right"), Parent: b("bksp/h", "up a folder", "backspace", "h", "left"),
		Home: b("~", "home folder", "~"), Switch: b("tab", "other pane", "tab"),
		Reload: b("r", "reload", "r", "ctrl+r"),

		Mark: b("space/ins", "mark", "space", "insert"), Invert: b("*", "invert marks", "*"),
		MarkGlob: b("+", "mark by pattern", "+"), UnmarkGlob: b("-", "unmark by pattern", "-"),
		MarkAll: b("ctrl+a", "mark all", "ctrl+a"),

		Sort: b("s", "sort name/size/time", "s"), Reverse: b("S", "reverse sort", "S"),
		Hidden: b(".", "hidden files", "."), Filter: b("/", "filter", "/"),

		View: b("F3", "view", "f3", "v"), Edit: b("F4", "edit", "f4", "e"),
		Rename: b("shift+F6", "rename", "shift+f6", "R"), Mkdir: b("F7", "mkdir", "f7", "M"),
		Delete: b("F8", "delete", "f8", "delete"), Chmod: b("m", "chmod", "m"),

		Copy: b("F5", "copy", "f5"), Move: b("F6", "move", "f6"),
		Watch: b("W", "watch folder: upload changes", "W"),
		Queue: b("t", "transfers", "t", "f9"), ResumeAll: b("A", "pause/resume all", "A"),
		Compare: b("=", "compare", "="), Sync: b("Y", "sync preview", "Y"), SyncBrowse: b("B", "sync browsing", "B"),

		Connect: b("c", "connect", "c"), Disconnect: b("D", "disconnect", "D"),
		ToggleType: b("T", "ascii/binary", "T"), TogglePassive: b("P", "passive/active", "P"),
		Fingerprint: b("F", "certificate", "F"), Charset: b("E", "name charset", "E"), Log: b("L", "log", "L", "f2"), Help: b("?", "help", "?", "f1"),
		Command: b(":", "command line", ":"), Quit: b("q", "quit", "q", "f10", "ctrl+c"),
		Suspend: b("ctrl+z", "suspend", "ctrl+z"),
	}
	k.viewerKeys()
	k.queueKeys()
	k.dialogKeys()
	k.siteKeys()
	k.findKeys()
	return k
}

// viewerKeys are the F3 viewer's.
func (k *KeyMap) viewerKeys() {
	k.ViewUp = b("↑/k", "up", "up", "k")
	k.ViewDown = b("↓/j", "down", "down", "j")
	k.ViewPageUp = b("pgup", "page up", "pgup", "b")
	k.ViewPageDown = b("pgdn/space", "page down", "pgdown", "space")
	k.ViewTop = b("g", "top", "home", "g")
	k.ViewBottom = b("G", "bottom", "end", "G")
	k.ViewClose = b("q/esc", "close", "q", "esc", "f3", "f10")

	k.ViewSearch = b("/", "search", "/", "f7")
	k.ViewSearchBack = b("?", "search back", "?")
	k.ViewNext = b("n", "next", "n")
	k.ViewPrev = b("N", "previous", "N")
	k.ViewHex = b("x/F4", "hex/text", "x", "f4")
	k.ViewWrap = b("w/F2", "wrap", "w", "f2")
	k.ViewLeft = b("←/h", "scroll left", "left", "h")
	k.ViewRight = b("→/l", "scroll right", "right", "l")
}

// queueKeys are the queue pane's.
func (k *KeyMap) queueKeys() {
	k.JobUp = b("↑/k", "up", "up", "k")
	k.JobDown = b("↓/j", "down", "down", "j")
	k.JobPause = b("p/space", "pause/resume", "p", "space")
	k.JobPauseAll = b("a", "pause/resume all", "a")
	k.JobCancel = b("x/del", "cancel", "x", "delete", "f8")
	k.JobRetry = b("r", "retry", "r")
	k.JobEarlier = b("K", "move up", "K", "shift+up")
	k.JobLater = b("J", "move down", "J", "shift+down")
	k.JobClear = b("C", "clear finished", "C")
	k.JobHash = b("#", "hash marks/bar", "#")
	k.JobLimit = b("b", "bandwidth limit", "b")
	k.JobOwnLimit = b("B", "limit of this transfer", "B")
}

// dialogKeys are every dialog's.
func (k *KeyMap) dialogKeys() {
	k.Confirm = b("enter", "ok", "enter")
	k.Cancel = b("esc", "cancel", "esc")
	k.NextField = b("tab", "next field", "tab", "down")
	k.PrevField = b("shift+tab", "previous field", "shift+tab", "up")
}

// siteKeys are the site manager's (typing filters, so they avoid plain
// letters).
func (k *KeyMap) siteKeys() {
	k.SiteUp = b("↑", "up", "up", "ctrl+p")
	k.SiteDown = b("↓", "down", "down", "ctrl+n")
	k.SiteConnect = b("enter", "connect", "enter")
	k.SiteNew = b("F7", "new site", "f7", "ctrl+a")
	k.SiteEdit = b("F4", "edit", "f4", "ctrl+e")
	k.SiteDuplicate = b("F5", "duplicate", "f5", "ctrl+d")
	k.SiteDelete = b("F8", "delete", "f8", "delete")
	k.SiteImport = b("F2", "import", "f2", "ctrl+o")
	k.SiteQuick = b("F9", "other server", "f9", "ctrl+k")
	k.SiteClose = b("esc", "close", "esc", "f10")
}

// findKeys are find's: its key in the panes, and its results list's.
func (k *KeyMap) findKeys() {
	k.Find = b("f", "find", "f", "alt+?")
	k.FindUp = b("↑/k", "up", "up", "k")
	k.FindDown = b("↓/j", "down", "down", "j")
	k.FindPageUp = b("pgup", "page up", "pgup", "ctrl+b")
	k.FindPageDown = b("pgdn", "page down", "pgdown", "ctrl+f")
	k.FindTop = b("home/g", "first", "home", "g")
	k.FindBottom = b("end/G", "last", "end", "G")
	k.FindJump = b("enter", "go to", "enter")
	k.FindMark = b("space/ins", "mark", "space", "insert")
	k.FindMarkAll = b("ctrl+a", "mark all/none", "ctrl+a", "*")
	k.FindCopy = b("F5/c", "copy marked", "f5", "c")
	k.FindNew = b("f", "new search", "f", "alt+?")
	k.FindStop = b("esc", "stop/close", "esc")
	k.FindClose = b("q", "close", "q", "f10")
}

// Actions lists every binding of a context with its name in keys.toml.
func (k *KeyMap) Actions(c Context) []Action {
	switch c {
	case Viewer:
		return []Action{{"up", "viewer", &k.ViewUp}, {"down", "viewer", &k.ViewDown},
			{"page_up", "viewer", &k.ViewPageUp}, {"page_down", "viewer", &k.ViewPageDown},
			{"top", "viewer", &k.ViewTop}, {"bottom", "viewer", &k.ViewBottom}, {"close", "viewer", &k.ViewClose},
			{"search", "viewer", &k.ViewSearch}, {"search_back", "viewer", &k.ViewSearchBack},
			{"next", "viewer", &k.ViewNext}, {"previous", "viewer", &k.ViewPrev},
			{"hex", "viewer", &k.ViewHex}, {"wrap", "viewer", &k.ViewWrap},
			{"left", "viewer", &k.ViewLeft}, {"right", "viewer", &k.ViewRight}}
	case Dialog:
		return []Action{{"confirm", "dialog", &k.Confirm}, {"cancel", "dialog", &k.Cancel},
			{"next_field", "dialog", &k.NextField}, {"prev_field", "dialog", &k.PrevField}}
	case Sites:
		return []Action{{"up", "sites", &k.SiteUp}, {"down", "sites", &k.SiteDown},
			{"connect", "sites", &k.SiteConnect}, {"new", "sites", &k.SiteNew}, {"edit", "sites", &k.SiteEdit},
			{"duplicate", "sites", &k.SiteDuplicate}, {"delete", "sites", &k.SiteDelete},
			{"import", "sites", &k.SiteImport}, {"quick", "sites", &k.SiteQuick}, {"close", "sites", &k.SiteClose}}
	case Find:
		return []Action{{"up", "find", &k.FindUp}, {"down", "find", &k.FindDown},
			{"page_up", "find", &k.FindPageUp}, {"page_down", "find", &k.FindPageDown},
			{"top", "find", &k.FindTop}, {"bottom", "find", &k.FindBottom}, {"jump", "find", &k.FindJump},
			{"mark", "find", &k.FindMark}, {"mark_all", "find", &k.FindMarkAll}, {"copy", "find", &k.FindCopy},
			{"new", "find", &k.FindNew}, {"stop", "find", &k.FindStop}, {"close", "find", &k.FindClose}}
	case Queue:
		return []Action{{"up", "queue", &k.JobUp}, {"down", "queue", &k.JobDown},
			{"pause", "queue", &k.JobPause}, {"pause_all", "queue", &k.JobPauseAll},
			{"cancel", "queue", &k.JobCancel}, {"retry", "queue", &k.JobRetry},
			{"earlier", "queue", &k.JobEarlier}, {"later", "queue", &k.JobLater},
			{"clear", "queue", &k.JobClear}, {"hash", "queue", &k.JobHash},
			{"limit", "queue", &k.JobLimit}, {"own_limit", "queue", &k.JobOwnLimit}}
	}
	return []Action{
		{"up", "move", &k.Up}, {"down", "move", &k.Down}, {"page_up", "move", &k.PageUp},
		{"page_down", "move", &k.PageDown}, {"top", "move", &k.Top}, {"bottom", "move", &k.Bottom},
		{"open", "move", &k.Open}, {"parent", "move", &k.Parent}, {"home", "move", &k.Home},
		{"switch", "move", &k.Switch}, {"reload", "move", &k.Reload},
		{"mark", "mark", &k.Mark}, {"invert", "mark", &k.Invert}, {"mark_glob", "mark", &k.MarkGlob},
		{"unmark_glob", "mark", &k.UnmarkGlob}, {"mark_all", "mark", &k.MarkAll},
		{"compare", "compare", &k.Compare}, {"sync", "compare", &k.Sync}, {"sync_browse", "compare", &k.SyncBrowse},
		{"sort", "show", &k.Sort}, {"reverse", "show", &k.Reverse}, {"hidden", "show", &k.Hidden},
		{"filter", "show", &k.Filter}, {"queue", "show", &k.Queue}, {"resume_all", "show", &k.ResumeAll},
		{"find", "show", &k.Find},
		{"view", "files", &k.View}, {"edit", "files", &k.Edit}, {"rename", "files", &k.Rename},
		{"mkdir", "files", &k.Mkdir}, {"delete", "files", &k.Delete}, {"chmod", "files", &k.Chmod},
		{"copy", "files", &k.Copy}, {"move", "files", &k.Move},
		{"watch", "files", &k.Watch},
		{"connect", "program", &k.Connect}, {"disconnect", "program", &k.Disconnect},
		{"toggle_type", "program", &k.ToggleType}, {"toggle_passive", "program", &k.TogglePassive},
		{"fingerprint", "program", &k.Fingerprint}, {"charset", "program", &k.Charset},
		{"log", "program", &k.Log}, {"command", "program", &k.Command}, {"help", "program", &k.Help}, {"quit", "program", &k.Quit},
		{"suspend", "terminal", &k.Suspend}, // the ? screen says it in its last line
	}
}

// Group is a titled set of bindings for the full help.
type Group struct {
	Title    string
	Bindings []key.Binding
}

// GroupTitle is the heading of an action's group in the full help.
func GroupTitle(group string) string {
	titles := map[string]string{"move": "Move", "mark": "Mark", "show": "Show", "files": "Files",
		"transfers": "Transfers", "program": "Program", "queue": "Queue pane", "compare": "Compare",
		"terminal": "Terminal"}
	return titles[group]
}

// Groups is the `?` screen: the main context's bindings, grouped.
func (k KeyMap) Groups() []Group {
	var groups []Group
	for _, a := range k.Actions(Main) {
		if len(groups) == 0 || groups[len(groups)-1].Title != GroupTitle(a.Group) {
			groups = append(groups, Group{Title: GroupTitle(a.Group)})
		}
		g := &groups[len(groups)-1]
		g.Bindings = append(g.Bindings, *a.Binding)
	}
	return groups
}
