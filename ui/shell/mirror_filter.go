package shell

import (
	"fmt"
	"path"
	"regexp"
	"strings"
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

// wanted applies the patterns to a relative path as lftp does: the last
// pattern that matches decides; a path no pattern matches is left out
// when the first pattern is an include (only what is included is
// wanted), kept otherwise. One difference: a folder no pattern matches
// is still entered, so "--include-glob *.js" finds the .js files of
// every folder (lftp enters none of them unless "*/" is included too).
func (o *mirrorOpts) wanted(rel string, dir bool) bool {
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
