package shell

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
)

// mirrorOpts are mirror's flags, as lftp spells them.
type mirrorOpts struct {
	reverse, onlyNewer, del, dryRun, cont bool
	// ignoreTime and ignoreSize leave that out of deciding whether a
	// file that is at the target differs; onlyMissing copies only files
	// the target lacks, onlyExisting only files it has.
	ignoreTime, ignoreSize, onlyMissing, onlyExisting bool
	// removeSource is --Remove-source-files (see mirror_source.go);
	// noEmptyDirs is --no-empty-dirs (see mirror_dirs.go).
	removeSource, noEmptyDirs bool
	// noRecursion (-r) leaves every folder alone: not entered, made or
	// deleted. sizes is --size-range.
	noRecursion bool
	sizes       sizeRange
	// when is --newer-than and --older-than.
	when     timeBound
	parallel int
	// patterns are the --include and --exclude options in the order
	// given (see wanted).
	patterns []mirrorPattern
	src, dst string
}

// defaultMirrorParallel is how many files mirror copies at once. A tree
// is mostly small files, where a connection spends its time waiting on
// round trips rather than moving bytes: lftp's default of one connection
// leaves the line idle, and 8 copied a 10,000-file tree in 0.70 of the
// time 4 took against vsftpd (BENCHMARKS.md). Extra connections are only
// dialled while files wait, and a server that refuses more logins gets
// fewer (mirror says so).
const defaultMirrorParallel = 8

// parseMirror reads mirror's arguments. local resolves a local path
// given as --newer-than's or --older-than's reference file (nil: as is).
func parseMirror(args []string, local func(string) string) (mirrorOpts, error) {
	o := mirrorOpts{parallel: defaultMirrorParallel}
	switches := o.switches()
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		if pieces, ok := unbundle(a, switches); ok {
			args = slices.Concat(args[:i:i], pieces, args[i+1:])
			a = args[i]
		}
		flag, val, hasVal := strings.Cut(a, "=")
		needVal := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("mirror: %s needs a value", a)
			}
			i++
			return args[i], nil
		}
		if p, ok := switches[flag]; ok {
			*p = true
			continue
		}
		if err := o.option(a, flag, needVal, local); err != nil {
			return o, err
		}
	}
	if len(rest) == 0 || len(rest) > 2 {
		return o, &UsageError{Cmd: "mirror", Usage: usageOf("mirror")}
	}
	o.src, o.dst = rest[0], optArg(rest, 1)
	return o, nil
}

// unbundle reads short options as getopt does for lftp: "-Rn" is -R and
// -n, "-P8" is -P 8, "-x^tmp/" is -x ^tmp/. ok is false for a spelling
// of its own ("-vv") or a long option.
func unbundle(a string, switches map[string]*bool) ([]string, bool) {
	if len(a) < 3 || a[1] == '-' || switches[a] != nil {
		return nil, false
	}
	var out []string
	for j := 1; j < len(a); j++ {
		out = append(out, "-"+a[j:j+1])
		if strings.IndexByte("PixIXN", a[j]) >= 0 {
			if j+1 < len(a) {
				out = append(out, a[j+1:])
			}
			break
		}
	}
	return out, true
}

// switches are mirror's options without a value, by every spelling.
// lftp's -v, --use-cache and -p set nothing: ftpane always says what it
// does, always reads listings afresh, and mirror sets no permissions.
func (o *mirrorOpts) switches() map[string]*bool {
	var ignored bool
	return map[string]*bool{
		"-R": &o.reverse, "--reverse": &o.reverse,
		"-n": &o.onlyNewer, "--only-newer": &o.onlyNewer,
		"-e": &o.del, "--delete": &o.del,
		"-c": &o.cont, "--continue": &o.cont, "--dry-run": &o.dryRun,
		"--ignore-time": &o.ignoreTime, "--ignore-size": &o.ignoreSize,
		"--only-missing": &o.onlyMissing, "--only-existing": &o.onlyExisting,
		"-r": &o.noRecursion, "--no-recursion": &o.noRecursion,
		"--Remove-source-files": &o.removeSource, "--no-empty-dirs": &o.noEmptyDirs,
		"-v": &ignored, "-vv": &ignored, "-vvv": &ignored, "--verbose": &ignored,
		"--use-cache": &ignored, "-p": &ignored, "--no-perms": &ignored,
	}
}

// option reads one of mirror's options that take a value.
func (o *mirrorOpts) option(a, flag string, val func() (string, error), local func(string) string) error {
	switch flag {
	case "-P", "--parallel":
		return o.setParallel(val)
	case "-i", "--include", "-x", "--exclude", "-I", "--include-glob", "-X", "--exclude-glob":
		return o.addFilter(flag, val)
	case "--size-range":
		v, err := val()
		if err == nil {
			o.sizes, err = parseSizeRange(v)
		}
		return err
	case "-N", "--newer-than", "--older-than":
		v, err := val()
		if err != nil {
			return err
		}
		t, err := parseWhen(v, time.Now(), local)
		if err != nil {
			return fmt.Errorf("mirror: %s: %w", flag, err)
		}
		if flag == "--older-than" {
			o.when.before = t
		} else {
			o.when.after = t
		}
		return nil
	}
	return fmt.Errorf("mirror: unknown option %q", a)
}

func (o *mirrorOpts) setParallel(val func() (string, error)) error {
	v, err := val()
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 64 {
		return fmt.Errorf("mirror: --parallel %q: expected 1 to 64", v)
	}
	o.parallel = n
	return nil
}

func (o *mirrorOpts) addFilter(flag string, val func() (string, error)) error {
	v, err := val()
	if err != nil {
		return err
	}
	p, err := newMirrorPattern(flag, v)
	if err != nil {
		return err
	}
	o.patterns = append(o.patterns, p)
	return nil
}

// tree is a folder's content by relative (slash-separated) path.
type tree struct {
	dirs  []string
	files map[string]session.Entry
}

// add records one listed folder's folders and files, by relative path,
// and returns them (sorted). Names that cannot be local file names are
// refused (a server must not choose where files land).
func (t *tree) add(rel string, l session.Listing) (dirs, files []string, errs error) {
	for _, e := range l.Entries {
		if e.Name == "." || e.Name == ".." {
			continue
		}
		if err := transfer.CheckName(e.Name); err != nil {
			errs = errors.Join(errs, fmt.Errorf("mirror: skipped in %s: %w", rel, err))
			continue
		}
		r := path.Join(rel, e.Name)
		switch e.Kind {
		case session.KindDir:
			t.dirs = append(t.dirs, r)
			dirs = append(dirs, r)
		case session.KindFile:
			t.files[r] = e
			files = append(files, r)
		}
	}
	sort.Strings(dirs)
	sort.Strings(files)
	return dirs, files, errs
}

func newTree() *tree { return &tree{files: map[string]session.Entry{}} }
