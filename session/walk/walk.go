// Package walk searches a folder tree on a session.FS: breadth first,
// several listings at once where there are connections for them, results
// handed on in batches as they come, and cancellable. It is the engine of
// the TUI's find (ui/find) and of the `find` command (ui/shell); like
// session it never imports Bubble Tea.
package walk

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ftpane/ftpane/session"
)

// Result is one entry that matched.
type Result struct {
	// Dir is the folder holding the entry, in the FS's own syntax.
	Dir string
	// Rel is the entry's path from the start folder, slash-separated.
	Rel   string
	Entry session.Entry
}

// FolderError is a folder that could not be searched. The walk goes on
// with the others.
type FolderError struct {
	Dir string
	Err error
}

func (e FolderError) Error() string {
	if strings.Contains(e.Err.Error(), e.Dir) {
		return e.Err.Error()
	}
	return e.Dir + ": " + e.Err.Error()
}

func (e FolderError) Unwrap() error { return e.Err }

// ErrLoop is a folder left out because it lists exactly what a folder
// above it lists: a symbolic link back up that the server shows as a
// folder (servers that resolve links do). Links the listing shows as
// links are never followed at all.
var ErrLoop = errors.New("not searched: a link back to a folder above it")

// ErrBadName is a name in a listing that is not one plain path element
// ("..", "a/b"): a misbehaving server's. It is neither reported nor
// entered.
var ErrBadName = errors.New("left out a name that is not a plain name")

// Batch is what the walk found since the last batch was taken.
type Batch struct {
	Found  []Result
	Errors []FolderError
	// Notes say how the walk runs (it shares the caller's connection).
	Notes []string
	// Current is the folder whose listing started last ("": none new).
	Current string
	// Folders counts the folders listed so far.
	Folders int
	// Done marks the last batch of a walk that ran to its end.
	Done bool
}

// Options shape a walk.
type Options struct {
	Filter Filter
	// MaxDepth bounds how deep the walk goes: 1 searches only the start
	// folder's entries. 0: no bound.
	MaxDepth int
	// Workers is how many listings run at once on the FS given to Start
	// (at least 1). A Remote carries one command at a time: give it 1.
	Workers int
	// Dial, when set, opens connections of the walk's own: Conns of
	// them, each listing one folder at a time, closed when the walk ends.
	// The FS given to Start is then used only if none can be opened.
	Dial  func(context.Context) (session.FS, error)
	Conns int
	// Now is when the search started, for age conditions (zero: now).
	Now time.Time
}

// maxPending is how many results wait for the reader before the
// listings pause: a reader that falls behind holds the walk back rather
// than let it fill memory.
const maxPending = 4096

// Walk is a running search.
type Walk struct {
	out    chan Batch
	cancel context.CancelFunc
	done   chan struct{}
}

// C delivers the batches. It is closed after the last one: after a batch
// with Done, or without one when the walk was cancelled.
func (w *Walk) C() <-chan Batch { return w.out }

// Cancel stops the walk. A listing under way on a connection the walk
// does not own is let finish (interrupting it would cost its owner the
// connection); the walk's own connections are cut.
func (w *Walk) Cancel() { w.cancel() }

// Wait returns when every goroutine of the walk has ended and its
// connections are closed.
func (w *Walk) Wait() { <-w.done }

type task struct {
	dir, rel string
	depth    int
	above    []signature // the listings of the folders above, for loops
}

type signature struct {
	dir string
	sum uint64
}

type event struct {
	start  string
	listed bool
	found  []Result
	errs   []FolderError
	note   string
}

type walker struct {
	opts    Options
	m       matcher
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []task
	pending int // tasks queued or being listed
	ev      chan event
	out     chan Batch
	done    chan struct{}
}

// Start searches the tree under root on fsys. Read the batches from C
// until it is closed, or Cancel.
func Start(ctx context.Context, fsys session.FS, root string, o Options) *Walk {
	ctx, cancel := context.WithCancel(ctx)
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	w := &walker{opts: o, m: o.Filter.matcher(o.Now), queue: []task{{dir: root}}, pending: 1,
		ev: make(chan event, 16), out: make(chan Batch), done: make(chan struct{})}
	w.cond = sync.NewCond(&w.mu)
	wake := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.cond.Broadcast()
		w.mu.Unlock()
	})
	var wg sync.WaitGroup
	w.startWorkers(ctx, fsys, &wg)
	go func() {
		wg.Wait()
		wake()
		close(w.ev)
	}()
	go w.collect(ctx, cancel)
	return &Walk{out: w.out, cancel: cancel, done: w.done}
}

// startWorkers runs the listings: on connections of the walk's own when
// it may dial them, else (or when none could be had) on fsys, whose
// listings are never interrupted.
func (w *walker) startWorkers(ctx context.Context, fsys session.FS, wg *sync.WaitGroup) {
	shared := context.WithoutCancel(ctx)
	if w.opts.Dial == nil || w.opts.Conns < 1 {
		for range max(1, w.opts.Workers) {
			wg.Go(func() { w.work(ctx, fsys, shared) })
		}
		return
	}
	var failed atomic.Int32
	for range w.opts.Conns {
		wg.Go(func() {
			c, err := w.opts.Dial(ctx)
			if err != nil {
				if int(failed.Add(1)) == w.opts.Conns && ctx.Err() == nil {
					w.send(ctx, event{note: fmt.Sprintf("searching on the pane's own connection: another one could not be opened (%v)", err)})
					w.work(ctx, fsys, shared)
				}
				return
			}
			defer c.Close()
			w.work(ctx, c, ctx)
		})
	}
}

// work lists folders until none is left or the walk is cancelled.
func (w *walker) work(ctx context.Context, fsys session.FS, listCtx context.Context) {
	for {
		t, ok := w.take(ctx)
		if !ok {
			return
		}
		w.send(ctx, event{start: t.dir})
		ev, children := w.visit(listCtx, fsys, t)
		w.finish(children)
		if ctx.Err() != nil {
			return // what a cut listing says is not the folder's error
		}
		w.send(ctx, ev)
	}
}

// take waits for a folder to list; false when the walk is over.
func (w *walker) take(ctx context.Context) (task, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.queue) == 0 && w.pending > 0 && ctx.Err() == nil {
		w.cond.Wait()
	}
	if ctx.Err() != nil || len(w.queue) == 0 {
		return task{}, false
	}
	t := w.queue[0]
	w.queue[0] = task{}
	w.queue = w.queue[1:]
	return t, true
}

// finish queues a listed folder's subfolders (after every folder already
// waiting: breadth first) and counts the folder done.
func (w *walker) finish(children []task) {
	w.mu.Lock()
	w.queue = append(w.queue, children...)
	w.pending += len(children) - 1
	w.cond.Broadcast()
	w.mu.Unlock()
}

func (w *walker) send(ctx context.Context, e event) {
	select {
	case w.ev <- e:
	case <-ctx.Done():
	}
}

// visit lists one folder: its matches, its errors, its subfolders.
func (w *walker) visit(ctx context.Context, fsys session.FS, t task) (event, []task) {
	if t.depth == 0 {
		if e, err := fsys.Stat(ctx, t.dir); err == nil && e.Kind != session.KindDir && e.Kind != session.KindLink {
			return event{errs: []FolderError{{Dir: t.dir, Err: errNotFolder}}}, nil
		}
	}
	l, err := fsys.List(ctx, t.dir)
	if err != nil {
		return event{errs: []FolderError{{Dir: t.dir, Err: err}}}, nil
	}
	entries := listed(l.Entries)
	sum := signatureOf(entries)
	for _, s := range t.above {
		if len(entries) > 0 && s.sum == sum {
			return event{errs: []FolderError{{Dir: t.dir, Err: fmt.Errorf("%w (it lists the same entries as %s)", ErrLoop, s.dir)}}}, nil
		}
	}
	above := append(t.above[:len(t.above):len(t.above)], signature{dir: t.dir, sum: sum})
	ev := event{listed: true}
	var children []task
	for _, e := range entries {
		if !plainName(e.Name) {
			ev.errs = append(ev.errs, FolderError{Dir: t.dir, Err: fmt.Errorf("%w: %q", ErrBadName, e.Name)})
			continue
		}
		rel := e.Name
		if t.rel != "" {
			rel = t.rel + "/" + e.Name
		}
		e.Raw = ""
		if w.m.match(rel, e) {
			ev.found = append(ev.found, Result{Dir: t.dir, Rel: rel, Entry: e})
		}
		if e.IsDir() && (w.opts.MaxDepth == 0 || t.depth+1 < w.opts.MaxDepth) {
			children = append(children, task{dir: fsys.Join(t.dir, e.Name), rel: rel, depth: t.depth + 1, above: above})
		}
	}
	return ev, children
}

// listed is a listing's entries without "." and ".." and the lines no
// parser understood, sorted by name.
func listed(es []session.Entry) []session.Entry {
	out := make([]session.Entry, 0, len(es))
	for _, e := range es {
		if e.Name != "." && e.Name != ".." && e.Kind != session.KindUnknown {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b session.Entry) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// plainName reports whether a listed name is one path element.
func plainName(n string) bool {
	return n != "" && n != "." && n != ".." && !strings.ContainsAny(n, "/\x00")
}

// signatureOf sums what a listing says of each entry (sorted): the
// same folder listed twice, once through a link, sums the same.
func signatureOf(es []session.Entry) uint64 {
	h := fnv.New64a()
	buf := make([]byte, 0, 64)
	for _, e := range es {
		buf = append(buf[:0], e.Name...)
		buf = append(buf, 0, byte(e.Kind))
		buf = strconv.AppendInt(buf, e.Size, 10)
		buf = append(buf, 0)
		buf = strconv.AppendInt(buf, e.ModTime.UnixNano(), 10)
		buf = append(buf, '\n')
		h.Write(buf)
	}
	return h.Sum64()
}

// collect gathers the workers' events into batches, handing one on
// whenever the reader takes it: a slow reader gets bigger batches.
func (w *walker) collect(ctx context.Context, cancel context.CancelFunc) {
	defer cancel()
	defer close(w.done)
	defer close(w.out)
	var b Batch
	folders, dirty := 0, false
	for {
		var out chan<- Batch
		if dirty {
			out = w.out
		}
		in := w.ev
		if len(b.Found) >= maxPending {
			in = nil
		}
		select {
		case e, ok := <-in:
			if !ok {
				b.Done = true
				select {
				case w.out <- b:
				case <-ctx.Done():
				}
				return
			}
			if e.listed {
				folders++
			}
			b.merge(e, folders)
			dirty = true
		case out <- b:
			b, dirty = Batch{Folders: folders}, false
		case <-ctx.Done():
			for range w.ev { // the workers end: let them
			}
			return
		}
	}
}

func (b *Batch) merge(e event, folders int) {
	b.Found = append(b.Found, e.found...)
	b.Errors = append(b.Errors, e.errs...)
	if e.note != "" {
		b.Notes = append(b.Notes, e.note)
	}
	if e.start != "" {
		b.Current = e.start
	}
	b.Folders = folders
}
