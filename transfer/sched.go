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
	ready []*dirQueue // a heap of the folders with queued jobs
}

// dirQueue is one target folder's queued jobs (a heap by rank) and how
// many of its jobs run.
type dirQueue struct {
	key    string
	jobs   []*job
	active int
	hidx   int // place in runGroup.ready; -1: not there
}

func (d *dirQueue) Len() int           { return len(d.jobs) }
func (d *dirQueue) Less(a, b int) bool { return d.jobs[a].rank < d.jobs[b].rank }
func (d *dirQueue) Swap(a, b int) {
	d.jobs[a], d.jobs[b] = d.jobs[b], d.jobs[a]
	d.jobs[a].hidx, d.jobs[b].hidx = a, b
}
func (d *dirQueue) Push(x any) {
	j := x.(*job)
	j.hidx = len(d.jobs)
	d.jobs = append(d.jobs, j)
}
func (d *dirQueue) Pop() any {
	j := d.jobs[len(d.jobs)-1]
	d.jobs[len(d.jobs)-1] = nil
	d.jobs = d.jobs[:len(d.jobs)-1]
	j.hidx = -1
	return j
}

func (g *runGroup) Len() int { return len(g.ready) }
func (g *runGroup) Less(a, b int) bool {
	x, y := g.ready[a], g.ready[b]
	if x.active != y.active {
		return x.active < y.active
	}
	return x.jobs[0].rank < y.jobs[0].rank
}
func (g *runGroup) Swap(a, b int) {
	g.ready[a], g.ready[b] = g.ready[b], g.ready[a]
	g.ready[a].hidx, g.ready[b].hidx = a, b
}
func (g *runGroup) Push(x any) {
	d := x.(*dirQueue)
	d.hidx = len(g.ready)
	g.ready = append(g.ready, d)
}
func (g *runGroup) Pop() any {
	d := g.ready[len(g.ready)-1]
	g.ready[len(g.ready)-1] = nil
	g.ready = g.ready[:len(g.ready)-1]
	d.hidx = -1
	return d
}

// top is the job the group would run next.
func (g *runGroup) top() *job { return g.ready[0].jobs[0] }

// fix puts d in its place among the ready folders after its jobs or its
// activity changed; a folder without queued jobs leaves them, and one
// with neither queued nor running jobs is forgotten.
func (g *runGroup) fix(d *dirQueue) {
	switch {
	case len(d.jobs) > 0 && d.hidx < 0:
		heap.Push(g, d)
	case len(d.jobs) > 0:
		heap.Fix(g, d.hidx)
	case d.hidx >= 0:
		heap.Remove(g, d.hidx)
	}
	if len(d.jobs) == 0 && d.active == 0 {
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
		g = &runGroup{dirs: map[string]*dirQueue{}}
		q.groups[j.groupKey] = g
	}
	d := g.dirs[j.dirKey]
	if d == nil {
		d = &dirQueue{key: j.dirKey, hidx: -1}
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
		heap.Push(d, j)
	case !want && j.hidx >= 0:
		heap.Remove(d, j.hidx)
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
		heap.Fix(d, j.hidx)
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
			if len(g.ready) > 0 && !contains(tried, g) && (best == nil || g.top().rank < best.top().rank) {
				best = g
			}
		}
		if best == nil {
			return nil
		}
		if j := best.top(); q.reserveLocked(j) {
			d := best.ready[0]
			heap.Pop(d)
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
