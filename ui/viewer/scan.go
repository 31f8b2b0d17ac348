package viewer

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	tea "charm.land/bubbletea/v2"
)

// How the pager cuts a file into lines. A line ends after '\n', or after
// maxLine bytes without one (a file of one huge line still pages in small
// reads). Every stride-th line's offset is remembered, so a window is read
// from the nearest one: 8 bytes per 256 lines is all the pager keeps of a
// file beyond the lines around the screen.
const (
	maxLine   = 16 << 10
	stride    = 256
	scanChunk = 4 << 20 // bytes counted per scan step
	probeSize = 8000    // bytes looked at for a NUL: binary files show as hex
	hexWidth  = 16
)

// Msg is what the pager's commands send back; the root hands it to the
// open pager, which drops those of a pager it is not.
type Msg interface{ viewerMsg() }

// scannedMsg is one scan step: the lines counted from one offset to the
// next, or for a file shown only as hex, how much has arrived. A step of
// an earlier scan (gen) is dropped.
type scannedMsg struct {
	src      Source
	gen      int
	st       scanState // where the next step starts
	marks    []int64   // the starts of the lines at multiples of stride
	binary   bool      // the probe found a NUL (the first step)
	avail    int64
	done     bool // the whole file has arrived
	complete bool // and the scan has gone through it
	err      error
}

// windowMsg holds the lines (or hex rows) from first on.
type windowMsg struct {
	src   Source
	hex   bool
	first int
	lines []winLine
}

// winLine is one held line: where it starts in the file and its bytes
// (a hex row: its 16 bytes).
type winLine struct {
	off int64
	raw []byte
}

// locatedMsg is the number of the text line holding a byte offset.
type locatedMsg struct {
	src  Source
	gen  int
	line int
}

func (scannedMsg) viewerMsg() {}
func (windowMsg) viewerMsg()  {}
func (locatedMsg) viewerMsg() {}

// scanState is what a scan step starts from.
type scanState struct {
	from   int64
	line   int // the number of the line that starts at from
	probed bool
	text   bool // count text lines; else only follow the file's arrival (hex)
}

// scanCmd counts the lines of the next chunk, first waiting for bytes
// to arrive when the pager has counted all there are.
func scanCmd(src Source, gen int, st scanState) tea.Cmd {
	return func() tea.Msg {
		msg := scannedMsg{src: src, gen: gen, st: st}
		if !st.probed {
			src.Wait(probeSize - 1)
			bin, err := probe(src)
			if err != nil {
				msg.err = err
				return msg
			}
			st.probed, st.text, msg.binary = true, !bin, bin
		}
		src.Wait(st.from + stepWait(st.from) - 1)
		if st.text {
			scanText(src, st, &msg)
		} else {
			scanAvail(src, st, &msg)
		}
		return msg
	}
}

// stepWait is how many new bytes a scan step waits for while a file
// arrives: an eighth of what came so far, from 64 KiB to scanChunk. The
// count keeps up with the download in a few dozen steps, not one per
// network read.
func stepWait(from int64) int64 { return min(scanChunk, max(64<<10, from/8)) }

// probe reports whether the file's first bytes hold a NUL.
func probe(src Source) (bool, error) {
	avail, _, _ := src.Avail()
	buf := make([]byte, min(avail, probeSize))
	if _, err := src.ReadAt(buf, 0); err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	return bytes.IndexByte(buf, 0) >= 0, nil
}

// scanAvail needs no reading: hex rows are 16 bytes.
func scanAvail(src Source, st scanState, msg *scannedMsg) {
	msg.avail, msg.done, msg.err = src.Avail()
	st.from = msg.avail
	msg.st, msg.complete = st, msg.done
}

// scanText counts the lines in the next chunk. A line cut by the chunk's
// end is left for the next step; the file's last line, without '\n',
// counts once the file is complete.
func scanText(src Source, st scanState, msg *scannedMsg) {
	avail, done, err := src.Avail()
	msg.avail, msg.done, msg.err = avail, done, err
	end := min(avail, st.from+scanChunk)
	final := done && end == avail
	r := bufio.NewReaderSize(io.NewSectionReader(src, st.from, end-st.from), maxLine)
	for {
		s, rerr := r.ReadSlice('\n')
		if len(s) == 0 || (errors.Is(rerr, io.EOF) && !final) {
			break
		}
		st.from += int64(len(s))
		st.line++
		if st.line%stride == 0 {
			msg.marks = append(msg.marks, st.from)
		}
		if rerr != nil && !errors.Is(rerr, bufio.ErrBufferFull) {
			break
		}
	}
	msg.st, msg.complete = st, final && st.from == avail
}

// windowCmd reads count lines from first on, from the remembered line
// start at or before first (mark, the start of line markLine) up to end,
// where counted lines stop. A hex window reads count rows.
func windowCmd(src Source, hex bool, first, count int, mark int64, markLine int, end int64) tea.Cmd {
	return func() tea.Msg {
		if hex {
			return hexWindow(src, first, count, end)
		}
		msg := windowMsg{src: src, first: first}
		r := bufio.NewReaderSize(io.NewSectionReader(src, mark, end-mark), maxLine)
		off := mark
		for line := markLine; line < first+count; line++ {
			s, err := r.ReadSlice('\n')
			if len(s) == 0 {
				break
			}
			if line >= first {
				msg.lines = append(msg.lines, winLine{off: off, raw: bytes.Clone(s)})
			}
			off += int64(len(s))
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		return msg
	}
}

func hexWindow(src Source, first, count int, end int64) windowMsg {
	msg := windowMsg{src: src, hex: true, first: first}
	off := int64(first) * hexWidth
	buf := make([]byte, min(int64(count)*hexWidth, max(0, end-off)))
	n, _ := src.ReadAt(buf, off)
	for i := 0; i < n; i += hexWidth {
		msg.lines = append(msg.lines, winLine{off: off + int64(i), raw: buf[i:min(i+hexWidth, n)]})
	}
	return msg
}

// locateCmd finds the text line that holds byte off, reading from mark,
// the start of line markLine, at most up to end.
func locateCmd(src Source, gen int, mark int64, markLine int, off, end int64) tea.Cmd {
	return func() tea.Msg {
		r := bufio.NewReaderSize(io.NewSectionReader(src, mark, end-mark), maxLine)
		line, pos := markLine, mark
		for {
			s, err := r.ReadSlice('\n')
			if len(s) == 0 || pos+int64(len(s)) > off {
				break
			}
			pos += int64(len(s))
			line++
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		return locatedMsg{src: src, gen: gen, line: line}
	}
}
