package shell

import (
	"context"
	"errors"
	"fmt"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// mirrorSum is what a mirror's copies came to. done counts only copies
// the queue verified and renamed into place.
type mirrorSum struct {
	queued, done, failed int
	err                  error
}

// queued is one submitted file: its job and its relative name.
type queued struct {
	id  transfer.ID
	rel string
}

// run walks the source (several folders at a time, walkSide) and plans
// each listed folder's files at once, so the queue copies them while the
// rest of the tree is still being listed. The queue's workers carry the
// copies (at most --parallel at once in batch mode, the queue's limit in
// the TUI), with its .part files, verification, retries and 421 handling.
func (m *mirrorRun) run(ctx context.Context) (mirrorSum, error) {
	batches := make(chan []queued, 4096)
	waited := make(chan mirrorSum, 1)
	go func() { waited <- m.waitAll(ctx, m.q, batches) }()
	var walkErr, refused error
	stop := m.walkSide(ctx, m.src, m.srcRoot, m.srcCfg, &m.srcWalk, &walkErr,
		func(rel string, l session.Listing) ([]string, error) {
			// The root first: a source that cannot be read makes nothing.
			if rel == "" {
				if err := m.mkdirRoot(ctx); err != nil {
					return nil, err
				}
			}
			dirs, files, err := m.listed(ctx, rel, l)
			walkErr = errors.Join(walkErr, err)
			ids, err := m.submit(ctx, m.q, files)
			refused = errors.Join(refused, err)
			if len(ids) > 0 {
				batches <- ids
			}
			return dirs, nil
		})
	close(batches)
	sum := <-waited
	sum.err = errors.Join(refused, sum.err)
	return sum, errors.Join(walkErr, stop)
}

// submit plans one folder's files and queues them.
func (m *mirrorRun) submit(ctx context.Context, q *transfer.Queue, jobs []mirrorJob) ([]queued, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	src, dst := m.sideOf(m.src, m.srcRoot, m.srcCfg), m.sideOf(m.dst, m.dstRoot, m.dstCfg)
	req := transfer.Request{Src: src.ep, Dst: dst.ep, Type: session.TypeBinary, Conflict: transfer.Overwrite,
		MaxTries: m.s.set.retries + 1, Move: m.o.removeSource}
	if dst.ep.IsLocal() {
		// Folders below the target the user named must not lead elsewhere.
		req.DstFS, req.Root = dst.fs, m.dstRoot
	}
	resume := transfer.Resume
	for _, j := range jobs {
		it := transfer.Item{SrcPath: m.src.Join(m.srcRoot, j.rel), DstPath: m.dst.Join(m.dstRoot, j.rel),
			Name: j.entry.Name, Origin: transfer.FromListing, Size: j.entry.Size, ModTime: j.entry.ModTime,
			Fresh: j.fresh}
		if m.o.reverse {
			it.Origin = transfer.FromUser // local names, the user's own tree
		}
		if j.resume {
			it.Conflict = &resume
		}
		req.Items = append(req.Items, it)
	}
	plan, err := transfer.PlanCopy(ctx, req)
	if err != nil {
		return nil, err
	}
	var errs error
	for _, r := range plan.Refused {
		errs = errors.Join(errs, fmt.Errorf("mirror: %w", r.Err))
	}
	ids := q.Submit(plan)
	out := make([]queued, len(ids))
	for i, id := range ids {
		out[i] = queued{id: id, rel: m.relOf(plan.Jobs[i].DstPath)}
	}
	return out, errs
}

// sideOf names the root of one side for the queue.
func (m *mirrorRun) sideOf(fsys session.FS, root string, cfg *session.Config) side {
	if cfg != nil {
		return side{ep: transfer.RemoteEndpoint(*cfg), fs: fsys, path: root}
	}
	return localSide(root)
}

// relOf is a target path relative to the target root, for the report.
func (m *mirrorRun) relOf(p string) string {
	n := len(m.dstRoot)
	if len(p) > n && p[:n] == m.dstRoot {
		return p[n+1:]
	}
	return p
}

// waitAll waits for every submitted file in order, printing each as it
// ends; when ctx ends the rest is canceled.
func (m *mirrorRun) waitAll(ctx context.Context, q *transfer.Queue, batches <-chan []queued) mirrorSum {
	var sum mirrorSum
	for batch := range batches {
		for _, j := range batch {
			sum.queued++
			st, err := q.Wait(ctx, j.id, nil)
			switch {
			case err != nil:
				q.Cancel(j.id)
				sum.failed++
				sum.err = errors.Join(sum.err, fmt.Errorf("mirror: %s: %w", j.rel, err))
			case st.State == transfer.Done:
				sum.done++
				m.s.printf("Transferring file `%s'\n", j.rel)
			case st.State == transfer.Skipped:
			default:
				sum.failed++
				m.s.printf("mirror: %s: %v\n", j.rel, failText(st))
			}
		}
	}
	return sum
}

func failText(st transfer.JobState) string {
	if st.Err != nil {
		return st.Err.Error()
	}
	return st.State.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
