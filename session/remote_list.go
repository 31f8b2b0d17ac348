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
	if err := checkArg(dir); err != nil {
		return Listing{}, fmt.Errorf("ls: %w", err)
	}
	var lines []string
	var mlsd bool
	err := r.do(ctx, "ls "+dir, true, func() (err error) {
		lines, mlsd, err = r.listLines(dir)
		return err
	})
	if err != nil {
		return Listing{}, err
	}
	return buildListing(dir, lines, mlsd, time.Now()), nil
}

func (r *Remote) listLines(dir string) ([]string, bool, error) {
	if _, ok := r.w.feats["MLST"]; ok {
		lines, err := r.w.dataLines(join("MLSD", dir))
		return lines, true, err
	}
	lines, err := r.w.dataLines(join("LIST -a", dir))
	var re *ReplyError
	if errors.As(err, &re) && re.Code >= 500 && !r.w.broken {
		lines, err = r.w.dataLines(join("LIST", dir))
	}
	return lines, false, err
}

func join(verb, arg string) string {
	if arg == "" {
		return verb
	}
	return verb + " " + arg
}

// dataLines runs a listing command and returns its lines.
func (w *wire) dataLines(line string) ([]string, error) {
	dc, _, err := w.dataCommand(line)
	if err != nil {
		return nil, err
	}
	dc.decodeWith(w.codec)
	var lines []string
	sc := bufio.NewScanner(dc)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	_, err = w.finishData(dc, sc.Err())
	return lines, err
}

func buildListing(dir string, lines []string, mlsd bool, now time.Time) Listing {
	l := Listing{Dir: dir, Entries: make([]Entry, 0, len(lines))}
	unknown := 0
	for _, line := range lines {
		if line == "" {
			continue
		}
		var e Entry
		var ok bool
		if mlsd {
			e, ok = parseMLSDLine(line)
		} else {
			e, ok = parseLISTLine(line, now)
		}
		if !ok {
			if !mlsd && isTotalLine(line) {
				continue
			}
			e, ok = Entry{Name: line, Kind: KindUnknown, Raw: line}, true
			unknown++
		}
		if e.Name == "." || e.Name == ".." {
			continue
		}
		l.Entries = append(l.Entries, e)
	}
	if unknown > 0 {
		l.Warnings = append(l.Warnings, fmt.Sprintf("%d listing line(s) in an unknown format are shown as they came", unknown))
	}
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
