package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/transfer/watch"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/pane"
)

// WatchOptions configure the folder watch (W, :watch): config.toml's
// [watch] table.
type WatchOptions struct {
	// Quiet is how long a changed file must be left alone before it is
	// uploaded (0: watch.DefaultQuiet).
	Quiet time.Duration
	// Delete deletes on the server what is deleted in the local folder
	// (:watch --delete turns it on for one watch).
	Delete bool
	// Clock is the quiet period's time (nil: the real one; tests).
	Clock transfer.Clock
}

// watchState is the local folder whose changes are uploaded to a server
// pane's folder, if any: one at a time.
type watchState struct {
	w        *watch.Watcher
	starting bool
	seq      int        // bumped by every start and stop: older reports are dropped
	pane     int        // the server pane the uploads go to
	fs       session.FS // its connection when the watch started: another one ends the watch
	dir      string     // the local folder
	target   string     // "user@host:port:/dir"
	delete   bool
	reply    chan watchReply // the ":" line's watch command, waiting for the start
	// ended is what a disconnection stopped, said again when the
	// disconnection's own status line comes.
	ended string
}

func (s watchState) on() bool { return s.w != nil || s.starting }

// what names the watch: "DIR → SERVER:/dir".
func (s watchState) what() string { return s.dir + " → " + s.target }

// Messages of the watch, all results for the root.
type (
	// watchStartedMsg ends the start of watch seq.
	watchStartedMsg struct {
		seq int
		w   *watch.Watcher
		err error
	}
	// watchReportMsg is what watch seq did; it comes through the sink,
	// whose listener its handler re-arms.
	watchReportMsg struct {
		seq int
		r   watch.Report
	}
	// watchLineMsg is the ":" line's watch command (through the sink):
	// op is "start", "stop" or "show"; reply answers it.
	watchLineMsg struct {
		op    string
		dir   string
		del   bool
		reply chan watchReply
	}
)

type watchReply struct {
	text string
	err  error
}

func (m Model) handleWatchMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case watchStartedMsg:
		return m, m.handleWatchStarted(msg), true
	case watchReportMsg:
		m.handleWatchReport(msg)
		return m, m.sink.listen(), true
	case watchLineMsg:
		return m, tea.Batch(m.handleWatchLine(msg), m.sink.listen()), true
	}
	return m, nil, false
}

// localPane reports whether pane i shows the local disk.
func (m Model) localPane(i int) bool {
	return m.panes[i].FS() != nil && m.endpoint(i).IsLocal()
}

// noWatch is why W does nothing now: it starts a watch in the local
// pane when the other pane shows a server, and stops one from either.
func (m *Model) noWatch() string {
	switch o := 1 - int(m.focus); {
	case m.watch.on():
		return ""
	case !m.localPane(int(m.focus)):
		return "W watches the local pane's folder: press it there"
	case m.links[o].fs == nil || m.panes[o].FS() != m.links[o].fs:
		return "the other pane is not a server, so there is nowhere to upload to: connect it first (c)"
	}
	return ""
}

// toggleWatch is W: start watching the local pane's folder to the other
// pane's server folder, or stop.
func (m *Model) toggleWatch() tea.Cmd {
	if m.watch.on() {
		return m.stopWatch("stopped watching " + m.watch.what())
	}
	i := int(m.focus)
	return m.startWatch(i, m.panes[i].Dir(), m.opts.Watch.Delete, nil)
}

// startWatch watches dir (in local pane i) to the other pane's folder,
// which must be on a server. reply, when set, is the ":" line waiting.
func (m *Model) startWatch(i int, dir string, del bool, reply chan watchReply) tea.Cmd {
	o := 1 - i
	l := m.links[o]
	why := ""
	switch {
	case l.fs == nil || m.panes[o].FS() != l.fs:
		why = "watch: the other pane is not a server, so there is nowhere to upload to: connect it first (c)"
	case m.panes[o].Dir() == "" || m.panes[o].Loading():
		why = "watch: the server pane is still opening its folder: try again in a moment"
	case dir == "":
		why = "watch: the local pane has no folder open"
	}
	if why != "" {
		m.setStatus(why, true)
		answerWatch(reply, watchReply{err: errors.New(why)})
		return nil
	}
	seq := m.watch.seq + 1
	rdir := m.panes[o].Dir()
	m.watch = watchState{starting: true, seq: seq, pane: o, fs: l.fs, dir: dir, target: l.fs.Label() + ":" + rdir,
		delete: del, reply: reply}
	s := m.sink
	opts := watch.Options{Root: dir, Queue: m.q, Quiet: m.opts.Watch.Quiet, Delete: del, Clock: m.opts.Watch.Clock,
		Target: watch.Target{Dst: m.endpoint(o), Dir: rdir, FS: l.fs, Type: m.jobType(i, o)},
		Report: func(r watch.Report) { s.send(watchReportMsg{seq, r}) }}
	m.setStatus("starting to watch "+dir+"…", false)
	return func() tea.Msg {
		w, err := watch.Start(opts)
		return watchStartedMsg{seq: seq, w: w, err: err}
	}
}

func answerWatch(reply chan watchReply, r watchReply) {
	if reply != nil {
		reply <- r // buffered: the line may have given up
	}
}

func (m *Model) handleWatchStarted(msg watchStartedMsg) tea.Cmd {
	if msg.seq != m.watch.seq || !m.watch.starting { // stopped meanwhile
		return stopCmd(msg.w)
	}
	reply := m.watch.reply
	m.watch.starting, m.watch.reply = false, nil
	if msg.err != nil {
		m.watch = watchState{seq: m.watch.seq + 1}
		m.setStatus(msg.err.Error(), true)
		answerWatch(reply, watchReply{err: msg.err})
		return nil
	}
	m.watch.w = msg.w
	text := "watching " + m.watch.what() + ": changed files are uploaded"
	if m.watch.delete {
		text += ", deleted ones deleted there"
	}
	m.setStatus(text, false)
	m.log.Add(logview.Info, text)
	answerWatch(reply, watchReply{text: m.watch.what()})
	return nil
}

// stopWatch ends the watch (jobs it queued run on) and says so.
func (m *Model) stopWatch(text string) tea.Cmd {
	w := m.watch.w
	answerWatch(m.watch.reply, watchReply{err: errors.New("the watch was stopped before it started")})
	m.watch = watchState{seq: m.watch.seq + 1}
	m.setStatus(text, false)
	m.log.Add(logview.Info, text)
	return stopCmd(w)
}

func stopCmd(w *watch.Watcher) tea.Cmd {
	if w == nil {
		return nil
	}
	return func() tea.Msg { w.Stop(); return nil }
}

// handleWatchReport shows what the watch did: uploads and deletions on
// the status line, problems there and in the log (the jobs' own errors
// come from the queue, like any job's).
func (m *Model) handleWatchReport(msg watchReportMsg) {
	if msg.seq != m.watch.seq || !m.watch.on() {
		return // a watch stopped since
	}
	r := msg.r
	switch r.Kind {
	case watch.Uploading:
		m.setStatus("watch: uploading "+r.Path, false)
	case watch.Deleted:
		m.setStatus("watch: deleted "+r.Path+" on the server", false)
		m.log.Add(logview.Info, "watch: deleted "+r.Path+" in "+m.watch.target)
	case watch.Skipped:
		m.setStatus("watch: "+r.Path+": "+r.Err.Error(), false)
	case watch.Problem:
		where := r.Path
		if where == "" {
			where = m.watch.dir
		}
		m.setStatus("watch: "+where+": "+r.Err.Error(), true)
	case watch.Stopped:
		text := "stopped watching " + m.watch.what() + ": " + r.Err.Error()
		m.watch = watchState{seq: m.watch.seq + 1}
		m.setStatus(text, true)
	}
}

// handleWatchLine serves the ":" line's watch command.
func (m *Model) handleWatchLine(msg watchLineMsg) tea.Cmd {
	switch msg.op {
	case "show":
		what := ""
		if m.watch.on() {
			what = m.watch.what()
		}
		answerWatch(msg.reply, watchReply{text: what})
		return nil
	case "stop":
		if !m.watch.on() {
			answerWatch(msg.reply, watchReply{err: errors.New("not watching")})
			return nil
		}
		what := m.watch.what()
		answerWatch(msg.reply, watchReply{text: what})
		return m.stopWatch("stopped watching " + what)
	}
	if m.watch.on() {
		answerWatch(msg.reply, watchReply{err: errors.New("already watching " + m.watch.what() + " (watch off stops it)")})
		return nil
	}
	i := 0
	if !m.localPane(0) {
		i = 1
	}
	if !m.localPane(i) {
		why := errors.New("watch: no pane shows the local disk")
		m.setStatus(why.Error(), true)
		answerWatch(msg.reply, watchReply{err: why})
		return nil
	}
	dir := msg.dir
	if dir == "" {
		dir = m.panes[i].Dir()
	}
	return m.startWatch(i, dir, msg.del || m.opts.Watch.Delete, msg.reply)
}

// followWatch ends the watch when the server pane it uploads to is
// disconnected, closed or shows another connection; when the
// disconnection's own status line comes, the ending is said again.
func (m Model) followWatch(msg tea.Msg, cmd tea.Cmd) (Model, tea.Cmd) {
	if d, ok := msg.(disconnectedMsg); ok && m.watch.ended != "" {
		m.setStatus("disconnected from "+d.label+" · "+m.watch.ended, false)
		m.watch.ended = ""
	}
	if !m.watch.on() || m.links[m.watch.pane].fs == m.watch.fs {
		return m, cmd
	}
	label, what := m.watch.fs.Label(), m.watch.what()
	stop := m.stopWatch("stopped watching " + what + ": " + label + " was disconnected")
	m.watch.ended = "stopped watching " + what
	return m, tea.Batch(cmd, stop)
}

// watchTag is the header's note of the watch.
func (m Model) watchTag() string {
	if !m.watch.on() {
		return ""
	}
	text := "watching " + pane.Escape(m.watch.what())
	if m.watch.starting {
		text += " (starting)"
	}
	return "  " + m.styles.Header.Lock.Render(text)
}

// lineWatcher serves the ":" line's watch command: it runs on the
// shell's goroutine, so it asks the program through the sink and waits
// for the answer.
type lineWatcher struct{ s *sink }

func (l lineWatcher) ask(msg watchLineMsg) watchReply {
	msg.reply = make(chan watchReply, 1)
	select {
	case l.s.ch <- msg:
	default:
		return watchReply{err: errors.New("the screen is too busy: try again")}
	}
	return <-msg.reply
}

func (l lineWatcher) Watch(dir string, del bool) (string, error) {
	r := l.ask(watchLineMsg{op: "start", dir: dir, del: del})
	return r.text, r.err
}

func (l lineWatcher) Unwatch() (string, error) {
	r := l.ask(watchLineMsg{op: "stop"})
	return r.text, r.err
}

func (l lineWatcher) Watching() string { return l.ask(watchLineMsg{op: "show"}).text }
