package transfer

import (
	"container/heap"
	"strings"
)

// The scheduler keeps the queued jobs that may run, per pair of servers
// and per target folder, in heaps ordered by queue rank: a worker looking
// for work looks at the first folder of each pair instead of walking the
// whole queue past thousands of finished jobs. Folders are ordered by how
// many of their jobs run, then by rank, so that workers spread over
// folders: every file a worker creates in a folder takes that folder's
// lock, and eight workers creating files in one folder spent a third of
// ftpane's CPU spinning on it. Within a folder, and among folders equally
// busy, jobs run in queue order. Folder removals (KindRemoveDir) join a
// heap only once nothing under their folder is left to do; every job
// counts its unfinished descendants for that, kept up to date as states
// change.

// runGroup is the queued jobs of one pair of sides (source and target
// login), which need the same connection slots, by target folder.
type runGroup struct {
	dirs  map[string]*dirQueue
	ready indexed[*dirQueue] // the folders with queued jobs
}

// dirQueue is one target folder's queued jobs and how many of its jobs
// run.
type dirQueue struct {
	key    string
	jobs   indexed[*job] // by rank
	active int
	hidx   int // place in runGroup.ready; -1: not there
}

// indexed is a heap whose items know their place in it (for Fix and
// Remove); place(x, -1) says x left.
type indexed[T any] struct {
	items []T
	less  func(a, b T) bool
	place func(x T, i int)
}

func (h *indexed[T]) Len() int           { return len(h.items) }
func (h *indexed[T]) Less(a, b int) bool { return h.less(h.items[a], h.items[b]) }
func (h *indexed[T]) Swap(a, b int) {
	h.items[a], h.items[b] = h.items[b], h.items[a]
	h.place(h.items[a], a)
	h.place(h.items[b], b)
}
func (h *indexed[T]) Push(x any) {
	h.place(x.(T), len(h.items))
	h.items = append(h.items, x.(T))
}
func (h *indexed[T]) Pop() any {
	var zero T
	n := len(h.items) - 1
	x := h.items[n]
	h.items[n] = zero
	h.items = h.items[:n]
	h.place(x, -1)
	return x
}

func newGroup() *runGroup {
	return &runGroup{dirs: map[string]*dirQueue{}, ready: indexed[*dirQueue]{
		less: func(x, y *dirQueue) bool {
			if lx, ly := x.lists(), y.lists(); lx != ly {
				return lx
			}
			if x.active != y.active {
				return x.active < y.active
			}
			return x.jobs.items[0].rank < y.jobs.items[0].rank
		},
		place: func(d *dirQueue, i int) { d.hidx = i },
	}}
}

// lists reports whether d's next job lists a folder (a tree job). Those
// go first: a tree is known sooner, and its files then spread the
// workers over all its folders. Files queued in one or two folders, as
// they were while most folders waited to be listed behind them, put
// several workers creating files in the same folder, and open() took
// twice as long (F5 of 10,000 files in 100 folders: 3.2 s of CPU in
// openat, where mirror, which lists first, spent 1.8 s).
func (d *dirQueue) lists() bool { return d.jobs.items[0].st.Kind == KindTree }

func newDirQueue(key string) *dirQueue {
	return &dirQueue{key: key, hidx: -1, jobs: indexed[*job]{
		less:  func(a, b *job) bool { return a.rank < b.rank },
		place: func(j *job, i int) { j.hidx = i },
	}}
}

// top is the job the group would run next.
func (g *runGroup) top() *job { return g.ready.items[0].jobs.items[0] }

// fix puts d in its place among the ready folders after its jobs or its
// activity changed; a folder without queued jobs leaves them, and one
// with neither queued nor running jobs is forgotten.
func (g *runGroup) fix(d *dirQueue) {
	queued := len(d.jobs.items) > 0
	switch {
	case queued && d.hidx < 0:
		heap.Push(&g.ready, d)
	case queued:
		heap.Fix(&g.ready, d.hidx)
	case d.hidx >= 0:
		heap.Remove(&g.ready, d.hidx)
	}
	if !queued && d.active == 0 {
		delete(g.dirs, d.key)
	}
}

// groupKey names the connection slots a job needs.
func groupKey(js *JobState) string {
	k := ""
	if js.Src.Remote != nil {
		k = poolKey(js.Src.Remote)
	}
	k += "\x00"
	if js.Dst.Remote != nil {
		k += poolKey(js.Dst.Remote)
	}
	return k
}

// dirKey is the folder a job writes in (for a folder removal, the one it
// deletes from).
func dirKey(js *JobState) string {
	p := js.DstPath
	if js.Kind == KindRemoveDir {
		p = js.SrcPath
	}
	if k := strings.LastIndexAny(p, `/\`); k >= 0 {
		return p[:k]
	}
	return ""
}

// dirLocked is j's folder queue, made when missing.
func (q *Queue) dirLocked(j *job) (*runGroup, *dirQueue) {
	g := q.groups[j.groupKey]
	if g == nil {
		g = newGroup()
		q.groups[j.groupKey] = g
	}
	d := g.dirs[j.dirKey]
	if d == nil {
		d = newDirQueue(j.dirKey)
		g.dirs[j.dirKey] = d
	}
	return g, d
}

// schedLocked puts j in or out of its folder's heap to match its state
// (queued and not waiting for a folder's contents), and counts it among
// its folder's running jobs while it moves bytes.
func (q *Queue) schedLocked(j *job) {
	want := j.st.State == Queued && !q.blockedLocked(j)
	running := j.st.State == Active || j.st.State == Verifying
	if want == (j.hidx >= 0) && running == j.running {
		q.waitLocked(j)
		return
	}
	g, d := q.dirLocked(j)
	switch {
	case want && j.hidx < 0:
		heap.Push(&d.jobs, j)
	case !want && j.hidx >= 0:
		heap.Remove(&d.jobs, j.hidx)
	}
	if running != j.running {
		j.running = running
		if running {
			d.active++
		} else {
			d.active--
		}
	}
	g.fix(d)
	q.waitLocked(j)
}

// waitLocked makes a queued folder removal wait for its folder.
func (q *Queue) waitLocked(j *job) {
	if j.st.Kind == KindRemoveDir && j.st.State == Queued && j.hidx < 0 && j.afterJob != nil {
		j.afterJob.waiters = append(j.afterJob.waiters, j)
	}
}

// reorderLocked restores j's heap after its rank changed (Move).
func (q *Queue) reorderLocked(j *job) {
	if j.hidx >= 0 {
		g, d := q.dirLocked(j)
		heap.Fix(&d.jobs, j.hidx)
		g.fix(d)
	}
}

// nextLocked takes the job to run next: of the groups whose servers have
// a free slot, the one whose next job comes first; the slots are
// reserved. Nil when none can run now.
func (q *Queue) nextLocked() *job {
	var tried []*runGroup
	for {
		var best *runGroup
		for _, g := range q.groups {
			if g.ready.Len() > 0 && !contains(tried, g) && (best == nil || g.top().rank < best.top().rank) {
				best = g
			}
		}
		if best == nil {
			return nil
		}
		if j := best.top(); q.reserveLocked(j) {
			d := best.ready.items[0]
			heap.Pop(&d.jobs)
			best.fix(d)
			return j
		}
		tried = append(tried, best)
	}
}

func contains(gs []*runGroup, g *runGroup) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// blockedLocked reports whether a KindRemoveDir job must still wait: some
// job under its folder has not finished.
func (q *Queue) blockedLocked(j *job) bool {
	if j.st.Kind != KindRemoveDir {
		return false
	}
	t := j.afterJob
	return t != nil && (t.pending > 0 || !t.st.State.Final())
}

// countLocked updates the counts j's ancestors keep of it (unfinished;
// not done) after its state changed or it left the queue (gone), and
// wakes folder removals whose folder has nothing left to do.
func (q *Queue) countLocked(j *job, gone bool) {
	pending := !gone && !j.st.State.Final()
	notDone := !gone && j.st.State != Done
	dp, dn := delta(j.inPending, pending), delta(j.inNotDone, notDone)
	j.inPending, j.inNotDone = pending, notDone
	if dp == 0 && dn == 0 {
		return
	}
	for p := j.parent; p != nil; p = p.parent {
		p.pending += dp
		p.notDone += dn
		if dp < 0 && p.pending == 0 {
			q.wakeLocked(p)
		}
	}
	if j.st.Kind == KindTree && dp < 0 && j.pending == 0 {
		q.wakeLocked(j)
	}
}

func delta(was, is bool) int {
	switch {
	case is && !was:
		return 1
	case was && !is:
		return -1
	}
	return 0
}

// wakeLocked queues the folder removals that waited for tree.
func (q *Queue) wakeLocked(tree *job) {
	ws := tree.waiters
	tree.waiters = nil
	for _, w := range ws {
		q.schedLocked(w)
	}
}

// leftUnderLocked is how many jobs under the folder the removal j waited
// for did not end done: a moved folder is only deleted when none.
func (q *Queue) leftUnderLocked(j *job) int {
	if j.afterJob != nil {
		return j.afterJob.notDone
	}
	return 0
}
