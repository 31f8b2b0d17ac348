package shell

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ftpane/ftpane/session"
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
	sum, walkErr := m.run(ctx)
	if sum.queued == 0 && walkErr != nil && len(m.st.dirs) == 0 && len(m.st.files) == 0 {
		return walkErr // the source itself could not be read
	}
	err = errors.Join(walkErr, sum.err)
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
		return mirrorJob{rel: rel, entry: e, fresh: true}, true
	case m.o.cont && d.Size < e.Size:
		return mirrorJob{rel: rel, entry: e, resume: true}, true
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
