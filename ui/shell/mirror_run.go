package shell

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/mtime"
	"github.com/ftpane/ftpane/transfer"
)

// mirrorJob is one file to copy; resume continues a shorter target
// (--continue).
type mirrorJob struct {
	rel    string
	entry  session.Entry
	resume bool
	fresh  bool // the target has no such file (the planner skips its checks)
}

// mirrorRun is one mirror command in progress.
type mirrorRun struct {
	s                *Shell
	o                mirrorOpts
	src, dst         session.FS
	srcRoot, dstRoot string
	// srcCfg and dstCfg are the remote side's settings for the queue's
	// connections (nil for the local side).
	srcCfg, dstCfg *session.Config
	st, dt         *tree
	dtDirs         map[string]bool // dt.dirs, for lookups
	// q carries the copies and lends the listings their connections.
	q *transfer.Queue
	// tries bounds the tries of a listing on the queue's connections.
	tries int
	// srcWalk and dstWalk count the folders each side's walk listed and
	// could not list.
	srcWalk, dstWalk walkCount
	dstErrs          error // the target's folders that could not be listed
}

// walkCount is what one side's walk came to.
type walkCount struct {
	folders int
	failed  []string // relative paths of the folders that could not be listed
}

// cmdMirror copies a tree, as lftp's mirror does. Both trees are read
// several folders at a time (walkSide), and the copy starts as soon as the
// first source folder is listed: the queue's workers transfer while the
// rest of the tree is still being read.
func (s *Shell) cmdMirror(ctx context.Context, args []string) error {
	o, err := parseMirror(args, s.localPath)
	if err != nil {
		return err
	}
	m := &mirrorRun{s: s, o: o, st: newTree(), dt: newTree()}
	m.roots()
	return m.exec(ctx)
}

// exec reads the target, then reads the source while its files are
// copied, removes what --delete removes, and sums up.
func (m *mirrorRun) exec(ctx context.Context) error {
	s, o := m.s, m.o
	defer m.useQueue()()
	if err := m.walkTarget(ctx); err != nil {
		return err
	}
	if o.dryRun {
		if err := m.walkSource(ctx); err != nil {
			return errors.Join(m.dstErrs, err, m.unlistedErr())
		}
		m.print(m.plan())
		return errors.Join(m.dstErrs, m.unlistedErr())
	}
	sum, walkErr := m.run(ctx)
	if sum.queued == 0 && walkErr != nil && len(m.st.dirs) == 0 && len(m.st.files) == 0 {
		return walkErr // the source itself could not be read
	}
	err := errors.Join(m.dstErrs, walkErr, sum.err)
	if o.removeSource {
		err = errors.Join(err, m.removeSame(ctx))
	}
	if o.del {
		if walkErr != nil {
			s.printf("mirror: not deleting anything: the source was not read completely\n")
		} else {
			err = errors.Join(err, m.remove(ctx))
		}
	}
	s.printf("Total: %d directories, %d files; %d transferred\n", len(m.st.dirs)+1, len(m.st.files), sum.done)
	if sum.failed > 0 {
		err = errors.Join(err, fmt.Errorf("mirror: %d of %d %s failed", sum.failed, sum.queued,
			plural(sum.queued, "file", "files")))
	}
	return errors.Join(err, m.unlistedErr())
}

// useQueue picks the queue for the copies and listings: the front end's,
// or in batch mode one of --parallel workers. The function returned
// closes a queue of its own.
func (m *mirrorRun) useQueue() func() {
	m.tries = m.s.set.retries + 1
	if !m.s.ownQ {
		m.q = m.s.q
		return func() {}
	}
	m.q = newQueue(m.o.parallel)
	m.q.SetRate(m.s.q.Rate()) // the shell's queue is idle meanwhile
	return func() { m.q.Close() }
}

// unlistedErr counts the folders that could not be listed (each was
// reported with its error).
func (m *mirrorRun) unlistedErr() error {
	var errs error
	for _, c := range []struct {
		side string
		n    walkCount
	}{{"source", m.srcWalk}, {"target", m.dstWalk}} {
		if f := len(c.n.failed); f > 0 {
			errs = errors.Join(errs, fmt.Errorf("mirror: %d of %d %s %s could not be listed", f, c.n.folders,
				c.side, plural(c.n.folders, "folder", "folders")))
		}
	}
	return errs
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
	cfg := m.s.sideOn(r, "/").ep.Remote // the passive command's mode, the charset
	if m.o.reverse {
		m.src, m.srcRoot = session.Local{}, m.s.localPath(m.o.src)
		m.dst, m.dstRoot, m.dstCfg = r, abs(dst), cfg
		return
	}
	m.src, m.srcRoot, m.srcCfg = r, abs(m.o.src), cfg
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
// resumed with --continue; --ignore-time and --ignore-size leave that
// out of the comparison, --only-missing and --only-existing copy only
// what the target lacks or has.
func (m *mirrorRun) decide(rel string, e session.Entry) (mirrorJob, bool) {
	if !m.o.selects(rel, e) {
		return mirrorJob{}, false
	}
	d, exists := m.dt.files[rel]
	newer := exists && !m.o.ignoreTime && mtime.Newer(e, d)
	switch {
	case !exists:
		return mirrorJob{rel: rel, entry: e, fresh: !m.targetUnread(rel)}, !m.o.onlyExisting
	case m.o.onlyMissing:
		return mirrorJob{}, false
	case m.o.cont && d.Size < e.Size:
		return mirrorJob{rel: rel, entry: e, resume: true}, true
	case m.o.onlyNewer:
		return mirrorJob{rel: rel, entry: e}, newer
	case newer || (!m.o.ignoreSize && d.Size != e.Size):
		return mirrorJob{rel: rel, entry: e}, true
	}
	return mirrorJob{}, false
}

func (m *mirrorRun) print(jobs []mirrorJob) {
	for _, d := range m.dirsToMake(jobs) {
		m.s.printf("mkdir %s\n", m.dst.Join(m.dstRoot, d))
	}
	verb := "get"
	if m.o.reverse {
		verb = "put"
	}
	if m.o.removeSource {
		verb += " -E" // as lftp writes a copy that deletes its source
		for _, rel := range m.sameFiles() {
			m.s.printf("rm %s\n", m.src.Join(m.srcRoot, rel))
		}
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
	if err := m.dst.Mkdir(ctx, m.dst.Join(m.dstRoot, d)); err != nil {
		return err
	}
	m.dtDirs[d] = true // hasDir made the map
	return nil
}

// extra lists target files the source does not have (for --delete).
func (m *mirrorRun) extra() []string {
	return pick(m.dt.files, func(rel string, _ session.Entry) bool {
		_, ok := m.st.files[rel]
		return !ok && m.o.wanted(rel, false)
	})
}

// pick is the relative paths of files that keep keeps, sorted.
func pick(files map[string]session.Entry, keep func(rel string, e session.Entry) bool) []string {
	var out []string
	for rel, e := range files {
		if keep(rel, e) {
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

// listed goes through one listed source folder: it makes the folder's
// subfolders at the target and picks the files to copy. Names that cannot
// be local file names are refused (a server must not choose where files
// land). It returns the subfolders to walk: those --exclude leaves out
// are not entered.
func (m *mirrorRun) listed(ctx context.Context, rel string, l session.Listing) (dirs []string, files []mirrorJob, errs error) {
	all, names, errs := m.st.add(rel, l)
	if !m.o.noEmptyDirs {
		for _, d := range all {
			errs = errors.Join(errs, m.mkdir(ctx, d))
		}
	}
	for _, r := range names {
		if j, ok := m.decide(r, m.st.files[r]); ok {
			files = append(files, j)
		}
	}
	if m.o.noEmptyDirs && len(files) > 0 {
		errs = errors.Join(errs, m.mkdirs(ctx, rel))
	}
	return m.entered(all), files, errs
}

// targetUnread reports a target path under a folder the target's walk
// could not list: what is there is not known.
func (m *mirrorRun) targetUnread(rel string) bool {
	for _, d := range m.dstWalk.failed {
		if strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}
