package ui

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/logview"
	"github.com/ftpane/ftpane/ui/shell"
)

// cmdLine is the ":" line: the classic ftp language, run by ui/shell,
// its output in the log pane.
type cmdLine struct {
	open    bool
	input   textinput.Model
	history []string
	at      int    // history position while browsing; len(history): the new line
	busy    string // the line running, "" when idle
	pane    int    // the pane whose connection the running line was given
}

// maxHistory bounds the history kept on disk.
const maxHistory = 500

// Messages of the command line, all results for the root.
type (
	shellDoneMsg struct {
		line string
		err  error
		// remote is the shell's connection after the line (another one
		// after open or user, nil after close) and dir its folder.
		remote *session.Remote
		dir    string
		// proxy is the proxy connection after the line (the other
		// pane's, when it shows a server).
		proxy *session.Remote
		// rate is the queue's bandwidth limit after the line (rate).
		rate int64
	}
	completedMsg struct {
		line  string
		start int
		cands []string
	}
	historyMsg   struct{ lines []string }
	localDirMsg  struct{ dir string } // lcd moved the local folder
	shellLineMsg struct{ line string }
)

func newInput() textinput.Model {
	in := textinput.New()
	in.Prompt = ":"
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// newShell builds the interpreter; what it prints and where lcd goes come
// back through the sink, since it runs on a command's goroutine. Its
// transfers go through the queue, so they show in the queue pane.
func newShell(o Options, s *sink, q *transfer.Queue) *shell.Shell {
	out := &lineWriter{sink: s}
	return shell.New(shell.Options{Out: out, Dial: o.ShellDial,
		Queue:      q,
		Shell:      bang(s, out),
		Prompter:   prompter{s},
		OnLocalDir: func(dir string) { s.send(localDirMsg{dir}) }})
}

// shellExecMsg asks the root to hand the terminal to an interactive shell
// (a bare ! at the command line) and to report on done when it exits.
type shellExecMsg struct {
	dir  string
	done chan error
}

// bang runs the : line's ! command: "! cmd" with its output in the log,
// a bare "!" as an interactive shell with the screen suspended (the
// interpreter runs on a command's goroutine, so it asks the root).
func bang(s *sink, out io.Writer) func(ctx context.Context, dir, command string) error {
	return func(ctx context.Context, dir, command string) error {
		if command != "" {
			cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
			cmd.Dir, cmd.Stdout, cmd.Stderr = dir, out, out
			return cmd.Run()
		}
		done := make(chan error, 1)
		s.send(shellExecMsg{dir: dir, done: done})
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// execShell suspends the screen for an interactive shell.
func execShell(msg shellExecMsg) tea.Cmd {
	sh := os.Getenv("SHELL")
	if sh == "" {
		sh = "/bin/sh"
	}
	c := exec.Command(sh)
	c.Dir = msg.dir
	return tea.ExecProcess(c, func(err error) tea.Msg { msg.done <- err; return nil })
}

// lineWriter hands the shell's output to the log a line at a time.
type lineWriter struct {
	mu   sync.Mutex
	sink *sink
	buf  []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.sink.send(shellLineMsg{strings.TrimRight(string(w.buf[:i]), "\r")})
		w.buf = w.buf[i+1:]
	}
}

func (m *Model) openCmdLine() {
	m.cmd.open = true
	m.cmd.input.SetValue("")
	m.cmd.input.SetWidth(max(10, m.width-2))
	m.cmd.input.Focus()
	m.cmd.at = len(m.cmd.history)
}

// handleCmdKey edits and runs the command line.
func (m Model) handleCmdKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.cmd.open = false
	case key.Matches(msg, k.Confirm):
		return m.runLine(strings.TrimSpace(m.cmd.input.Value()))
	case msg.String() == "tab" && m.cmd.busy == "":
		sh, line := m.sh, m.cmd.input.Value()
		return m, func() tea.Msg {
			start, cands := sh.Complete(context.Background(), line)
			return completedMsg{line, start, cands}
		}
	case msg.String() == "up" || msg.String() == "down":
		m.browseHistory(msg.String() == "up")
	default:
		var cmd tea.Cmd
		m.cmd.input, cmd = m.cmd.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) browseHistory(back bool) {
	h := m.cmd.history
	if back {
		m.cmd.at = max(0, m.cmd.at-1)
	} else {
		m.cmd.at = min(len(h), m.cmd.at+1)
	}
	if m.cmd.at < len(h) {
		m.cmd.input.SetValue(h[m.cmd.at])
	} else {
		m.cmd.input.SetValue("")
	}
	m.cmd.input.CursorEnd()
}

func (m Model) handleShell(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case shellLineMsg:
		m.log.Add(logview.Info, msg.line)
		return m, m.sink.listen()
	case localDirMsg:
		if m.panes[0].FS() == m.opts.Local {
			return m, tea.Batch(m.panes[0].Load(msg.dir, ""), m.sink.listen())
		}
		return m, m.sink.listen()
	case historyMsg:
		m.cmd.history = append(msg.lines, m.cmd.history...)
	case completedMsg:
		m.complete(msg)
	case shellDoneMsg:
		return m.handleShellDone(msg)
	}
	return m, nil
}

// complete applies Tab: one candidate replaces the word, several extend
// it to their common prefix and are listed in the status line.
func (m *Model) complete(msg completedMsg) {
	if !m.cmd.open || m.cmd.input.Value() != msg.line || len(msg.cands) == 0 {
		return
	}
	word := msg.cands[0]
	for _, c := range msg.cands[1:] {
		for !strings.HasPrefix(c, word) {
			word = word[:len(word)-1]
		}
	}
	if len(msg.cands) == 1 && !strings.HasSuffix(word, "/") {
		word += " "
	}
	m.cmd.input.SetValue(msg.line[:msg.start] + word)
	m.cmd.input.CursorEnd()
	if len(msg.cands) > 1 {
		m.setStatus(strings.Join(msg.cands, "  "), false)
	}
}

// loadHistoryCmd reads the history file (one line each, oldest first).
func loadHistoryCmd(path string) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		var lines []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		return historyMsg{lines[max(0, len(lines)-maxHistory):]}
	}
}

// saveHistoryCmd appends line, already passed through shell.Redact, to
// the history file.
func saveHistoryCmd(path, line string) tea.Cmd {
	if path == "" || strings.ContainsAny(line, "\r\n") {
		return nil
	}
	return func() tea.Msg {
		os.MkdirAll(filepath.Dir(path), 0o700)
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err == nil {
			f.WriteString(line + "\n")
			f.Close()
		}
		return nil
	}
}

// followHash makes the queue pane follow the hash command: bare hash
// toggles between marks and a smooth bar, "hash on" and "hash off" pick.
func (m *Model) followHash(line string) {
	f := strings.Fields(strings.ToLower(line))
	switch {
	case len(f) == 0 || f[0] != "hash":
	case len(f) == 1:
		m.queue.ToggleHash()
	case f[1] == "on" || f[1] == "off":
		m.queue.SetHash(f[1] == "on")
	}
}
