package session

import (
	"bytes"
	"fmt"
	"time"
)

// listSplitter splits a listing into lines, dropping the line ends. The
// listing's first line end decides its kind: LF or CRLF (then a lone CR
// is part of a name, as the server sent it), or a lone CR (old Mac
// servers end lines with CR only; then CR and LF both end lines).
type listSplitter struct {
	decided, crOnly bool
}

// split is a bufio.SplitFunc.
func (s *listSplitter) split(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if !s.decided {
		i := bytes.IndexAny(data, "\r\n")
		switch {
		case i < 0 || (data[i] == '\r' && i+1 == len(data) && !atEOF):
			if atEOF && len(data) > 0 {
				return len(data), data, nil
			}
			return 0, nil, nil // no line end yet
		case data[i] == '\r' && (i+1 == len(data) || data[i+1] != '\n'):
			s.crOnly = true
		}
		s.decided = true
	}
	if s.crOnly {
		return scanCROrLF(data, atEOF)
	}
	return scanLF(data, atEOF)
}

// scanLF ends lines at LF, dropping a CR before it.
func scanLF(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, bytes.TrimSuffix(data[:i], []byte{'\r'}), nil
	}
	if atEOF && len(data) > 0 {
		return len(data), bytes.TrimSuffix(data, []byte{'\r'}), nil
	}
	return 0, nil, nil
}

// scanCROrLF ends lines at CRLF, LF or a lone CR.
func scanCROrLF(data []byte, atEOF bool) (int, []byte, error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 && atEOF && len(data) > 0:
		return len(data), data, nil
	case i < 0:
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data):
		if data[i+1] == '\n' {
			return i + 2, data[:i], nil
		}
		return i + 1, data[:i], nil
	case atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a CR at the end of the buffer: is an LF next?
}

// lineParser turns listing lines into entries, counting the lines no
// parser understood. It joins VMS entries whose long name wrapped onto a
// line of its own.
type lineParser struct {
	mlsd      bool
	now       time.Time
	unknown   int
	delivered int
	pending   string   // a wrapped VMS name waiting for the rest of its entry
	notes     []string // warnings of the listing as a whole
}

// feed reads one line and hands emit the entries it completes: none (a
// blank line, "total N", "." and "..", a wrapped name), one, or two (a
// wrapped name the line did not continue, kept as Unknown, and the line).
func (p *lineParser) feed(line string, emit func(Entry) error) error {
	if p.pending != "" {
		joined := p.pending + " " + trimSpaces(line)
		if e, ok := parseVMSLine(joined); ok && line != trimSpaces(line) {
			p.pending = ""
			return p.emit(e, emit)
		}
		if err := p.flush(emit); err != nil {
			return err
		}
	}
	if !p.mlsd && isVMSWrappedName(line) {
		p.pending = line
		return nil
	}
	if e, ok := p.parse(line); ok {
		return p.emit(e, emit)
	}
	return nil
}

// flush hands out a wrapped name that no line continued.
func (p *lineParser) flush(emit func(Entry) error) error {
	if p.pending == "" {
		return nil
	}
	line := p.pending
	p.pending = ""
	p.unknown++
	return p.emit(Entry{Name: line, Kind: KindUnknown, Raw: line}, emit)
}

func (p *lineParser) emit(e Entry, emit func(Entry) error) error {
	if e.Name == "." || e.Name == ".." {
		return nil
	}
	p.delivered++
	return emit(e)
}

// parse reads one line; ok is false for lines that are not entries (blank
// lines, "total N", VMS headers and footers).
func (p *lineParser) parse(line string) (Entry, bool) {
	if trimSpaces(line) == "" {
		return Entry{}, false
	}
	if p.mlsd {
		if e, ok := parseMLSDLine(line); ok {
			return e, true
		}
	} else if e, ok := parseLISTLine(line, p.now); ok {
		return e, true
	} else if isTotalLine(line) || isVMSFrame(line) {
		return Entry{}, false
	}
	p.unknown++
	return Entry{Name: line, Kind: KindUnknown, Raw: line}, true
}

func (p *lineParser) warnings() []string {
	if p.unknown == 0 {
		return p.notes
	}
	return append(p.notes, fmt.Sprintf("%d listing line(s) in an unknown format are shown as they came", p.unknown))
}

func trimSpaces(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

// buildListing parses a whole listing held in memory.
func buildListing(dir string, lines []string, mlsd bool, now time.Time) Listing {
	l := Listing{Dir: dir, Entries: make([]Entry, 0, len(lines))}
	p := lineParser{mlsd: mlsd, now: now}
	add := func(e Entry) error { l.Entries = append(l.Entries, e); return nil }
	for _, line := range lines {
		_ = p.feed(line, add)
	}
	_ = p.flush(add)
	l.Warnings = p.warnings()
	return l
}
