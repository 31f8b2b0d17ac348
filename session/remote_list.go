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
	if err := checkArg(dir); err != nil {
		return nil, fmt.Errorf("ls: %w", err)
	}
	p := lineParser{now: time.Now()}
	var fnErr, last error
	err = r.do(ctx, "ls "+dir, true, func() error {
		if p.delivered > 0 {
			return last // a retry would hand fn the same entries again
		}
		last = r.listLines(dir, &p.mlsd, func(line string) error {
			e, ok := p.parse(line)
			if !ok {
				return nil
			}
			p.delivered++
			if err := fn(e); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
		return last
	})
	if fnErr != nil {
		return nil, fnErr
	}
	if err != nil {
		return nil, err
	}
	return p.warnings(), nil
}

// listLines runs MLSD, or LIST -a (LIST when -a is refused), handing each
// line to each; *mlsd says which it was.
func (r *Remote) listLines(dir string, mlsd *bool, each func(string) error) error {
	if _, ok := r.w.feats["MLST"]; ok {
		*mlsd = true
		return r.w.dataLines(join("MLSD", dir), each)
	}
	*mlsd = false
	err := r.w.dataLines(join("LIST -a", dir), each)
	var re *ReplyError
	if errors.As(err, &re) && re.Code >= 500 && !r.w.broken {
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
	var eachErr error
	for sc.Scan() {
		if eachErr == nil {
			eachErr = each(strings.TrimRight(sc.Text(), "\r"))
		}
	}
	_, err = w.finishData(dc, sc.Err())
	if eachErr != nil {
		return eachErr
	}
	return err
}

// lineParser turns listing lines into entries, counting the lines no
// parser understood.
type lineParser struct {
	mlsd      bool
	now       time.Time
	unknown   int
	delivered int
}

// parse reads one line; ok is false for lines that are not entries (blank
// lines, "total N", "." and "..").
func (p *lineParser) parse(line string) (Entry, bool) {
	if line == "" {
		return Entry{}, false
	}
	var e Entry
	var ok bool
	if p.mlsd {
		e, ok = parseMLSDLine(line)
	} else {
		e, ok = parseLISTLine(line, p.now)
	}
	if !ok {
		if !p.mlsd && isTotalLine(line) {
			return Entry{}, false
		}
		e = Entry{Name: line, Kind: KindUnknown, Raw: line}
		p.unknown++
	}
	if e.Name == "." || e.Name == ".." {
		return Entry{}, false
	}
	return e, true
}

func (p *lineParser) warnings() []string {
	if p.unknown == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%d listing line(s) in an unknown format are shown as they came", p.unknown)}
}

func buildListing(dir string, lines []string, mlsd bool, now time.Time) Listing {
	l := Listing{Dir: dir, Entries: make([]Entry, 0, len(lines))}
	p := lineParser{mlsd: mlsd, now: now}
	for _, line := range lines {
		if e, ok := p.parse(line); ok {
			l.Entries = append(l.Entries, e)
		}
	}
	l.Warnings = p.warnings()
	return l
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
