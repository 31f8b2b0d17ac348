// Package watch uploads the files of a local folder as they change. A
// watcher on the folder and its subfolders (fsnotify is not recursive:
// subfolders are added as they appear) waits until a changed path has
// been quiet for a moment, then hands it to the one planning step
// (transfer.PlanCopy) and the queue, like any copy: a file written in many
// small writes is uploaded once, a new folder once with everything in it.
// It never imports Bubble Tea: the TUI turns its reports into messages.
package watch

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// DefaultQuiet is how long a changed path must stay unchanged before it
// is uploaded: long enough for an editor's save or a copy in small
// writes, short enough to feel immediate.
const DefaultQuiet = 750 * time.Millisecond

// Target is where the changes go: a folder on the other side.
type Target struct {
	Dst  transfer.Endpoint
	Dir  string     // the folder, in Dst's path syntax
	FS   session.FS // the other side: target folders are checked and made on it, and deletions done
	Type session.TransferType
}

// Queue is what the watcher needs of a transfer.Queue (which it is,
// outside tests).
type Queue interface {
	Submit(transfer.Plan) []transfer.ID
	Get(transfer.ID) (transfer.JobState, bool)
	Wait(ctx context.Context, id transfer.ID, progress func(transfer.JobState)) (transfer.JobState, error)
}

// Options configure a watch.
type Options struct {
	Root   string // the local folder
	Target Target
	Queue  Queue
	// Quiet is how long a path must be left alone before it is uploaded
	// (0: DefaultQuiet).
	Quiet time.Duration
	// Delete removes on the other side what is removed here. Off, a
	// removed file is simply not uploaded.
	Delete bool
	// Clock is the time the quiet periods are measured in (nil: the real
	// one); tests drive a fake one.
	Clock transfer.Clock
	// Report is told what the watch does, from the watcher's goroutine.
	// It must not block.
	Report func(Report)
}

// Kind says what a Report is about.
type Kind int

// What a watch reports.
const (
	Uploading Kind = iota // a change was queued (Jobs)
	Deleted               // removed on the other side (Options.Delete)
	Skipped               // a change that is not uploaded, and why (a link, a special file)
	Problem               // something failed; the watch goes on
	Stopped               // the watch ended by itself (Err says why)
)

func (k Kind) String() string {
	return [...]string{"uploading", "deleted", "skipped", "problem", "stopped"}[k]
}

// Report is one thing the watch did or could not do.
type Report struct {
	Kind Kind
	Path string // relative to the root, slash-separated ("" : the watch itself)
	Jobs []transfer.ID
	Err  error
}

// change is a path waiting for quiet.
type change struct {
	rel string
	due time.Time
	// newDir: a folder that appeared. It is uploaded whole (a folder
	// job) once nothing under it has changed for the quiet period.
	newDir bool
}

// upload is the last job queued for a file.
type upload struct {
	id      transfer.ID
	again   bool // the file changed while that job ran: upload once more after it
	waiting bool // a goroutine waits for the job to end
}

type ended struct {
	rel string
	id  transfer.ID
}

// Watcher is one running watch. Stop ends it.
type Watcher struct {
	opts   Options
	root   string // absolute, links resolved
	fsw    *fsnotify.Watcher
	clock  transfer.Clock
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	ended  chan ended
	done   chan struct{}

	// pending are the paths waiting for quiet, by relative path, and in
	// order of their due times: every touch sets now+Quiet, which is never
	// earlier than a due time set before, so a touched path moves to the
	// back and the front is always the next due.
	mu      sync.Mutex
	pending map[string]*list.Element // of *change, in order
	order   *list.List

	// The loop's own state.
	dirs      map[string]bool // watched folders by relative path ("" : the root)
	goneDirs  map[string]bool // watched folders removed, until their change settles
	track     map[string]*upload
	made      map[string]bool // target folders known to exist
	lastEvent time.Time       // wall time of the last event (for a rescan after an overflow)
}

// Start watches o.Root and its subfolders. An error says why it cannot:
// not a folder, or a system limit on watches (with the setting to raise).
// Only changes from now on are uploaded.
func Start(o Options) (*Watcher, error) {
	w, err := newWatcher(o)
	if err != nil {
		return nil, err
	}
	w.wg.Add(1)
	go w.run()
	return w, nil
}

// newWatcher sets the watch up: the folders are watched, the loop not
// started yet.
func newWatcher(o Options) (*Watcher, error) {
	if o.Queue == nil || o.Target.FS == nil {
		return nil, errors.New("watch: no target folder")
	}
	if o.Quiet <= 0 {
		o.Quiet = DefaultQuiet
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Report == nil {
		o.Report = func(Report) {}
	}
	root, err := rootOf(o.Root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", o.Root, limitError(err))
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{opts: o, root: root, fsw: fsw, clock: o.Clock, ctx: ctx, cancel: cancel,
		ended: make(chan ended), done: make(chan struct{}), pending: map[string]*list.Element{}, order: list.New(),
		dirs: map[string]bool{}, goneDirs: map[string]bool{}, track: map[string]*upload{}, made: map[string]bool{},
		lastEvent: time.Now()}
	if err := w.addTree(""); err != nil {
		cancel()
		fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", o.Root, err)
	}
	return w, nil
}

// rootOf is the folder to watch, absolute and with links resolved, or
// why it cannot be watched.
func rootOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return "", fmt.Errorf("watch %s: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case err != nil:
		return "", fmt.Errorf("watch %s: %w", dir, err)
	case !fi.IsDir():
		return "", fmt.Errorf("watch %s: not a folder", dir)
	}
	return abs, nil
}

// Stop ends the watch and waits for its goroutines. Jobs already queued
// run on. Stop may be called more than once.
func (w *Watcher) Stop() {
	w.cancel()
	w.fsw.Close()
	w.wg.Wait()
}

// Done is closed when the watch has ended (Stop, or a Stopped report).
func (w *Watcher) Done() <-chan struct{} { return w.done }

// Root is the folder watched (absolute, links resolved).
func (w *Watcher) Root() string { return w.root }

// Pending lists the paths waiting for quiet, sorted.
func (w *Watcher) Pending() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.pending))
	for rel := range w.pending {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

func (w *Watcher) report(r Report) {
	if w.ctx.Err() == nil {
		w.opts.Report(r)
	}
}

// run is the watcher's one goroutine that owns its state: file events,
// the quiet timer, and the ends of jobs it waits for.
func (w *Watcher) run() {
	defer w.wg.Done()
	defer close(w.done)
	err := w.loop()
	if err != nil {
		w.report(Report{Kind: Stopped, Err: err})
	}
	w.cancel()
	w.fsw.Close()
}

func (w *Watcher) loop() error {
	for {
		var tick <-chan time.Time
		if due, ok := w.nextDue(); ok {
			tick = w.clock.After(due.Sub(w.clock.Now()))
		}
		select {
		case <-w.ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return w.closed()
			}
			if err := w.handle(ev); err != nil {
				return err
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return w.closed()
			}
			w.handleError(err)
		case <-tick:
			w.fire()
		case e := <-w.ended:
			w.jobEnded(e)
		}
	}
}

// closed is why the loop ends when fsnotify closed its channels: Stop,
// or the watcher broke.
func (w *Watcher) closed() error {
	if w.ctx.Err() != nil {
		return nil
	}
	return errors.New("the system stopped reporting changes")
}

func (w *Watcher) nextDue() (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if e := w.order.Front(); e != nil {
		return e.Value.(*change).due, true
	}
	return time.Time{}, false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
