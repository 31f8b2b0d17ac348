package shell

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	walker "github.com/ftpane/ftpane/session/walk" // mirror.go has a walk of its own
)

// findOpts are find's options, as lftp spells them, plus the TUI's size
// and age filters.
type findOpts struct {
	filter walker.Filter
	depth  int
	long   bool
	dirs   []string
}

// parseFind reads find's arguments.
func parseFind(args []string) (findOpts, error) {
	var o findOpts
	for i := 0; i < len(args); i++ {
		a := args[i]
		flag, val, hasVal := strings.Cut(a, "=")
		value := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("find: %s needs a value", flag)
			}
			i++
			return args[i], nil
		}
		var err error
		switch flag {
		case "--name", "--iname":
			o.filter.Pattern, err = value()
			o.filter.Fold = flag == "--iname"
		case "--type":
			err = o.setType(value)
		case "--size":
			err = o.setSize(value)
		case "--mtime":
			err = o.setAge(value)
		case "-d", "--maxdepth":
			err = o.setDepth(value)
		case "-l", "--ls":
			o.long = true
		default:
			if strings.HasPrefix(a, "-") && a != "-" {
				return o, fmt.Errorf("find: unknown option %q (see help find)", a)
			}
			o.dirs = append(o.dirs, a)
		}
		if err != nil {
			return o, err
		}
	}
	if err := o.filter.Check(); err != nil {
		return o, fmt.Errorf("find: %w", err)
	}
	if len(o.dirs) == 0 {
		o.dirs = []string{""}
	}
	return o, nil
}

func (o *findOpts) setType(value func() (string, error)) error {
	v, err := value()
	if err == nil {
		o.filter.Type, err = walker.ParseType(v)
	}
	return findErr(err)
}

func (o *findOpts) setSize(value func() (string, error)) error {
	v, err := value()
	if err == nil {
		var c []walker.SizeCond
		c, err = walker.ParseSize(v)
		o.filter.Size = append(o.filter.Size, c...)
	}
	return findErr(err)
}

func (o *findOpts) setAge(value func() (string, error)) error {
	v, err := value()
	if err == nil {
		var c []walker.AgeCond
		c, err = walker.ParseAge(v)
		o.filter.Age = append(o.filter.Age, c...)
	}
	return findErr(err)
}

func (o *findOpts) setDepth(value func() (string, error)) error {
	v, err := value()
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("find: --maxdepth %q: want a number from 1 up", v)
	}
	o.depth = n
	return nil
}

// findErr names the command in an option's error.
func findErr(err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "find: ") {
		return err
	}
	return fmt.Errorf("find: %w", err)
}

// filtered reports whether any filter narrows the output: without one,
// find prints the start folder too, as lftp does.
func (o findOpts) filtered() bool {
	f := o.filter
	return f.Pattern != "" || f.Type != walker.Both || len(f.Size) > 0 || len(f.Age) > 0
}

// cmdFind lists remote folders recursively (lftp's find): every entry's
// path as it streams in, breadth first, links never entered. A folder
// that cannot be read is reported and the walk goes on; the command then
// fails at the end.
func (s *Shell) cmdFind(ctx context.Context, args []string) error {
	o, err := parseFind(args)
	if err != nil {
		return err
	}
	failed := 0
	for _, dir := range o.dirs {
		failed += s.findIn(ctx, o, dir)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if failed > 0 {
		return fmt.Errorf("find: %d %s could not be read", failed, plural(failed, "folder", "folders"))
	}
	return nil
}

// findIn walks one folder and prints what it finds; it returns the
// number of folders that could not be read.
func (s *Shell) findIn(ctx context.Context, o findOpts, dir string) int {
	r := s.cur.remote
	root, prefix := dir, dir
	switch {
	case dir == "":
		root, prefix = r.Getwd(), "./"
	case !strings.HasPrefix(dir, "/"):
		root = path.Join(r.Getwd(), dir)
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if !o.filtered() {
		s.printf("%s\n", prefix)
	}
	w := walker.Start(ctx, r, root, walker.Options{Filter: o.filter, MaxDepth: o.depth, Workers: 1})
	failed := 0
	for b := range w.C() {
		for _, f := range b.Found {
			s.printFound(o, prefix, f)
		}
		for _, e := range b.Errors {
			if !errors.Is(e, walker.ErrBadName) && !errors.Is(e, walker.ErrLoop) {
				failed++ // a folder that could not be read, not one left out
			}
			s.printf("find: %s\n", e.Error())
		}
	}
	return failed
}

func (s *Shell) printFound(o findOpts, prefix string, f walker.Result) {
	p := prefix + f.Rel
	if f.Entry.IsDir() {
		p += "/"
	}
	if !o.long {
		s.printf("%s\n", p)
		return
	}
	e := f.Entry
	e.Name = p
	s.printf("%s\n", formatEntry(e))
}
