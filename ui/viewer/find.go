package viewer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/ui/pane"
)

// finder is the pager's search, as in less: / and ? ask for a text, n
// repeats the search in its direction, N the other way; at the end of
// the file it wraps around. In text a match is a line (the k-th matching
// line); in hex, each place the bytes occur.
type finder struct {
	input     textinput.Model
	typing    bool
	inputBack bool

	pat  string
	mt   matcher
	back bool // the direction of the last / or ?

	// The search running: gen tells its steps from those of one before.
	gen     int
	running bool
	runBack bool
	runHex  bool
	wrapped bool    // it went round the end of the file
	origin  fwdStep // where it began (backward: origin.from, origin.line)
	prevK   int     // the number of the match it began from, 0 if none
	pos     int64   // how far it has gone

	// The match shown, and its number (0 while it is counted).
	has    bool
	at     matchAt
	atHex  bool
	k      int
	reveal bool // scroll it into view once its line is held

	note    string
	noteBad bool
}

func newFinder() finder {
	in := textinput.New()
	in.Prompt = "/"
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return finder{input: in}
}

// openPrompt starts typing a search: backward for ?.
func (m *Model) openPrompt(back bool) tea.Cmd {
	f := &m.find
	f.typing, f.inputBack = true, back
	f.input.Prompt = "/"
	if back {
		f.input.Prompt = "?"
	}
	f.input.Reset()
	return f.input.Focus()
}

// promptKey edits the search text; Enter searches from the top line (an
// empty text: the last one again), Esc or Backspace on nothing cancels.
func (m *Model) promptKey(k tea.KeyPressMsg) tea.Cmd {
	f := &m.find
	switch {
	case key.Matches(k, m.keys.Cancel), k.String() == "backspace" && f.input.Value() == "":
		f.typing = false
		f.input.Blur()
		return nil
	case key.Matches(k, m.keys.Confirm):
		f.typing = false
		f.input.Blur()
		if p := f.input.Value(); p != "" {
			f.pat, f.mt = p, newMatcher(p)
		}
		if f.pat == "" {
			return nil
		}
		f.back = f.inputBack
		return m.startSearch(f.back, false)
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(k)
	return cmd
}

// again is n and N: the search once more, on from the match shown.
func (m *Model) again(back bool) tea.Cmd {
	if m.find.pat == "" {
		m.find.note, m.find.noteBad = "no search yet: / searches", true
		return nil
	}
	return m.startSearch(back, true)
}

// stopSearch ends the running search and the count, with a note.
func (m *Model) stopSearch(note string) {
	f := &m.find
	f.gen++
	if f.running {
		f.note, f.noteBad = note, false
	}
	f.running = false
}

// startSearch searches from the match shown (again) or the top line.
func (m *Model) startSearch(back, again bool) tea.Cmd {
	f := &m.find
	f.gen++
	f.running, f.runBack, f.runHex, f.wrapped, f.note = true, back, m.hex, false, ""
	from, line := m.topLine()
	skip := false
	f.prevK = 0
	if !again {
		f.has = false // a new text: the match shown was another's
	}
	if again && f.has && f.atHex == m.hex {
		from, line, skip, f.prevK = f.at.lineOff, f.at.line, !m.hex, f.k
		if m.hex {
			from = f.at.off
			if !back {
				from++ // the next place, which may be in the same row
			}
		}
	}
	f.origin, f.pos = fwdStep{from: from, line: line, limit: -1, skip: skip}, from
	if !back {
		return forwardCmd(m.src, f.gen, f.mt, m.hex, f.origin, nil)
	}
	if from == 0 {
		return m.wrapSearch()
	}
	return m.backwardStep(bwdStep{hi: from, hiLine: line}, nil)
}

// backwardStep runs a backward step; in text, from the mark far enough
// before hi to read about searchChunk bytes.
func (m *Model) backwardStep(st bwdStep, b *bufs) tea.Cmd {
	if !m.hex {
		k := min((st.hiLine-1)/stride, len(m.marks)-1)
		for k > st.minLine/stride && st.hi-m.marks[k] < searchChunk {
			k--
		}
		st.seg, st.segLine = m.marks[k], k*stride
	}
	m.find.pos = st.hi
	return backwardCmd(m.src, m.find.gen, m.find.mt, m.hex, st, b)
}

// wrapSearch goes on from the other end of the file, up to where the
// search began: Pattern not found if that is nothing.
func (m *Model) wrapSearch() tea.Cmd {
	f := &m.find
	if f.wrapped {
		return m.notFound()
	}
	f.wrapped = true
	o := f.origin
	if !f.runBack {
		limit := o.from
		if o.skip {
			limit++ // the line shown is the last one searched
		}
		if limit == 0 {
			return m.notFound()
		}
		f.pos = 0
		return forwardCmd(m.src, f.gen, f.mt, m.hex, fwdStep{limit: limit}, nil)
	}
	if m.hex {
		end := m.avail
		if end <= o.from {
			return m.notFound()
		}
		return m.backwardStep(bwdStep{lo: o.from, hi: end}, nil)
	}
	if m.scan.line <= o.line {
		return m.notFound()
	}
	return m.backwardStep(bwdStep{hi: m.scan.from, hiLine: m.scan.line, minLine: o.line}, nil)
}

func (m *Model) notFound() tea.Cmd {
	f := &m.find
	f.running = false
	f.note, f.noteBad = "Pattern not found: "+pane.Escape(f.pat), true
	return nil
}

// applySearch takes a step's result: a match to show, a step to go on
// with, or the end of what was to search.
func (m *Model) applySearch(msg searchMsg) tea.Cmd {
	f := &m.find
	switch {
	case msg.gen != f.gen:
		return nil
	case msg.count:
		return m.applyCount(msg)
	case !f.running:
		return nil
	case msg.found != nil:
		return m.showMatch(*msg.found)
	case msg.err != nil:
		f.running = false
		f.note, f.noteBad = "search: "+pane.Escape(msg.err.Error()), true
		return nil
	case msg.end:
		return m.wrapSearch()
	case f.runBack:
		return m.backwardStep(msg.bwd, msg.bufs)
	}
	f.pos = msg.fwd.from
	return forwardCmd(m.src, f.gen, f.mt, f.runHex, msg.fwd, msg.bufs)
}

// showMatch scrolls to a match and numbers it: from the one before when
// that is known, else by counting the matches before it.
func (m *Model) showMatch(at matchAt) tea.Cmd {
	f := &m.find
	f.running, f.has, f.at, f.atHex, f.reveal = false, true, at, f.runHex, true
	f.k = 0
	switch {
	case !f.runBack && f.wrapped:
		f.k = 1
	case !f.runBack && f.prevK > 0:
		f.k = f.prevK + 1
	case !f.runBack && f.origin.from == 0 && !f.origin.skip:
		f.k = 1
	case f.runBack && !f.wrapped && f.prevK > 1:
		f.k = f.prevK - 1
	}
	m.goTo(at.line)
	if f.k > 0 {
		return nil
	}
	limit := at.off
	if !f.runHex {
		limit = at.lineOff
	}
	return forwardCmd(m.src, f.gen, f.mt, f.runHex, fwdStep{limit: limit, count: true}, nil)
}

func (m *Model) applyCount(msg searchMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		return nil
	case msg.end:
		m.find.k = msg.fwd.n + 1
		return nil
	}
	return forwardCmd(m.src, m.find.gen, m.find.mt, m.find.runHex, msg.fwd, msg.bufs)
}

// applyReveal brings the match's columns into view once its line is
// held: sideways when lines are cut, down its rows when wrapped.
func (m *Model) applyReveal() {
	f := &m.find
	if !f.reveal || !f.has || f.atHex != m.hex || m.pending >= 0 || !m.holds(f.at.line) {
		return
	}
	f.reveal = false
	if m.hex {
		return
	}
	l := m.win[f.at.line-m.winFirst]
	col := min(int(f.at.off-l.off), len(l.raw))
	end := min(col+f.at.n, len(l.raw))
	before := escapeText(l.raw[:col])
	if m.wrap {
		if row := rowCount([]span{{before + escapeText(l.raw[col:end]), false}}, m.width) - 1; row >= m.rows() {
			m.sub = row - m.rows()/2
		}
		return
	}
	x, w := ansi.StringWidth(before), ansi.StringWidth(escapeText(l.raw[col:end]))
	if x < m.hscroll || x+w > m.hscroll+m.width {
		m.hscroll = max(0, x-m.width/3)
	}
}

// searchStatus is the bottom line's report of the search, and whether
// it is bad news.
func (m Model) searchStatus() (string, bool) {
	f := m.find
	switch {
	case f.running:
		s := fmt.Sprintf("searching for %s… %s", pane.Escape(f.pat), humanize.IBytes(uint64(f.pos)))
		if !f.runBack && !f.wrapped && f.pos >= m.avail && !m.done {
			s += " (waiting for the file)"
		}
		return s + " · esc stops", false
	case f.note != "":
		return f.note, f.noteBad
	case !f.has || f.atHex != m.hex:
		return "", false
	}
	parts := []string{"match …"}
	if f.k > 0 {
		parts[0] = fmt.Sprintf("match %d", f.k)
	}
	if f.atHex {
		parts = append(parts, fmt.Sprintf("offset 0x%x", f.at.off))
	} else {
		parts = append(parts, fmt.Sprintf("line %d", f.at.line+1))
	}
	if f.wrapped {
		parts = append(parts, "search wrapped")
	}
	return strings.Join(parts, " · "), false
}
