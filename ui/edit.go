package ui

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/viewer"
)

// editReadyMsg: a remote file was downloaded for editing.
type editReadyMsg struct {
	job editJob
	err error
}

// editedMsg: the editor exited.
type editedMsg struct {
	job editJob
	err error
}

// editJob is one F4 edit. For a remote file, Local is the temporary copy,
// Before the remote file's state when it was downloaded (to refuse an
// upload over a newer version) and Sum the copy's SHA-256 as downloaded
// (to skip the upload when nothing changed): the file itself is never
// held in memory.
type editJob struct {
	Pane   int
	FS     session.FS
	Path   string
	Local  string
	Remote bool
	Before session.Entry
	Sum    [sha256.Size]byte
	// Q's overall bandwidth limit holds for the download and the upload.
	Q *transfer.Queue
}

func (m Model) startEdit(i int, fsys session.FS, p string) (Model, tea.Cmd) {
	if _, local := fsys.(session.Local); local {
		job := editJob{Pane: i, FS: fsys, Path: p, Local: p}
		return m, m.execEditor(job)
	}
	m.setStatus("downloading "+pane.Escape(p)+" to edit…", false)
	return m, downloadForEdit(editJob{Pane: i, FS: fsys, Path: p, Remote: true, Q: m.q})
}

func (m Model) execEditor(job editJob) tea.Cmd {
	args := strings.Fields(m.opts.Editor)
	c := exec.Command(args[0], append(args[1:], job.Local)...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return editedMsg{job: job, err: err} })
}

// downloadForEdit streams the remote file to a temporary folder, hashing
// it on the way, and records its size and time.
func downloadForEdit(job editJob) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		st, err := job.FS.Stat(ctx, job.Path)
		if err != nil {
			return editReadyMsg{job: job, err: err}
		}
		job.Before = st
		dir, err := os.MkdirTemp("", "ftpane-edit-")
		if err != nil {
			return editReadyMsg{job: job, err: err}
		}
		job.Local = filepath.Join(dir, filepath.Base(strings.ReplaceAll(job.Path, "/", string(filepath.Separator))))
		if job.Sum, err = download(ctx, job.Q, job.FS, job.Path, job.Local); err != nil {
			os.RemoveAll(dir)
		}
		return editReadyMsg{job: job, err: err}
	}
}

// download copies p to the new file local and returns the SHA-256 of
// what it wrote.
func download(ctx context.Context, q *transfer.Queue, fsys session.FS, p, local string) (sum [sha256.Size]byte, err error) {
	f, err := os.OpenFile(local, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return sum, err
	}
	h := sha256.New()
	if _, err = q.Cat(ctx, fsys, p, 0, io.MultiWriter(f, h), false); err != nil {
		f.Close()
		return sum, fmt.Errorf("download %s: %w", p, err)
	}
	h.Sum(sum[:0])
	return sum, f.Close()
}

// fileSum is the SHA-256 of a local file, read in a stream.
func fileSum(p string) (sum [sha256.Size]byte, err error) {
	h := sha256.New()
	if _, err := transfer.Cat(context.Background(), session.Local{}, p, 0, h, false); err != nil {
		return sum, fmt.Errorf("read %s: %w", p, err)
	}
	h.Sum(sum[:0])
	return sum, nil
}

// uploadEdited puts the edited copy back when it changed, unless the
// remote file changed meanwhile (then the copy is kept and named).
func uploadEdited(job editJob) tea.Cmd {
	return func() tea.Msg {
		sum, err := fileSum(job.Local)
		if err != nil {
			return opDoneMsg{Pane: job.Pane, Err: err}
		}
		if sum == job.Sum {
			os.RemoveAll(filepath.Dir(job.Local))
			return opDoneMsg{Pane: job.Pane, Text: "not changed: " + pane.Escape(job.Path)}
		}
		ctx := context.Background()
		now, err := job.FS.Stat(ctx, job.Path)
		if err != nil {
			return opDoneMsg{Pane: job.Pane, Err: fmt.Errorf("%w; your edit is kept in %s", err, job.Local)}
		}
		if now.Size != job.Before.Size || !now.ModTime.Equal(job.Before.ModTime) {
			return opDoneMsg{Pane: job.Pane, Err: fmt.Errorf(
				"not uploaded: %s changed on the server while you edited it; your edit is kept in %s",
				pane.Escape(job.Path), job.Local)}
		}
		n, err := upload(ctx, job.Q, job.FS, job.Local, job.Path)
		if err != nil {
			return opDoneMsg{Pane: job.Pane, Err: fmt.Errorf("%w; your edit is kept in %s", err, job.Local)}
		}
		os.RemoveAll(filepath.Dir(job.Local))
		return opDoneMsg{Pane: job.Pane, Text: fmt.Sprintf("uploaded %s (%d bytes)", pane.Escape(job.Path), n)}
	}
}

// upload streams the local file to p.
func upload(ctx context.Context, q *transfer.Queue, fsys session.FS, local, p string) (int64, error) {
	f, err := os.Open(local)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return q.Store(ctx, fsys, p, f)
}

func (m Model) handleEdit(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case editReadyMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return m, nil
		}
		m.setStatus("editing "+pane.Escape(msg.job.Path), false)
		return m, m.execEditor(msg.job)
	case editedMsg:
		if msg.err != nil {
			m.setStatus("editor: "+msg.err.Error(), true)
			return m, nil
		}
		if !msg.job.Remote {
			return m.handleOpDone(opDoneMsg{Pane: msg.job.Pane, Text: "edited " + pane.Escape(msg.job.Path)})
		}
		m.setStatus("checking "+pane.Escape(msg.job.Path)+"…", false)
		return m, uploadEdited(msg.job)
	}
	return m, nil
}

func (m Model) handleView(msg viewMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		m.setStatus(msg.Err.Error(), true)
		return m, nil
	}
	m.setStatus("", false)
	v := viewer.New(msg.Path, msg.Src, m.keys, m.styles)
	v.SetSize(m.width, m.height)
	cmd := v.Init()
	m.view = &v
	return m, cmd
}

// handleViewer hands the pager its commands' results; those of a pager
// already closed are dropped by it (or here, when none is open).
func (m Model) handleViewer(msg viewer.Msg) (tea.Model, tea.Cmd) {
	if m.view == nil {
		return m, nil
	}
	v, cmd := m.view.Update(msg)
	m.view = &v
	return m, cmd
}
