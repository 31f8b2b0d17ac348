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
}

// cmdMirror copies a tree, as lftp's mirror does.
func (s *Shell) cmdMirror(ctx context.Context, args []string) error {
	o, err := parseMirror(args)
	if err != nil {
		return err
	}
	m := &mirrorRun{s: s, o: o, st: newTree(), dt: newTree()}
	m.roots()
	if err := walk(ctx, m.src, m.srcRoot, "", m.st); err != nil {
		return err
	}
	_ = walk(ctx, m.dst, m.dstRoot, "", m.dt) // a missing target is created
	jobs := m.plan()
	if o.dryRun {
		m.print(jobs)
		return nil
	}
	err = m.mkdirs(ctx)
	err = errors.Join(err, m.copy(ctx, jobs))
	if o.del {
		err = errors.Join(err, m.remove(ctx))
	}
	s.printf("Total: %d directories, %d files; %d transferred\n", len(m.st.dirs)+1, len(m.st.files), len(jobs))
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

// plan lists the files to copy: missing, of another size, newer at the
// source (only newer with --only-newer), resumed with --continue.
func (m *mirrorRun) plan() []mirrorJob {
	var jobs []mirrorJob
	for rel, e := range m.st.files {
		if !m.o.wanted(rel, false) {
			continue
		}
		d, exists := m.dt.files[rel]
		newer := exists && e.ModTime.After(d.ModTime)
		switch {
		case !exists:
			jobs = append(jobs, mirrorJob{rel: rel, entry: e})
		case m.o.cont && d.Size < e.Size:
			jobs = append(jobs, mirrorJob{rel: rel, entry: e, offset: d.Size})
		case m.o.onlyNewer:
			if newer {
				jobs = append(jobs, mirrorJob{rel: rel, entry: e})
			}
		case newer || d.Size != e.Size:
			jobs = append(jobs, mirrorJob{rel: rel, entry: e})
		}
	}
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].rel < jobs[j].rel })
	return jobs
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
	for _, x := range m.dt.dirs {
		if x == d {
			return true
		}
	}
	return false
}

// mkdirs creates the target root and every source folder it lacks.
func (m *mirrorRun) mkdirs(ctx context.Context) error {
	var errs error
	if len(m.dt.dirs) == 0 && len(m.dt.files) == 0 {
		if err := m.dst.Mkdir(ctx, m.dstRoot); err != nil {
			if _, serr := m.dst.Stat(ctx, m.dstRoot); serr != nil {
				return err
			}
		}
	}
	for _, d := range m.st.dirs {
		if m.o.wanted(d, true) && !m.hasDir(d) {
			m.s.printf("Making directory `%s'\n", d)
			errs = errors.Join(errs, m.dst.Mkdir(ctx, m.dst.Join(m.dstRoot, d)))
		}
	}
	return errs
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

// copy runs the jobs on o.parallel connections: the current one and
// extra ones dialled with its configuration.
func (m *mirrorRun) copy(ctx context.Context, jobs []mirrorJob) error {
	conns, err := m.s.extraConns(ctx, min(m.o.parallel, max(len(jobs), 1)))
	defer func() {
		for _, c := range conns[1:] {
			c.Close()
		}
	}()
	ch := make(chan mirrorJob)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Go(func() {
			for j := range ch {
				e := m.one(ctx, c, j)
				mu.Lock()
				err = errors.Join(err, e)
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return err
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

// extraConns returns the current connection and n-1 more to the same
// server (fewer when the server refuses more logins).
func (s *Shell) extraConns(ctx context.Context, n int) ([]*session.Remote, error) {
	conns := []*session.Remote{s.cur.remote}
	cfg := s.cur.remote.Config()
	var err error
	for i := 1; i < n; i++ {
		r, derr := s.dial(ctx, cfg)
		if derr != nil {
			err = derr
			break
		}
		conns = append(conns, r)
	}
	if err != nil {
		s.printf("mirror: using %d connection(s): %v\n", len(conns), err)
	}
	return conns, nil
}
