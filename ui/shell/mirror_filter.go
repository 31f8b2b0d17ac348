package shell

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// mirrorPattern is one of mirror's --include/--exclude options, as lftp
// reads them: -i/-x take an extended regular expression matched anywhere
// in the path relative to the mirrored folder; -I/-X a glob matched
// against as many trailing components of that path as the glob has
// slashes, plus one ("*.o" against the name, "a/*.o" against the last
// two). A folder's path has a slash appended, so "tmp/" (or "^tmp/$")
// names folders only, and a glob without a slash never matches one.
type mirrorPattern struct {
	include bool
	rx      *regexp.Regexp // -i, -x
	glob    string         // -I, -X
	slashes int
}

// newMirrorPattern reads one pattern given with flag.
func newMirrorPattern(flag, v string) (mirrorPattern, error) {
	p := mirrorPattern{include: flag == "-i" || flag == "--include" || flag == "-I" || flag == "--include-glob"}
	switch flag {
	case "-i", "--include", "-x", "--exclude":
		rx, err := regexp.Compile(v)
		if err != nil {
			return p, fmt.Errorf("mirror: %s %q is not a regular expression (%v); for a glob such as *.tmp use %s",
				flag, v, err, globFlag(flag))
		}
		p.rx = rx
	default:
		if _, err := path.Match(v, ""); err != nil {
			return p, fmt.Errorf("mirror: bad glob %q: %w", v, err)
		}
		p.glob, p.slashes = v, strings.Count(v, "/")
	}
	return p, nil
}

// globFlag is the glob form of a regular-expression flag, for the error.
func globFlag(flag string) string {
	if strings.HasPrefix(flag, "--") {
		return flag + "-glob"
	}
	return strings.ToUpper(flag)
}

// match reports whether name (a relative path, "/" appended for a
// folder) matches.
func (p mirrorPattern) match(name string) bool {
	if p.rx != nil {
		return p.rx.MatchString(name)
	}
	return matchTail(p.glob, name, p.slashes)
}

// matchTail matches glob against the part of name after its slashes+1-th
// slash from the end (all of name when it has fewer).
func matchTail(glob, name string, slashes int) bool {
	tail := name
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] != '/' {
			continue
		}
		if slashes == 0 {
			tail = name[i+1:]
			break
		}
		slashes--
	}
	ok, _ := path.Match(glob, tail)
	return ok
}

// wanted applies -r and the patterns to a relative path as lftp does: the last
// pattern that matches decides; a path no pattern matches is left out
// when the first pattern is an include (only what is included is
// wanted), kept otherwise. One difference: a folder no pattern matches
// is still entered, so "--include-glob *.js" finds the .js files of
// every folder (lftp enters none of them unless "*/" is included too).
func (o *mirrorOpts) wanted(rel string, dir bool) bool {
	if dir && o.noRecursion {
		return false
	}
	if len(o.patterns) == 0 {
		return true
	}
	name := rel
	if dir {
		name += "/"
	}
	for i := len(o.patterns) - 1; i >= 0; i-- {
		if o.patterns[i].match(name) {
			return o.patterns[i].include
		}
	}
	return dir || !o.patterns[0].include
}

// selects reports whether a source file passes every option that picks
// files (patterns, -r, --size-range, --newer-than, --older-than).
func (o *mirrorOpts) selects(rel string, e session.Entry) bool {
	return o.wanted(rel, false) && o.sizes.has(e.Size) && o.when.has(e.ModTime)
}

// sizeRange is lftp's --size-range: files of FROM to TO bytes, both
// included, either end open ("1M-", "-100k"), or exactly N ("N"); k, M,
// G, T are powers of 1024. Files outside it are not copied (nor, for
// that, deleted at the target).
type sizeRange struct {
	set      bool
	min, max int64 // max < 0: no upper end
}

func parseSizeRange(s string) (sizeRange, error) {
	if strings.EqualFold(s, "full") || strings.EqualFold(s, "any") {
		return sizeRange{}, nil
	}
	from, to, isRange := strings.Cut(s, "-")
	if !isRange {
		from, to, isRange = strings.Cut(s, ":")
	}
	r := sizeRange{set: true, max: -1}
	var err error
	if from != "" {
		if r.min, err = parseSizeNumber(from); err != nil {
			return r, fmt.Errorf("mirror: --size-range %q: %w", s, err)
		}
	}
	switch {
	case !isRange:
		r.max = r.min
	case to != "":
		if r.max, err = parseSizeNumber(to); err != nil {
			return r, fmt.Errorf("mirror: --size-range %q: %w", s, err)
		}
	}
	if (from == "" && to == "") || (r.max >= 0 && r.max < r.min) {
		return r, fmt.Errorf("mirror: --size-range %q: expected FROM-TO, FROM-, -TO or N (k, M, G, T: powers of 1024)", s)
	}
	return r, nil
}

// parseSizeNumber reads "1500", "64k", "2M".
func parseSizeNumber(s string) (int64, error) {
	mult := int64(1)
	if n := len(s); n > 0 {
		if i := strings.IndexByte("kmgt", s[n-1]|0x20); i >= 0 && s[n-1] > '9' {
			mult <<= 10 * (i + 1)
			s = s[:n-1]
		}
	}
	var v int64
	if _, err := fmt.Sscanf(s, "%d", &v); err != nil || v < 0 || fmt.Sprint(v) != s {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	if v > (1<<62)/mult {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return v * mult, nil
}

// has reports whether a file of n bytes is in the range.
func (r sizeRange) has(n int64) bool {
	return !r.set || (n >= r.min && (r.max < 0 || n <= r.max))
}
