package shell

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/ftpane/ftpane/session"
)

// maxListers bounds how many folders of one tree mirror lists at once
// (fewer with a smaller --parallel): enough to hide the round trips of a
// tree of small folders, few enough to leave the server's connections to
// the copies.
const maxListers = 4

// lookahead bounds how far listers run ahead of the folder handed over
// next, so a wide tree is not held in memory listing by listing.
const lookahead = 64

// lister lists one folder, by its full path.
type lister func(ctx context.Context, dir string) (session.Listing, error)

// treeWalk lists a tree's folders with several listers at once and hands
// them over one at a time in the order a walk on one connection visits
// them: depth first, each folder's subfolders in the order given (sorted).
// What the caller prints or queues from them is thus the same every time.
// A free lister takes the waiting folder that is handed over soonest.
type treeWalk struct {
	ctx  context.Context
	path func(rel string) string
	wg   sync.WaitGroup

	mu     sync.Mutex
	cond   *sync.Cond
	stack  []*folder // folders not handed over yet; the next one last
	closed bool
}

// folder is one folder of the walk; l and err are set when done closes.
type folder struct {
	rel   string
	taken bool // a lister has it (guarded by treeWalk.mu)
	done  chan struct{}
	l     session.Listing
	err   error
}

func newFolder(rel string) *folder { return &folder{rel: rel, done: make(chan struct{})} }

// startWalk starts listing the tree at path(""), one goroutine per
// lister. Stop ends them.
func startWalk(ctx context.Context, path func(rel string) string, listers []lister) *treeWalk {
	w := &treeWalk{ctx: ctx, path: path, stack: []*folder{newFolder("")}}
	w.cond = sync.NewCond(&w.mu)
	for _, l := range listers {
		w.wg.Add(1)
		go w.run(l)
	}
	return w
}

// run lists folders with one lister until the walk ends.
func (w *treeWalk) run(list lister) {
	defer w.wg.Done()
	for {
		f := w.take()
		if f == nil {
			return
		}
		f.l, f.err = list(w.ctx, w.path(f.rel))
		close(f.done)
	}
}

// take waits for a folder no lister has yet, among the next lookahead to
// be handed over; nil when the walk ends.
func (w *treeWalk) take() *folder {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.closed && w.ctx.Err() == nil {
		for i := len(w.stack) - 1; i >= max(0, len(w.stack)-lookahead); i-- {
			if f := w.stack[i]; !f.taken {
				f.taken = true
				return f
			}
		}
		w.cond.Wait()
	}
	return nil
}

// next waits for the listing of the next folder in walking order. It
// returns nil when every folder was handed over, and ctx's error when
// it ended first.
func (w *treeWalk) next() (*folder, error) {
	// Only the caller changes the stack's end (listers mark folders
	// taken): the folder stays there, for a lister to take, until done.
	w.mu.Lock()
	n := len(w.stack)
	if n == 0 {
		w.mu.Unlock()
		return nil, nil
	}
	f := w.stack[n-1]
	w.mu.Unlock()
	select {
	case <-f.done:
	case <-w.ctx.Done():
		return nil, w.ctx.Err()
	}
	w.mu.Lock()
	w.stack = w.stack[:n-1]
	w.cond.Broadcast() // the lookahead moved on
	w.mu.Unlock()
	return f, nil
}

// push adds the subfolders of the folder just handed over: they come
// next, in the order given.
func (w *treeWalk) push(rels []string) {
	if len(rels) == 0 {
		return
	}
	w.mu.Lock()
	for i := len(rels) - 1; i >= 0; i-- {
		w.stack = append(w.stack, newFolder(rels[i]))
	}
	w.cond.Broadcast()
	w.mu.Unlock()
}

// stop ends the listers and waits until they have returned; a listing
// under way ends with ctx.
func (w *treeWalk) stop() {
	w.mu.Lock()
	w.closed = true
	w.cond.Broadcast()
	w.mu.Unlock()
	w.wg.Wait()
}

// listers are the listers of one side: min(--parallel, maxListers) of
// them. The side's own connection (the shell's, or the local disk) is
// one; on a remote side the others are the queue's connections
// (Queue.List), dialled with the side's settings, on slots of the same
// server limit as the copies, with the queue's handling of 421 and of
// broken connections. A listing on the shell's connection is retried by
// the same rules (Queue.Retrying): a stalled data connection costs a
// try, not the folder.
func (m *mirrorRun) listers(fsys session.FS, cfg *session.Config) []lister {
	if cfg == nil {
		out := []lister{fsys.List}
		for len(out) < min(m.o.parallel, maxListers) {
			out = append(out, fsys.List) // the local disk: any number at once
		}
		return out
	}
	c, q, tries := *cfg, m.q, m.tries
	own := func(ctx context.Context, dir string) (l session.Listing, err error) {
		err = q.Retrying(ctx, "list", dir, tries, func() (err error) {
			l, err = fsys.List(ctx, dir)
			return err
		})
		return l, err
	}
	out := []lister{own}
	for len(out) < min(m.o.parallel, maxListers) {
		out = append(out, func(ctx context.Context, dir string) (session.Listing, error) {
			return q.List(ctx, c, dir, tries)
		})
	}
	return out
}

// walkSide walks one side's tree from root, handing each listed folder to
// visit in walking order; visit returns the subfolders to walk, or an
// error that stops the walk. A subfolder that cannot be listed is
// reported in errs and counted in n, and the walk goes on without it. The
// error returned is what stopped the walk: the root's listing, visit, or
// ctx. Every lister has returned when walkSide does.
func (m *mirrorRun) walkSide(ctx context.Context, fsys session.FS, root string, cfg *session.Config, n *walkCount,
	errs *error, visit func(rel string, l session.Listing) ([]string, error)) error {
	w := startWalk(ctx, func(rel string) string { return fsys.Join(root, rel) }, m.listers(fsys, cfg))
	defer w.stop()
	for {
		f, err := w.next()
		if f == nil {
			return err
		}
		n.folders++
		switch {
		case f.err != nil && f.rel == "":
			return f.err
		case f.err != nil && ctx.Err() != nil:
			return ctx.Err()
		case f.err != nil:
			n.failed = append(n.failed, f.rel)
			*errs = errors.Join(*errs, fmt.Errorf("mirror: %w", f.err))
			continue
		}
		dirs, err := visit(f.rel, f.l)
		if err != nil {
			return err
		}
		w.push(dirs)
	}
}

// walkTarget reads the target tree into dt. A target that cannot be
// listed at all is taken as missing (it is created); a folder below it
// that cannot be listed is reported (dstErrs), and what is in it is not
// taken as absent.
func (m *mirrorRun) walkTarget(ctx context.Context) error {
	stop := m.walkSide(ctx, m.dst, m.dstRoot, m.dstCfg, &m.dstWalk, &m.dstErrs,
		func(rel string, l session.Listing) ([]string, error) {
			dirs, _, _ := m.dt.add(rel, l) // odd target names are simply not compared
			return m.entered(dirs), nil
		})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if stop != nil {
		m.dstWalk.folders = 0 // the target is missing: nothing was listed
	}
	return nil
}

// walkSource reads the source tree into st, for --dry-run.
func (m *mirrorRun) walkSource(ctx context.Context) error {
	var errs error
	stop := m.walkSide(ctx, m.src, m.srcRoot, m.srcCfg, &m.srcWalk, &errs,
		func(rel string, l session.Listing) ([]string, error) {
			dirs, _, err := m.st.add(rel, l)
			errs = errors.Join(errs, err)
			return m.entered(dirs), nil
		})
	return errors.Join(stop, errs)
}

// entered keeps the folders the walks go into: not those --exclude
// leaves out.
func (m *mirrorRun) entered(dirs []string) []string {
	out := dirs[:0:0]
	for _, d := range dirs {
		if m.o.wanted(d, true) {
			out = append(out, d)
		}
	}
	return out
}
