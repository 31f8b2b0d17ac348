package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
)

// quit logs out (QUIT) first, but waits for a silent server only briefly.
func (m Model) quit() tea.Cmd {
	fss := []session.FS{m.links[0].fs, m.links[1].fs}
	w := m.watch.w
	return tea.Sequence(func() tea.Msg {
		done := make(chan struct{})
		go func() {
			if w != nil {
				w.Stop() // no new uploads while the program ends
			}
			for _, fsys := range fss {
				if fsys != nil {
					fsys.Close()
				}
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(quitWait):
		}
		return nil
	}, tea.Quit)
}

// quitWait bounds the logout on quit.
const quitWait = 2 * time.Second

// busyJobs is how many files are queued or moving; quitting asks first.
func (m Model) busyJobs() int {
	if m.q == nil {
		return 0
	}
	s := m.q.Summary() // kept by the queue: no walk over its jobs
	if !s.Busy() {
		return 0
	}
	return s.Files - s.FilesDone - s.Failed
}

// askQuit quits, after asking when transfers are queued or running.
func (m *Model) askQuit() tea.Cmd {
	n := m.busyJobs()
	if n == 0 {
		return m.quit()
	}
	m.ask("Quit", []string{fmt.Sprintf("%d %s not finished.", n, plural(n, "transfer is", "transfers are")),
		"Quit anyway? They come back paused next time."}, nil, func(m *Model, _ []string) tea.Cmd { return m.quit() }, nil)
	m.answer.quit = true
	return nil
}

// interrupt is ctrl+c: it quits at once when no transfer runs, or in the
// quit question; otherwise it asks as q does, over whatever is open. The
// dialog it covers comes back when the answer is no.
func (m *Model) interrupt() tea.Cmd {
	if m.answer.quit || m.busyJobs() == 0 {
		return m.quit()
	}
	under, then := m.form, m.answer
	m.askQuit()
	if under == nil {
		return nil
	}
	m.answer.cancel = func(m *Model) tea.Cmd {
		m.form, m.answer = under, then
		return nil
	}
	return nil
}
