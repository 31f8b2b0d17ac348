package shell

import (
	"context"
	"errors"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/ftpane/ftpane/session"
)

// mirrorJob is one file to copy.
type mirrorJob struct {
	rel    string
	entry  session.Entry
	offset int64
}

// mirrorRun is one mirror command in progress.
type mirrorRun struct {
	s                *Shell
	o                mirrorOpts
	src, dst         session.FS
	srcRoot, dstRoot string
	st, dt           *tree
	dtDirs           map[string]bool // dt.dirs, for lookups
}

// cmdMirror copies a tree, as lftp's mirror does. The copy starts as soon
// as the first folder is listed: while the current connection lists the
// source (or makes the target's folders), the others already transfer.
func (s *Shell) cmdMirror(ctx context.Context, args []string) error {
	o, err := parseMirror(args)
	if err != nil {
		return err
	}
	m := &mirrorRun{s: s, o: o, st: newTree(), dt: newTree()}
	m.roots()
	_ = walk(ctx, m.dst, m.dstRoot, "", m.dt) // a missing target is created
	if o.dryRun {
		if err := walk(ctx, m.src, m.srcRoot, "", m.st); err != nil {
			return err
		}
		m.print(m.plan())
		return nil
	}
	started, walkErr, copyErr := m.run(ctx)
	if started == 0 && walkErr != nil && len(m.st.dirs) == 0 && len(m.st.files) == 0 {
		return walkErr // the source itself could not be read
	}
	err = errors.Join(walkErr, copyErr)
	if o.del {
		if walkErr != nil {
			s.printf("mirror: not deleting anything: the source was not read completely\n")
		} else {
			err = errors.Join(err, m.remove(ctx))
		}
	}
	s.printf("Total: %d directories, %d files; %d transferred\n", len(m.st.dirs)+1, len(m.st.files), started)
	return err
}

// roots resolves source and target: remote paths absolute (extra
// connections start in the login folder), local ones under lcd's folder.
func (m *mirrorRun) roots() {
	r := m.s.cur.remote
	abs := func(p string) string {
		if path.IsAbs(p) {
			return path.Clean(p)
		}
		return path.Join(r.Getwd(), p)
	}
	dst := m.o.dst
	if dst == "" {
		dst = path.Base(path.Clean(m.o.src))
	}
	if m.o.reverse {
		m.src, m.srcRoot = session.Local{}, m.s.localPath(m.o.src)
		m.dst, m.dstRoot = r, abs(dst)
		return
	}
	m.src, m.srcRoot = r, abs(m.o.src)
	m.dst, m.dstRoot = session.Local{}, m.s.localPath(dst)
}

// plan lists the files to copy (for --dry-run), sorted.
func (m *mirrorRun) plan() []mirrorJob {
	var jobs []mirrorJob
	for rel, e := range m.st.files {
		if j, ok := m.decide(rel, e); ok {
			jobs = append(jobs, j)
		}
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].rel < jobs[j].rel })
	return jobs
}

// decide says whether a source file is copied: missing at the target, of
// another size, newer at the source (only newer with --only-newer),
// resumed with --continue.
func (m *mirrorRun) decide(rel string, e session.Entry) (mirrorJob, bool) {
	if !m.o.wanted(rel, false) {
		return mirrorJob{}, false
	}
	d, exists := m.dt.files[rel]
	newer := exists && e.ModTime.After(d.ModTime)
	switch {
	case !exists:
		return mirrorJob{rel: rel, entry: e}, true
	case m.o.cont && d.Size < e.Size:
		return mirrorJob{rel: rel, entry: e, offset: d.Size}, true
	case m.o.onlyNewer:
		return mirrorJob{rel: rel, entry: e}, newer
	case newer || d.Size != e.Size:
		return mirrorJob{rel: rel, entry: e}, true
	}
	return mirrorJob{}, false
}

func (m *mirrorRun) print(jobs []mirrorJob) {
	for _, d := range m.st.dirs {
		if m.o.wanted(d, true) && !m.hasDir(d) {
			m.s.printf("mkdir %s\n", m.dst.Join(m.dstRoot, d))
		}
	}
	verb := "get"
	if m.o.reverse {
		verb = "put"
	}
	for _, j := range jobs {
		m.s.printf("%s %s -> %s\n", verb, m.src.Join(m.srcRoot, j.rel), m.dst.Join(m.dstRoot, j.rel))
	}
	if m.o.del {
		for _, rel := range m.extra() {
			m.s.printf("rm %s\n", m.dst.Join(m.dstRoot, rel))
		}
		for _, d := range m.extraDirs() {
			m.s.printf("rm -r %s\n", m.dst.Join(m.dstRoot, d))
		}
	}
}

func (m *mirrorRun) hasDir(d string) bool {
	if m.dtDirs == nil {
		m.dtDirs = make(map[string]bool, len(m.dt.dirs))
		for _, x := range m.dt.dirs {
			m.dtDirs[x] = true
		}
	}
	return m.dtDirs[d]
}

// mkdirRoot creates the target root when the target has nothing yet.
func (m *mirrorRun) mkdirRoot(ctx context.Context) error {
	if len(m.dt.dirs) > 0 || len(m.dt.files) > 0 {
		return nil
	}
	if err := m.dst.Mkdir(ctx, m.dstRoot); err != nil {
		if _, serr := m.dst.Stat(ctx, m.dstRoot); serr != nil {
			return err
		}
	}
	return nil
}

// mkdir creates one source folder at the target unless it is there.
func (m *mirrorRun) mkdir(ctx context.Context, d string) error {
	if !m.o.wanted(d, true) || m.hasDir(d) {
		return nil
	}
	m.s.printf("Making directory `%s'\n", d)
	return m.dst.Mkdir(ctx, m.dst.Join(m.dstRoot, d))
}

// extra lists target files the source does not have (for --delete).
func (m *mirrorRun) extra() []string {
	var out []string
	for rel := range m.dt.files {
		if _, ok := m.st.files[rel]; !ok && m.o.wanted(rel, false) {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// extraDirs lists the top target folders the source does not have.
func (m *mirrorRun) extraDirs() []string {
	src := map[string]bool{"": true, ".": true}
	for _, d := range m.st.dirs {
		src[d] = true
	}
	var out []string
	for _, d := range m.dt.dirs {
		if !src[d] && src[path.Dir(d)] && m.o.wanted(d, true) {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

func (m *mirrorRun) remove(ctx context.Context) error {
	var errs error
	for _, rel := range m.extra() {
		if m.inExtraDir(rel) {
			continue
		}
		m.s.printf("Removing old file `%s'\n", rel)
		errs = errors.Join(errs, m.dst.Remove(ctx, m.dst.Join(m.dstRoot, rel)))
	}
	for _, d := range m.extraDirs() {
		m.s.printf("Removing old directory `%s'\n", d)
		errs = errors.Join(errs, m.dst.RemoveAll(ctx, m.dst.Join(m.dstRoot, d)))
	}
	return errs
}

// inExtraDir reports a file that goes with its whole folder.
func (m *mirrorRun) inExtraDir(rel string) bool {
	for _, d := range m.extraDirs() {
		if strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

// run walks the source on the current connection and copies what
// decide picks on o.parallel connections: o.parallel-1 extra ones,
// dialled at once and busy from the first listed folder, and the current
// one when the walk is done. It returns how many copies it queued.
func (m *mirrorRun) run(ctx context.Context) (queued int, walkErr, copyErr error) {
	// The root first: a source that cannot be read makes nothing and
	// dials nothing.
	root, err := m.src.List(ctx, m.srcRoot)
	if err != nil {
		return 0, err, nil
	}
	if err := m.mkdirRoot(ctx); err != nil {
		return 0, err, nil
	}
	q := newJobQueue()
	var mu sync.Mutex
	var refused []error
	stopped := false
	work := func(c *session.Remote) {
		for j, done, ok := q.take(); ok; j, done, ok = q.take() {
			err := ctx.Err()
			if err == nil {
				err = m.one(ctx, c, j)
			}
			done()
			mu.Lock()
			if err != nil && !(stopped && err == ctx.Err()) {
				copyErr = errors.Join(copyErr, err)
			}
			stopped = stopped || ctx.Err() != nil
			mu.Unlock()
		}
	}
	// Extra connections are dialled as files come: one per queued file up
	// to o.parallel-1, none when the target is already up to date.
	var wg sync.WaitGroup
	cfg := m.s.cur.remote.Config()
	extra := m.o.parallel - 1
	// The transfer queue logs in on its own: its jobs need no connection
	// of ours, only someone waiting for each.
	_, queue := m.s.xfer.(Queued)
	walkErr = m.walkListed(ctx, "", root, func(jobs []mirrorJob) {
		q.putFolder(jobs)
		for range min(len(jobs), extra-queued) {
			wg.Go(func() {
				if queue {
					work(m.s.cur.remote)
					return
				}
				c, err := m.s.dial(ctx, cfg)
				if err != nil {
					mu.Lock()
					refused = append(refused, err)
					mu.Unlock()
					return
				}
				defer c.Close()
				work(c)
			})
		}
		queued += len(jobs)
	})
	q.close()
	work(m.s.cur.remote)
	wg.Wait()
	if len(refused) > 0 {
		m.s.printf("mirror: used %d connection(s): %v\n", min(queued, extra)+1-len(refused), refused[0])
	}
	return queued, walkErr, copyErr
}

// walkListed goes through one listed source folder: it makes the
// folder's subfolders at the target, queues its files, then lists and
// walks each subfolder, all on the current connection, so the copies run
// while the tree is still being read. Names that cannot be local file
// names are refused (a server must not choose where files land).
func (m *mirrorRun) walkListed(ctx context.Context, rel string, l session.Listing, queue func([]mirrorJob)) error {
	dirs, names, errs := m.st.add(rel, l)
	for _, d := range dirs {
		errs = errors.Join(errs, m.mkdir(ctx, d))
	}
	var files []mirrorJob
	for _, r := range names {
		if j, ok := m.decide(r, m.st.files[r]); ok {
			files = append(files, j)
		}
	}
	queue(files)
	for _, d := range dirs {
		if ctx.Err() != nil {
			return errors.Join(errs, ctx.Err())
		}
		sub, err := m.src.List(ctx, m.src.Join(m.srcRoot, d))
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		errs = errors.Join(errs, m.walkListed(ctx, d, sub, queue))
	}
	return errs
}

// jobQueue hands mirror's files to the connections, spreading them over
// folders: each connection takes from the folder fewest others are in, so
// two connections rarely create files in one folder at once (on ext4 the
// second spins on the folder's lock: 6% of a 10,000-file mirror's CPU,
// and the server's disk has the same lock on uploads). It is unbounded, so
// the walk never waits for a transfer, nor hangs when no extra connection
// could log in.
type jobQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	folders []*jobFolder
	closed  bool
}

type jobFolder struct {
	jobs   []mirrorJob
	active int // connections copying one of its files
}

func newJobQueue() *jobQueue {
	q := &jobQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// putFolder queues one folder's files.
func (q *jobQueue) putFolder(jobs []mirrorJob) {
	if len(jobs) == 0 {
		return
	}
	q.mu.Lock()
	q.folders = append(q.folders, &jobFolder{jobs: jobs})
	q.mu.Unlock()
	q.cond.Broadcast()
}

// close says no more jobs come; take drains what is left.
func (q *jobQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// take waits for the next job; false when the queue is closed and empty.
// done must be called when the job is finished.
func (q *jobQueue) take() (j mirrorJob, done func(), ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		var best *jobFolder
		for _, f := range q.folders {
			if len(f.jobs) > 0 && (best == nil || f.active < best.active) {
				best = f
				if f.active == 0 {
					break
				}
			}
		}
		if best != nil {
			j = best.jobs[0]
			best.jobs[0] = mirrorJob{}
			best.jobs = best.jobs[1:]
			best.active++
			q.dropEmpty()
			return j, func() {
				q.mu.Lock()
				best.active--
				q.mu.Unlock()
			}, true
		}
		if q.closed {
			return mirrorJob{}, nil, false
		}
		q.cond.Wait()
	}
}

// dropEmpty forgets leading folders with nothing left to hand out, so
// take does not scan a long tail of finished folders.
func (q *jobQueue) dropEmpty() {
	i := 0
	for i < len(q.folders) && len(q.folders[i].jobs) == 0 {
		i++
	}
	q.folders = q.folders[i:]
}

// one copies one file over connection c and gives it the source's time.
func (m *mirrorRun) one(ctx context.Context, c *session.Remote, j mirrorJob) error {
	m.s.printf("Transferring file `%s'\n", j.rel)
	req := Request{Src: m.src, SrcPath: m.src.Join(m.srcRoot, j.rel), Dst: m.dst,
		DstPath: m.dst.Join(m.dstRoot, j.rel), Offset: j.offset}
	if m.o.reverse {
		req.Dst = c
	} else {
		req.Src = c
	}
	if _, err := m.s.xfer.Transfer(ctx, req); err != nil {
		return err
	}
	if !j.entry.ModTime.IsZero() && !m.o.reverse {
		_ = req.Dst.Chtimes(ctx, req.DstPath, j.entry.ModTime)
	}
	return nil
}
