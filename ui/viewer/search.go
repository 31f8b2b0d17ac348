package viewer

import (
	"bytes"
	"errors"
	"io"

	tea "charm.land/bubbletea/v2"
)

// searchChunk is how many bytes one search step goes through: a step is
// short, so a search shows its progress and stops at once on Esc.
const searchChunk = 1 << 20

// matchAt is where a match is: its byte offset, and its line (a text
// line, or the hex row) and where that line starts.
type matchAt struct {
	off     int64
	n       int // its length
	line    int
	lineOff int64
}

// fwdStep is a forward search's place: matches starting in [from,
// limit) (limit -1: to the end of the file, waiting for a file that is
// still arriving). In text, from is a line start and line its number.
type fwdStep struct {
	from  int64
	line  int
	limit int64
	skip  bool // pass over the line at from (the match shown)
	count bool // count the matches rather than stop at the first
	n     int  // matches counted
}

// bwdStep is a backward search's place: the last match in the text lines
// from line minLine up to (not including) the line starting at hi, hiLine;
// a step reads from seg, the start of line segLine. In hex: the last match
// starting in [lo, hi).
type bwdStep struct {
	seg     int64
	segLine int
	hi      int64
	hiLine  int
	minLine int
	lo      int64
}

// searchMsg is one search step's result: a match, the place to go on
// from, or the end of the range searched (end). A step of an earlier
// search (gen) is dropped; count marks the steps that count matches.
type searchMsg struct {
	src   Source
	gen   int
	bufs  *bufs // the step's buffers, for the next step of the same search
	count bool
	fwd   fwdStep
	bwd   bwdStep
	found *matchAt
	end   bool
	err   error
}

func (searchMsg) viewerMsg() {}

// bufs are a search's buffers: the bytes read and the same folded. The
// steps of one search run one after the other and pass them on, so a
// search through a big file allocates them once.
type bufs struct{ buf, scratch []byte }

// read reads [from, to) of src into the buffer.
func (b *bufs) read(src Source, from, to int64) ([]byte, error) {
	n := int(max(0, to-from))
	if cap(b.buf) < n {
		b.buf = make([]byte, n)
	}
	got, err := src.ReadAt(b.buf[:n], from)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b.buf[:got], nil
}

// forwardCmd runs one forward step (b nil: the search's first).
func forwardCmd(src Source, gen int, mt matcher, hex bool, st fwdStep, b *bufs) tea.Cmd {
	if b == nil {
		b = &bufs{}
	}
	return func() tea.Msg {
		msg := searchMsg{src: src, gen: gen, bufs: b, count: st.count}
		if hex {
			msg.fwd, msg.found, msg.end, msg.err = hexForward(src, mt, st, b)
		} else {
			msg.fwd, msg.found, msg.end, msg.err = textForward(src, mt, st, b)
		}
		return msg
	}
}

// backwardCmd runs one backward step (b nil: the search's first).
func backwardCmd(src Source, gen int, mt matcher, hex bool, st bwdStep, b *bufs) tea.Cmd {
	if b == nil {
		b = &bufs{}
	}
	return func() tea.Msg {
		msg := searchMsg{src: src, gen: gen, bufs: b}
		if hex {
			msg.bwd, msg.found, msg.end, msg.err = hexBackward(src, mt, st, b)
		} else {
			msg.bwd, msg.found, msg.end, msg.err = textBackward(src, mt, st, b)
		}
		return msg
	}
}

// lineEnd is where the line starting at buf[pos] ends, cut as the scan
// cuts lines: after '\n', or after maxLine bytes. ok is false for a line
// cut by the end of buf, unless final (the end of the file).
func lineEnd(buf []byte, pos int, final bool) (int, bool) {
	rest := buf[pos:min(len(buf), pos+maxLine)]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		return pos + i + 1, true
	}
	if len(rest) == maxLine {
		return pos + maxLine, true
	}
	return len(buf), final && len(rest) > 0
}

// lineWalk goes through the whole lines of buf[:n] with the matches in
// them. The buffer is searched as a whole, not line by line: only a line
// that holds the next match is looked at again. A match belongs to the
// line it starts in; it goes on into the next one (read up to reach
// bytes past n) only where a long line was cut.
type lineWalk struct {
	buf, hay []byte
	n        int
	mt       matcher
	final    bool
	pos      int // the start of the next line
	mi, mj   int // the next match at or after pos, or -1
}

func newWalk(buf []byte, n int, mt matcher, final bool, scratch *[]byte) *lineWalk {
	w := &lineWalk{buf: buf, hay: mt.prepare(buf, scratch), n: min(n, len(buf)), mt: mt, final: final}
	w.mi, w.mj = w.findFrom(0)
	return w
}

func (w *lineWalk) findFrom(at int) (int, int) {
	i, j := w.mt.find(w.hay[at:])
	if i < 0 {
		return -1, -1
	}
	return at + i, at + j
}

// next is the next whole line, [start, end) in buf, and the first match
// in it (i < 0: none); ok is false when no whole line is left.
func (w *lineWalk) next() (start, end, i, j int, ok bool) {
	if w.pos >= w.n {
		return 0, 0, 0, 0, false
	}
	start = w.pos
	end, ok = lineEnd(w.buf[:w.n], start, w.final)
	if !ok {
		return 0, 0, 0, 0, false
	}
	i, j = -1, -1
	if w.mi >= 0 && w.mi < end {
		i, j = w.mi, w.mj
		w.mi, w.mj = w.findFrom(end)
	}
	w.pos = end
	return start, end, i, j, true
}

// textForward goes through up to searchChunk bytes of whole lines. When
// no whole line has arrived yet it waits for more.
func textForward(src Source, mt matcher, st fwdStep, b *bufs) (fwdStep, *matchAt, bool, error) {
	for {
		avail, done, err := src.Avail()
		end := min(avail, st.from+searchChunk)
		buf, rerr := b.read(src, st.from, min(avail, end+int64(mt.reach())-1))
		if rerr != nil {
			return st, nil, true, rerr
		}
		final := done && end == avail
		from := st.from
		at, stop := st.walk(newWalk(buf, int(end-st.from), mt, final, &b.scratch))
		switch {
		case at != nil || stop:
			return st, at, stop, nil
		case final && st.from >= avail:
			return st, nil, true, err
		case st.from > from:
			return st, nil, false, nil
		case done:
			return st, nil, true, err
		}
		src.Wait(avail)
	}
}

// walk goes through the lines of w from st on: the first match, or stop
// at the limit; st moves past the lines gone through (counting matches).
func (st *fwdStep) walk(w *lineWalk) (at *matchAt, stop bool) {
	for {
		if st.limit >= 0 && st.from >= st.limit {
			return nil, true
		}
		s, e, i, j, ok := w.next()
		if !ok {
			return nil, false
		}
		if st.skip {
			st.skip = false
		} else if i >= 0 {
			if !st.count {
				return &matchAt{off: st.from + int64(i-s), n: j - i, line: st.line, lineOff: st.from}, false
			}
			st.n++
		}
		st.from += int64(e - s)
		st.line++
	}
}

// hexForward reads up to searchChunk bytes and finds the text in them,
// a match across two reads included.
func hexForward(src Source, mt matcher, st fwdStep, b *bufs) (fwdStep, *matchAt, bool, error) {
	reach := int64(mt.reach())
	for {
		avail, done, err := src.Avail()
		end := min(avail, st.from+searchChunk)
		if st.limit >= 0 {
			end = min(end, st.limit+reach-1)
		}
		buf, rerr := b.read(src, st.from, end)
		if rerr != nil {
			return st, nil, true, rerr
		}
		hay := mt.prepare(buf, &b.scratch)
		last := end == avail && done || st.limit >= 0 && end >= st.limit+reach-1
		cut := end - reach + 1 // a match from here on may go on past end: the next read's
		for at := 0; at < len(hay); {
			i, j := mt.find(hay[at:])
			off := st.from + int64(at+i)
			if i < 0 || !last && off >= cut {
				break
			}
			if st.limit >= 0 && off >= st.limit {
				return st, nil, true, nil
			}
			if !st.count {
				return st, hexMatch(off, j-i), false, nil
			}
			st.n++
			at += i + 1
		}
		if last {
			return st, nil, true, err
		}
		if cut > st.from {
			st.from = cut
			return st, nil, false, nil
		}
		src.Wait(avail)
	}
}

// textBackward finds the last matching line in [seg, hi) from minLine on.
func textBackward(src Source, mt matcher, st bwdStep, b *bufs) (bwdStep, *matchAt, bool, error) {
	avail, _, _ := src.Avail()
	buf, err := b.read(src, st.seg, min(avail, st.hi+int64(mt.reach())-1))
	if err != nil {
		return st, nil, true, err
	}
	var found *matchAt
	w := newWalk(buf, int(st.hi-st.seg), mt, true, &b.scratch) // hi starts a line: the last line is whole
	for line := st.segLine; ; line++ {
		s, _, i, j, ok := w.next()
		if !ok {
			break
		}
		if i >= 0 && line >= st.minLine {
			found = &matchAt{off: st.seg + int64(i), n: j - i, line: line, lineOff: st.seg + int64(s)}
		}
	}
	st.hi, st.hiLine = st.seg, st.segLine
	return st, found, found == nil && st.segLine <= st.minLine, nil
}

// hexBackward finds the last match starting in the searchChunk bytes
// before hi (and after lo).
func hexBackward(src Source, mt matcher, st bwdStep, b *bufs) (bwdStep, *matchAt, bool, error) {
	from := max(st.lo, st.hi-searchChunk)
	avail, _, _ := src.Avail()
	buf, err := b.read(src, from, min(avail, st.hi+int64(mt.reach())-1))
	if err != nil {
		return st, nil, true, err
	}
	hay := mt.prepare(buf, &b.scratch)
	var found *matchAt
	for at := 0; at < len(hay); {
		i, j := mt.find(hay[at:])
		if i < 0 || from+int64(at+i) >= st.hi {
			break
		}
		found = hexMatch(from+int64(at+i), j-i)
		at += i + 1
	}
	st.hi = from
	return st, found, found == nil && from <= st.lo, nil
}

func hexMatch(off int64, n int) *matchAt {
	return &matchAt{off: off, n: n, line: int(off / hexWidth), lineOff: off / hexWidth * hexWidth}
}
