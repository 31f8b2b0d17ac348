package ui

import (
	"fmt"
	"path"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/pane"
)

// jobEventMsg is the events of the transfer queue that were waiting, in
// order (a broadcast to the queue pane and the panes a finished job wrote
// to). The listener that read them is re-armed by its handler.
type jobEventMsg struct{ evs []transfer.Event }

// Events reach the model in batches: all that arrive within eventPace of
// the first, up to maxEventBatch. Each message costs a copy of the root
// model (about 140 KiB) however small it is, so a copy of 10,000 small
// files (50,000 events) is a few hundred messages, not 50,000, and a
// lone event shows within a frame or so.
const (
	maxEventBatch = 512
	eventPace     = 20 * time.Millisecond
)

// jobsAddedMsg ends the adding of a copy's jobs (a result for the root).
type jobsAddedMsg struct {
	n       int
	move    bool
	refused int // names the plan refused (already reported)
}

// listenQueue reads one event from the queue; nil when the queue is
// closed, or in tests, which deliver events by hand.
func (m Model) listenQueue() tea.Cmd {
	if m.q == nil || m.opts.Still {
		return nil
	}
	ch := m.q.Events()
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		evs := []transfer.Event{ev}
		pace := time.NewTimer(eventPace)
		defer pace.Stop()
		for len(evs) < maxEventBatch {
			select {
			case ev, ok := <-ch:
				if !ok {
					return jobEventMsg{evs}
				}
				evs = append(evs, ev)
			case <-pace.C:
				return jobEventMsg{evs}
			}
		}
		return jobEventMsg{evs}
	}
}

// queueCmd runs an action on the queue off the update loop: the queue
// writes its journal.
func queueCmd(f func()) tea.Cmd {
	return func() tea.Msg { f(); return nil }
}

// restoredNote tells the user about jobs a previous run left unfinished.
func restoredNote(jobs []transfer.JobState) string {
	n := 0
	for _, j := range jobs {
		if j.State == transfer.Paused {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d unfinished %s from last time, paused: A resumes them all", n, plural(n, "transfer", "transfers"))
}

// handleJobEvent applies a batch of events to the queue pane by job ID
// (no snapshot of the queue: an event costs the same with 100 jobs as
// with 100,000), then reloads, once, the panes that finished jobs wrote
// to.
func (m Model) handleJobEvent(msg jobEventMsg) (tea.Model, tea.Cmd) {
	var b eventBatch
	for _, ev := range msg.evs {
		m.applyJobEvent(ev, &b)
	}
	cmds := []tea.Cmd{m.listenQueue()}
	for i, r := range b.reload {
		if r {
			cmds = append(cmds, m.panes[i].Reload())
		}
	}
	return m, tea.Batch(cmds...)
}

// eventBatch is what a batch of events leaves to do: the panes to reload,
// and the panes' endpoints, read once when a job finished (each read
// copies the root model).
type eventBatch struct {
	labels [2]string
	known  bool
	reload [2]bool
}

// applyJobEvent brings the queue pane up to date with one event, and
// notes the panes to reload and the status to show.
func (m *Model) applyJobEvent(ev transfer.Event, b *eventBatch) {
	var j transfer.JobState
	ok := false
	if ev.Kind != transfer.EventProgress || !m.queue.Has(ev.ID) {
		j, ok = m.q.Get(ev.ID) // a Progress of a known row needs only the event
	}
	m.queue.Apply(ev, j, ok)
	if ev.Kind == transfer.EventQueued && !m.queueSeen {
		m.queueSeen, m.showQueue = true, true
		m.layout()
	}
	if !ok {
		return
	}
	switch ev.Kind {
	case transfer.EventDone, transfer.EventSkipped:
		m.reloadFor(j, b)
		if s := m.queue.Summary(); !s.Busy() && s.Files > 0 {
			m.setStatus(fmt.Sprintf("transfers finished: %d of %d files", s.FilesDone, s.Files), s.Failed > 0)
		}
	case transfer.EventFailed:
		m.setStatus(pane.Escape(path.Base(j.SrcPath))+": "+errText(ev.Err), true)
		m.reloadFor(j, b)
	}
}

func errText(err error) string {
	if err == nil {
		return "failed"
	}
	return err.Error()
}

// reloadFor marks the panes that show the folder a job wrote to, and for
// a move the folder it took from.
func (m *Model) reloadFor(j transfer.JobState, b *eventBatch) {
	if !b.known {
		b.labels, b.known = [2]string{m.endpointLabel(0), m.endpointLabel(1)}, true
	}
	for i := range m.panes {
		p := &m.panes[i]
		if p.FS() == nil || p.Loading() {
			continue
		}
		label := b.labels[i]
		dst := label == j.Dst.Label() && parentDir(j.DstPath) == p.Dir()
		src := j.Move && label == j.Src.Label() && parentDir(j.SrcPath) == p.Dir()
		if dst || src {
			b.reload[i] = true
		}
	}
}

// parentDir is the folder holding p, for slash or backslash paths.
func parentDir(p string) string {
	k := strings.LastIndexAny(p, `/\`)
	switch {
	case k < 0:
		return ""
	case k == 0:
		return p[:1]
	case k == 2 && p[1] == ':': // C:\name
		return p[:3]
	}
	return p[:k]
}

func (m Model) handleJobsAdded(msg jobsAddedMsg) (tea.Model, tea.Cmd) {
	verb := "copy"
	if msg.move {
		verb = "move"
	}
	if msg.refused > 0 {
		return m, nil // the refusal stays on the status line
	}
	m.setStatus(fmt.Sprintf("queued: %s %d %s", verb, msg.n, plural(msg.n, "entry", "entries")), false)
	return m, nil
}

// clearedMsg ends ClearFinished; Err says the journal was not compacted.
type clearedMsg struct{ err error }

func togglePause(q *transfer.Queue, j transfer.JobState) {
	if j.State == transfer.Paused {
		q.Resume(j.ID)
		return
	}
	q.Pause(j.ID)
}

// cancelJob cancels at once a job that is not moving bytes, and asks
// first for one that is.
func (m *Model) cancelJob(j transfer.JobState) tea.Cmd {
	q := m.q
	if j.State != transfer.Active && j.State != transfer.Verifying {
		return queueCmd(func() { q.Cancel(j.ID) })
	}
	m.ask("Cancel transfer", []string{"Cancel " + pane.Escape(path.Base(j.SrcPath)) + "?",
		"Its .part file is kept: retry continues it."}, nil,
		func(*Model, []string) tea.Cmd { return queueCmd(func() { q.Cancel(j.ID) }) }, nil)
	return nil
}

// pauseAll pauses everything under way, or when nothing is, resumes
// every paused job.
func (m *Model) pauseAll() tea.Cmd {
	q := m.q
	busy, paused := m.queue.Counts()
	switch {
	case busy > 0 || paused > 0:
		m.resumeHint = false
	}
	switch {
	case busy > 0:
		m.setStatus("pausing all transfers", false)
		return queueCmd(q.PauseAll)
	case paused > 0:
		m.setStatus(fmt.Sprintf("resuming %d %s", paused, plural(paused, "transfer", "transfers")), false)
		return queueCmd(q.ResumeAll)
	}
	m.setStatus("no transfers to pause or resume", false)
	return nil
}

// toggleQueue shows or hides the queue pane; hidden, it gives the focus
// back to the panes.
func (m *Model) toggleQueue() {
	m.showQueue = !m.showQueue
	if !m.showQueue && m.sub == SubQueue {
		m.focusSub(SubNone)
	}
	m.layout()
}
