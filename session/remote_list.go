package session

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
)

// List reads a folder with MLSD when the server has it, else LIST -a (and
// plain LIST when the server refuses the -a). Every line the server sends
// becomes an entry; lines no parser understands are kept as Unknown and
// counted in the listing's warnings.
func (r *Remote) List(ctx context.Context, dir string) (Listing, error) {
	l := Listing{Dir: dir}
	warnings, err := r.ListEach(ctx, dir, func(e Entry) error {
		l.Entries = append(l.Entries, e)
		return nil
	})
	if err != nil {
		return Listing{}, err
	}
	l.Warnings = warnings
	return l, nil
}

// ListEach reads a folder as List does, but hands each entry to fn as its
// line arrives instead of keeping them: writing a folder of 100,000
// entries to a file needs no memory per entry. An error from fn stops the
// listing (the transfer is aborted) and is returned. A dropped connection
// is retried only while fn has seen nothing, so no entry comes twice.
func (r *Remote) ListEach(ctx context.Context, dir string, fn func(Entry) error) (warnings []string, err error) {
	return r.listEach(ctx, dir, "", fn)
}

// ListFlags is ListEach with the user's ls options ("-lt", "-R"): they go
// to the server as LIST's first argument (LIST -lt dir), as classic ftp
// and lftp send them, and the server decides what they mean.
func (r *Remote) ListFlags(ctx context.Context, dir, flags string, fn func(Entry) error) ([]string, error) {
	if err := checkFlags(flags); err != nil {
		return nil, fmt.Errorf("ls: %w", err)
	}
	return r.listEach(ctx, dir, flags, fn)
}

// checkFlags accepts options as ls takes them: words of letters, digits
// and dashes, each starting with a dash.
func checkFlags(flags string) error {
	for _, f := range strings.Fields(flags) {
		ok := len(f) > 1 && f[0] == '-'
		for i := 1; ok && i < len(f); i++ {
			c := f[i]
			ok = c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		}
		if !ok {
			return fmt.Errorf("%w: %q is not an ls option (options look like -lt)", ErrBadArgument, f)
		}
	}
	return nil
}

func (r *Remote) listEach(ctx context.Context, dir, flags string, fn func(Entry) error) ([]string, error) {
	if err := checkArg(dir, flags); err != nil {
		return nil, fmt.Errorf("ls: %w", err)
	}
	p := lineParser{now: time.Now()}
	var sample nameSample
	var fnErr, last error
	var hints []string
	deliver := func(e Entry) error {
		sample.add(e.Name)
		if err := fn(e); err != nil {
			fnErr = err
			return err
		}
		return nil
	}
	err := r.do(ctx, "ls "+dir, true, func() error {
		if p.delivered > 0 {
			return last // a retry would hand fn the same entries again
		}
		last = r.listLines(dir, flags, &p, func(line string) error { return p.feed(line, deliver) })
		if last == nil {
			last = p.flush(deliver)
		}
		if last == nil {
			hints = r.charsetHint(&sample)
		}
		return last
	})
	if fnErr != nil {
		return nil, fnErr
	}
	if err != nil {
		return nil, err
	}
	return append(p.warnings(), hints...), nil
}

// listAll is the default LIST: hidden files too.
const listAll = "LIST -a"

// listLines runs MLSD, or LIST (with the user's flags, else -a, else
// nothing), handing each line to each; p.mlsd says which it was. A folder
// ls would mangle is listed from inside (list_folder.go). Flags the server
// refuses are dropped, with a warning, rather than failing the listing
// (ftpserverlib takes "-l -t" for a path and answers 450).
func (r *Remote) listLines(dir, flags string, p *lineParser, each func(string) error) error {
	if _, ok := r.w.feats["MLST"]; ok && flags == "" {
		p.mlsd = true
		return r.w.dataLines(join("MLSD", dir), each)
	}
	p.mlsd = false
	verb := listAll
	if flags != "" {
		verb = "LIST " + strings.Join(strings.Fields(flags), " ")
	}
	err := r.listVerb(dir, verb, each)
	var re *ReplyError
	if flags != "" && p.delivered == 0 && errors.As(err, &re) && re.Code >= 450 && !r.w.broken {
		p.notes = append(p.notes, fmt.Sprintf("the server refused the options %s (%d %s); listed without them",
			flags, re.Code, re.Msg))
		err = r.listVerb(dir, "LIST", each)
	}
	return err
}

// listVerb lists dir with one LIST form, from inside the folder when the
// path would reach /bin/ls mangled.
func (r *Remote) listVerb(dir, verb string, each func(string) error) error {
	if r.inFolder(dir) {
		return r.listInFolder(dir, verb, each)
	}
	err := r.listAt(verb, dir, lsErrorGuard(dir, each))
	if errors.Is(err, errLsArgs) {
		r.lsArgs.Store(true)
		return r.listInFolder(dir, verb, each)
	}
	return err
}

// listAt runs verb on dir ("": the current folder); a refused "LIST -a"
// is retried as plain LIST.
func (r *Remote) listAt(verb, dir string, each func(string) error) error {
	err := r.w.dataLines(join(verb, dir), each)
	var re *ReplyError
	if verb == listAll && errors.As(err, &re) && re.Code >= 500 && !r.w.broken {
		err = r.w.dataLines(join("LIST", dir), each)
	}
	return err
}

func join(verb, arg string) string {
	if arg == "" {
		return verb
	}
	return verb + " " + arg
}

// dataLines runs a listing command and hands each line, without its line
// end, to each. After an error from each the rest of the listing is read
// and dropped rather than aborted: pure-ftpd sends the unsent rest of an
// aborted listing ahead of the next one (found by testListEach).
func (w *wire) dataLines(line string, each func(string) error) error {
	dc, _, err := w.dataCommand(line)
	if err != nil {
		return err
	}
	dc.decodeWith(w.codec)
	sc := bufio.NewScanner(dc)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split((&listSplitter{}).split)
	var eachErr error
	for sc.Scan() {
		if eachErr == nil {
			eachErr = each(sc.Text())
		}
	}
	_, err = w.finishData(dc, sc.Err())
	if eachErr != nil {
		return eachErr
	}
	return err
}

// Stat describes one file or folder: MLST when the server has it, else the
// parent folder's listing.
func (r *Remote) Stat(ctx context.Context, p string) (Entry, error) {
	if err := checkArg(p); err != nil {
		return Entry{}, fmt.Errorf("stat: %w", err)
	}
	if _, ok := r.Features()["MLST"]; ok {
		rep, err := r.Quote(ctx, "MLST "+p)
		if err != nil {
			return Entry{}, err
		}
		if rep.Code == codeFileActionOK && len(rep.Lines) >= 3 {
			if e, ok := parseMLSDLine(strings.TrimLeft(rep.Lines[1], " ")); ok {
				e.Name = path.Base(p)
				return e, nil
			}
		}
		if rep.Code >= 500 {
			return Entry{}, &ReplyError{Op: "stat " + p, Code: rep.Code, Msg: rep.Text()}
		}
	}
	return r.statByList(ctx, p)
}

func (r *Remote) statByList(ctx context.Context, p string) (Entry, error) {
	clean := path.Clean(p)
	if clean == "/" || clean == "." {
		return Entry{Name: clean, Kind: KindDir, Mode: fs.ModeDir | 0o755, HasMode: false}, nil
	}
	l, err := r.List(ctx, path.Dir(clean))
	if err != nil {
		return Entry{}, err
	}
	base := path.Base(clean)
	for _, e := range l.Entries {
		if e.Name == base {
			return e, nil
		}
	}
	return Entry{}, &ReplyError{Op: "stat " + p, Code: codeUnavailable, Msg: "No such file or directory"}
}
