package transfer

import "container/heap"

// The scheduler keeps the queued jobs that may run, per pair of servers,
// in heaps ordered by queue rank: a worker looking for work looks at the
// first job of each pair instead of walking the whole queue past
// thousands of finished jobs. Folder removals (KindRemoveDir) join a heap
// only once nothing under their folder is left to do; every job counts
// its unfinished descendants for that, kept up to date as states change.

// runGroup is the queued jobs of one pair of sides (source and target
// login): they need the same connection slots.
type runGroup struct {
	key  string
	jobs []*job // a heap by rank
}

func (g *runGroup) Len() int           { return len(g.jobs) }
func (g *runGroup) Less(a, b int) bool { return g.jobs[a].rank < g.jobs[b].rank }
func (g *runGroup) Swap(a, b int) {
	g.jobs[a], g.jobs[b] = g.jobs[b], g.jobs[a]
	g.jobs[a].hidx, g.jobs[b].hidx = a, b
}
func (g *runGroup) Push(x any) {
	j := x.(*job)
	j.hidx = len(g.jobs)
	g.jobs = append(g.jobs, j)
}
func (g *runGroup) Pop() any {
	j := g.jobs[len(g.jobs)-1]
	g.jobs[len(g.jobs)-1] = nil
	g.jobs = g.jobs[:len(g.jobs)-1]
	j.hidx = -1
	return j
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

// schedLocked puts j in or out of its heap to match its state: queued
// and not waiting for a folder's contents.
func (q *Queue) schedLocked(j *job) {
	want := j.st.State == Queued && !q.blockedLocked(j)
	switch {
	case want && j.hidx < 0:
		g := q.groups[j.groupKey]
		if g == nil {
			g = &runGroup{key: j.groupKey}
			q.groups[j.groupKey] = g
		}
		heap.Push(g, j)
	case !want && j.hidx >= 0:
		heap.Remove(q.groups[j.groupKey], j.hidx)
	}
	if j.st.Kind == KindRemoveDir && j.st.State == Queued && j.hidx < 0 && j.afterJob != nil {
		j.afterJob.waiters = append(j.afterJob.waiters, j)
	}
}

// reorderLocked restores j's heap after its rank changed (Move).
func (q *Queue) reorderLocked(j *job) {
	if j.hidx >= 0 {
		heap.Fix(q.groups[j.groupKey], j.hidx)
	}
}

// nextLocked takes the first queued job, in queue order, whose servers
// have a free slot, and reserves the slots; nil when none can run now.
func (q *Queue) nextLocked() *job {
	var tried []*runGroup
	for {
		var best *runGroup
		for _, g := range q.groups {
			if len(g.jobs) > 0 && !contains(tried, g) && (best == nil || g.jobs[0].rank < best.jobs[0].rank) {
				best = g
			}
		}
		if best == nil {
			return nil
		}
		if j := best.jobs[0]; q.reserveLocked(j) {
			heap.Pop(best)
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
