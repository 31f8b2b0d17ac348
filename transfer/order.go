package transfer

import "math"

// jobList is the queue order: a doubly linked list through the jobs, so
// that adding a folder's entries after it, moving a job and removing one
// cost the same with 100 jobs as with 100,000. Each job also carries a
// rank that grows along the list, so that two jobs compare in O(1)
// (the runnable heaps order by it).
type jobList struct {
	head, tail *job
	n          int
}

// rankStep is the gap left between two jobs appended at the end.
const rankStep = 1 << 32

// rankSpan is the range relabel spreads the jobs over; the ranks above
// it are left for appending.
const rankSpan = 1 << 62

// pushBack appends j.
func (l *jobList) pushBack(j *job) {
	if l.tail == nil {
		l.head, l.tail, j.prev, j.next, j.rank = j, j, nil, nil, rankStep
		l.n = 1
		return
	}
	if l.tail.rank > math.MaxUint64-rankStep {
		l.relabel()
	}
	j.prev, j.next, j.rank = l.tail, nil, l.tail.rank+rankStep
	l.tail.next, l.tail = j, j
	l.n++
}

// insertAfter puts the run js right after a (at the front when a is
// nil), ranks spread evenly over the gap so that later runs inserted
// among them rarely need a relabel (which keeps the order, so the heaps
// ordered by rank stay valid).
func (l *jobList) insertAfter(a *job, js []*job) {
	next := l.head
	if a != nil {
		next = a.next
	}
	if next == nil {
		for _, j := range js {
			l.pushBack(j)
		}
		return
	}
	if gapOf(a, next)/uint64(len(js)+1) == 0 {
		l.relabel()
	}
	lo, step := rankOf(a), gapOf(a, next)/uint64(len(js)+1)
	prev := a
	for i, j := range js {
		j.rank = lo + step*uint64(i+1)
		j.prev, j.next = prev, next
		l.link(prev, j)
		prev = j
	}
	next.prev = prev
	l.n += len(js)
}

func (l *jobList) link(prev, j *job) {
	if prev == nil {
		l.head = j
	} else {
		prev.next = j
	}
}

func rankOf(a *job) uint64 {
	if a == nil {
		return 0
	}
	return a.rank
}

func gapOf(a, b *job) uint64 { return b.rank - rankOf(a) }

// remove unlinks j.
func (l *jobList) remove(j *job) {
	if j.prev != nil {
		j.prev.next = j.next
	} else {
		l.head = j.next
	}
	if j.next != nil {
		j.next.prev = j.prev
	} else {
		l.tail = j.prev
	}
	j.prev, j.next = nil, nil
	l.n--
}

// swapNext exchanges j with the job after it (places and ranks).
func (l *jobList) swapNext(j *job) {
	b := j.next
	if b == nil {
		return
	}
	j.rank, b.rank = b.rank, j.rank
	l.remove(j)
	j.prev, j.next = b, b.next
	if b.next != nil {
		b.next.prev = j
	} else {
		l.tail = j
	}
	b.next = j
	l.n++
}

// relabel spreads the ranks evenly over rankSpan, keeping the order.
func (l *jobList) relabel() {
	step := uint64(rankSpan) / uint64(l.n+2)
	r := step
	for j := l.head; j != nil; j = j.next {
		j.rank = r
		r += step
	}
}
