package transfer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// keepFinished is how many finished jobs the journal keeps, the latest to
// finish: enough for the view after a restart, never every job of every
// earlier run.
const keepFinished = 200

// replayed is one job read back from the journal.
type replayed struct {
	rec    record // the add record, with the latest state and target
	hasJob bool
	fin    int // the line that made it final (0: unfinished)
}

// readJournal replays the journal's lines; a line torn by a crash is
// skipped.
func readJournal(path string) ([]*replayed, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var order []*replayed
	byID := map[ID]*replayed{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		applyRecord(r, line, byID, &order)
	}
	order = slices.DeleteFunc(order, func(p *replayed) bool { return byID[p.rec.ID] != p || !p.hasJob })
	return order, sc.Err()
}

func applyRecord(r record, line int, byID map[ID]*replayed, order *[]*replayed) {
	switch r.Op {
	case "add":
		p := &replayed{rec: r, hasJob: r.Job != nil}
		byID[r.ID] = p
		*order = append(*order, p)
		p.finished(line)
	case "set":
		if p := byID[r.ID]; p != nil {
			p.rec.State, p.rec.Target, p.rec.Err, p.rec.Verified = r.State, r.Target, r.Err, r.Verified
			if r.Size > 0 && p.hasJob {
				p.rec.Job.Size = r.Size
			}
			if p.hasJob {
				p.rec.Job.Limit = r.Limit // every set line carries the limit now
			}
			p.finished(line)
		}
	case "rm":
		delete(byID, r.ID)
	}
}

func (p *replayed) finished(line int) {
	p.fin = 0
	if parseState(p.rec.State).Final() {
		p.fin = line
	}
}

func parseState(s string) State {
	for i, n := range stateNames {
		if n == s {
			return State(i)
		}
	}
	return Paused
}

// kept is what of a replayed journal comes back: every unfinished job,
// the folder jobs those hang from, and the latest finished ones.
func kept(all []*replayed) []*replayed {
	fins := []int{}
	byID := make(map[ID]*replayed, len(all))
	for _, p := range all {
		byID[p.rec.ID] = p
		if p.fin > 0 {
			fins = append(fins, p.fin)
		}
	}
	slices.Sort(fins)
	cut := 0
	if len(fins) > keepFinished {
		cut = fins[len(fins)-keepFinished-1]
	}
	need := map[ID]bool{}
	for _, p := range all {
		if p.fin == 0 {
			for id := p.rec.Job.Parent; id != 0 && !need[id] && byID[id] != nil; id = byID[id].rec.Job.Parent {
				need[id] = true
			}
			need[p.rec.Job.After] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(all), func(p *replayed) bool {
		return p.fin != 0 && p.fin <= cut && !need[p.rec.ID]
	})
}

// openJournal restores the jobs of an earlier run (unfinished ones
// paused, with the bytes their .part holds), rewrites the journal
// compactly and keeps it open for appends.
func (q *Queue) openJournal() error {
	path := q.opts.JournalPath
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	lock, err := lockJournal(path)
	if err != nil {
		return err
	}
	old, rerr := readJournal(path)
	q.mu.Lock()
	for _, p := range kept(old) {
		q.restoreLocked(p.rec)
	}
	q.linkRestoredLocked()
	snap := q.journalSnapshotLocked()
	q.mu.Unlock()
	jr, err := openWriter(path, lock, snap)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return fmt.Errorf("journal: %w", err)
	}
	q.jr = jr
	return rerr
}

func (q *Queue) restoreLocked(r record) {
	s := parseState(r.State)
	if !s.Final() {
		s = Paused
	}
	var err error
	if r.Err != "" {
		err = errors.New(r.Err)
	}
	prev := q.nextID
	q.nextID = r.ID // the job keeps the journal's ID
	jb := q.newJobLocked(r.Job.job(q.opts.Restore), s, err, r.Job.After)
	q.nextID = max(prev, r.ID+1)
	jb.st.Target, jb.st.verified = r.Target, r.Verified
	if !s.Final() {
		jb.st.Done = q.partBytes(jb.st)
	}
	at := q.list.tail
	if p := q.byID[r.Job.Prev]; p != nil {
		at = p
	}
	q.list.insertAfter(at, []*job{jb})
	q.enterLocked(jb)
}

// linkRestoredLocked links jobs restored before the folder job they hang
// from or wait for (a job moved ahead of its folder), and counts them.
func (q *Queue) linkRestoredLocked() {
	for j := q.list.head; j != nil; j = j.next {
		p, a := q.byID[j.st.Parent], q.byID[j.st.after]
		if (p == nil || j.parent == p) && (a == nil || j.afterJob == a) {
			continue
		}
		q.countLocked(j, true)
		j.parent, j.afterJob = p, a
		q.countLocked(j, false)
	}
}

// partBytes is how much of a restored download the local disk holds: the
// size of NAME.part, or for a segmented one the bytes its sidecar counts.
func (q *Queue) partBytes(js JobState) int64 {
	if js.Kind != KindFile || !js.Dst.IsLocal() {
		return 0
	}
	target := js.Target
	if target == "" {
		target = js.DstPath
	}
	part := partName(target)
	e, err := q.opts.Local.Stat(context.Background(), part)
	if err != nil {
		return 0
	}
	n := e.Size
	var plan segPlan
	if b, err := os.ReadFile(part + ".seg"); err == nil && json.Unmarshal(b, &plan) == nil &&
		len(plan.Segs) > 0 && plan.Size == e.Size {
		n = plan.done()
	}
	if js.Total > 0 {
		n = min(n, js.Total)
	}
	return n
}

// compactMargin is how many lines beyond one per job the journal may
// grow before it is compacted.
const compactMargin = 4096

// journalAddLocked journals a new job.
func (q *Queue) journalAddLocked(j *job) {
	if q.jr == nil || !journaled(j) {
		return
	}
	var prev ID
	if j.prev != nil {
		prev = j.prev.st.ID
	}
	q.jr.write(addRecord(j.st, prev))
	q.jrLines++
	q.maybeCompactLocked()
}

// journaled reports whether a job goes to the journal. An append or a
// store under a server-chosen name is not: done again after a crash it
// would append twice or make a second file, so it does not come back.
func journaled(j *job) bool { return !j.st.direct() }

// journalSetLocked journals a job's new state.
func (q *Queue) journalSetLocked(j *job) {
	if q.jr == nil || !journaled(j) {
		return
	}
	q.jr.update(j.st)
	q.jrLines++
	q.maybeCompactLocked()
}

// maybeCompactLocked has the journal rewritten once it holds, beyond
// what the last compaction wrote (at most one line per job), as many
// lines as the queue has jobs, plus a margin: the walk over the queue
// that takes is paid for by as many lines written, O(1) per change.
// Finished jobs then leave the journal, but for the latest keepFinished.
func (q *Queue) maybeCompactLocked() {
	if q.jrLines < 2*q.list.n+compactMargin {
		return
	}
	snap := q.journalSnapshotLocked()
	q.jr.request(&jrequest{compact: true, snap: snap, done: make(chan error, 1)})
}

// journalSnapshotLocked is the journal's compacted content, in queue
// order: one line per unfinished job, per folder job those hang from or
// wait for, and per job among the latest keepFinished to finish.
func (q *Queue) journalSnapshotLocked() []record {
	need := map[*job]bool{}
	for j := q.list.head; j != nil; j = j.next {
		if j.st.State.Final() {
			continue
		}
		for p := j.parent; p != nil && !need[p]; p = p.parent {
			need[p] = true
		}
		if j.afterJob != nil {
			need[j.afterJob] = true
		}
	}
	cut := q.finSeq - min(q.finSeq, keepFinished)
	var recs []record
	var prev ID
	for j := q.list.head; j != nil; j = j.next {
		if j.st.State.Final() && j.finSeq <= cut && !need[j] || !journaled(j) {
			continue
		}
		recs = append(recs, addRecord(j.st, prev))
		prev = j.st.ID
	}
	q.jrLines = len(recs)
	return recs
}
