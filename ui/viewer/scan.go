package viewer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/ui/pane"
)

// How the pager cuts a file into lines. A line ends after '\n', or after
// maxLine bytes without one (a file of one huge line still pages in small
// reads). Of each line only the first keepBytes are kept for the screen.
// Every stride-th line's offset is remembered, so a window is read from
// the nearest one: 8 bytes per 256 lines is all the pager keeps of a file
// beyond the lines on screen.
const (
	maxLine   = 16 << 10
	keepBytes = 1 << 10
	stride    = 256
	scanChunk = 4 << 20 // bytes counted per scan step
	probeSize = 8000    // bytes looked at for a NUL: binary files show as hex
	hexWidth  = 16
)

// Msg is what the pager's commands send back; the root hands it to the
// open pager, which drops those of a pager it is not.
type Msg interface{ viewerMsg() }

// scannedMsg is one scan step: lines counted from one offset to the next.
type scannedMsg struct {
	src      Source
	from     int64
	next     int64   // where the next step starts: the start of a line
	lines    int     // lines ended between from and next
	marks    []int64 // the starts of the lines at multiples of stride
	probed   bool    // hex holds the answer
	hex      bool
	avail    int64
	complete bool // the whole file is counted
	err      error
}

// windowMsg holds rendered lines from first on.
type windowMsg struct {
	src   Source
	first int
	lines []string
}

func (scannedMsg) viewerMsg() {}
func (windowMsg) viewerMsg()  {}

// scanState is what a scan step starts from.
type scanState struct {
	from   int64
	line   int // the number of the line that starts at from
	probed bool
	hex    bool
}

// scanCmd counts the lines of the next chunk, first waiting for bytes
// to arrive when the pager has counted all there are.
func scanCmd(src Source, st scanState) tea.Cmd {
	return func() tea.Msg {
		if !st.probed {
			src.Wait(probeSize - 1)
			hex, err := probe(src)
			if err != nil {
				return scannedMsg{src: src, err: err}
			}
			st.probed, st.hex = true, hex
		}
		src.Wait(st.from + stepWait(st.from) - 1)
		if st.hex {
			return scanHex(src, st)
		}
		return scanText(src, st)
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

// scanHex needs no reading: a hex line is 16 bytes.
func scanHex(src Source, st scanState) scannedMsg {
	avail, done, err := src.Avail()
	n := avail / hexWidth
	if done && avail%hexWidth != 0 {
		n++
	}
	return scannedMsg{src: src, from: st.from, next: avail, lines: int(n) - st.line, probed: true, hex: true,
		avail: avail, complete: done, err: err}
}

// scanText counts the lines in the next chunk. A line cut by the chunk's
// end is left for the next step; the file's last line, without '\n',
// counts once the file is complete.
func scanText(src Source, st scanState) scannedMsg {
	avail, done, err := src.Avail()
	end := min(avail, st.from+scanChunk)
	final := done && end == avail
	msg := scannedMsg{src: src, from: st.from, next: st.from, probed: true, avail: avail, err: err}
	r := bufio.NewReaderSize(io.NewSectionReader(src, st.from, end-st.from), maxLine)
	for {
		s, rerr := r.ReadSlice('\n')
		if len(s) == 0 || (errors.Is(rerr, io.EOF) && !final) {
			break
		}
		msg.next += int64(len(s))
		msg.lines++
		if (st.line+msg.lines)%stride == 0 {
			msg.marks = append(msg.marks, msg.next)
		}
		if rerr != nil && !errors.Is(rerr, bufio.ErrBufferFull) {
			break
		}
	}
	msg.complete = final && msg.next == avail
	return msg
}

// windowCmd renders count lines from first on, reading from the
// remembered line start at or before first (mark, the start of line
// markLine) up to end, where counted lines stop.
func windowCmd(src Source, hex bool, first, count int, mark int64, markLine int, end int64) tea.Cmd {
	return func() tea.Msg {
		if hex {
			return hexWindow(src, first, count, end)
		}
		msg := windowMsg{src: src, first: first}
		r := bufio.NewReaderSize(io.NewSectionReader(src, mark, end-mark), maxLine)
		for line := markLine; line < first+count; line++ {
			s, err := r.ReadSlice('\n')
			if len(s) == 0 {
				break
			}
			if line >= first {
				msg.lines = append(msg.lines, textLine(s))
			}
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		return msg
	}
}

// textLine is one line as shown: no line end, tabs as four spaces,
// control characters escaped, at most keepBytes of it.
func textLine(s []byte) string {
	s = bytes.TrimSuffix(bytes.TrimSuffix(s, []byte("\n")), []byte("\r"))
	s = s[:min(len(s), keepBytes)]
	return pane.Escape(strings.ReplaceAll(string(s), "\t", "    "))
}

func hexWindow(src Source, first, count int, end int64) windowMsg {
	msg := windowMsg{src: src, first: first}
	off := int64(first) * hexWidth
	buf := make([]byte, min(int64(count)*hexWidth, max(0, end-off)))
	n, _ := src.ReadAt(buf, off)
	for i := 0; i < n; i += hexWidth {
		msg.lines = append(msg.lines, fmt.Sprintf("%08x  % x", off+int64(i), buf[i:min(i+hexWidth, n)]))
	}
	return msg
}
