package shell

import (
	"context"
	"path"
	"sort"
)

// lftp's --no-empty-dirs: a source folder is made at the target only
// when a file is copied into it (or below it), so "-I *.jpg" does not
// leave a skeleton of every folder the source has.

// mkdirs makes rel and the folders above it that the target lacks.
func (m *mirrorRun) mkdirs(ctx context.Context, rel string) error {
	for _, d := range ancestors(rel) {
		if err := m.mkdir(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// ancestors is "a", "a/b", "a/b/c" for "a/b/c"; none for the root.
func ancestors(rel string) []string {
	if rel == "" || rel == "." {
		return nil
	}
	var out []string
	for i := 0; i <= len(rel); i++ {
		if i == len(rel) || rel[i] == '/' {
			out = append(out, rel[:i])
		}
	}
	return out
}

// dirsToMake is what a dry run says it would make: every wanted source
// folder the target lacks, or with --no-empty-dirs those that files are
// copied into.
func (m *mirrorRun) dirsToMake(jobs []mirrorJob) []string {
	var out []string
	if !m.o.noEmptyDirs {
		for _, d := range m.st.dirs {
			if m.o.wanted(d, true) && !m.hasDir(d) {
				out = append(out, d)
			}
		}
		return out
	}
	seen := map[string]bool{}
	for _, j := range jobs {
		for _, d := range ancestors(path.Dir(j.rel)) {
			if !seen[d] && !m.hasDir(d) {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	sort.Strings(out)
	return out
}
