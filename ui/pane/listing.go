package pane

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// SortKey is the order of a pane's entries (folders always first).
type SortKey int

// Sort orders.
const (
	ByName SortKey = iota
	BySize
	ByTime
)

func (k SortKey) String() string {
	switch k {
	case BySize:
		return "size"
	case ByTime:
		return "time"
	}
	return "name"
}

type filterState struct {
	text   string
	typing bool
}

// handleListed applies a listing meant for this pane; stale ones are
// dropped. It reports whether the listing was applied.
func (m *Model) handleListed(msg ListedMsg) (bool, tea.Cmd) {
	if msg.Seq != m.seq {
		return false, nil
	}
	m.loading = false
	t := msg.table
	if t == nil { // a listing held whole: from a test, or an FS of another kind
		t = tableOf(msg.Listing.Entries, m.limit)
	}
	if msg.Err != nil && t.len() == 0 {
		m.listErr = msg.Err.Error()
		return true, nil
	}
	m.listErr = ""
	left := m.dir
	changed := msg.Listing.Dir != m.dir
	m.dir = msg.Listing.Dir
	old, oldMarks := m.tab, m.marks
	m.tab = t
	m.clearMarks()
	if changed || !msg.Reload {
		m.filter = filterState{}
	} else {
		m.keepMarks(old, oldMarks)
	}
	sel := msg.Select
	if changed {
		m.cursor, m.offset = 0, 0 // a folder entered: its first row
		if sel == "" && left != "" && m.fs != nil {
			sel = childOnPath(m.dir, left, m.fs.Dir) // gone up: the folder left
		}
	}
	m.rebuild(sel)
	return true, nil
}

// rebuild recomputes the shown rows (hidden files, sort, filter) and puts
// the cursor on sel when it is shown, else keeps its index.
func (m *Model) rebuild(sel string) {
	t := m.tab
	if cap(m.sorted) < t.len() {
		m.sorted = make([]int, 0, t.len())
	}
	m.sorted = m.sorted[:0]
	for i := range t.rows {
		if m.hidden || !strings.HasPrefix(t.name(i), ".") {
			m.sorted = append(m.sorted, i)
		}
	}
	m.sortRows(m.sorted)
	m.refilter(m.sorted, sel)
}

// refilter shows the candidates (in sorted order) that pass the filter.
func (m *Model) refilter(cands []int, sel string) {
	switch {
	case m.filter.text != "":
		m.applyFilter(cands)
	case m.parent() != "":
		m.view = append(append(m.view[:0], upRow), cands...)
	default:
		m.view = append(m.view[:0], cands...)
	}
	if sel != "" {
		m.selectName(sel)
	}
	m.clampCursor()
}

func (m *Model) sortRows(idx []int) {
	t, key, rev := m.tab, m.sort, m.reverse
	slices.SortFunc(idx, func(a, b int) int { // a total order: no need for a stable sort
		ra, rb := &t.rows[a], &t.rows[b]
		if da, db := ra.isDir(), rb.isDir(); da != db {
			if da {
				return -1
			}
			return 1
		}
		c := 0
		switch key {
		case BySize:
			c = cmpInt(ra.size, rb.size)
		case ByTime:
			c = cmpTime(ra, rb)
		}
		if c == 0 {
			na, nb := t.names[t.offs[a]:t.offs[a+1]], t.names[t.offs[b]:t.offs[b+1]]
			if c = cmpFold(na, nb); c == 0 {
				c = strings.Compare(na, nb)
			}
		}
		if c == 0 {
			c = a - b // a listing may repeat a name (a server's quirk)
		}
		if rev {
			c = -c
		}
		return c
	})
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// applyFilter keeps the candidates that fuzzy-match the filter, best
// first (ties in sorted order).
func (m *Model) applyFilter(cands []int) {
	found := byScore(fuzzyFind([]rune(m.filter.text), m.tab, cands))
	view := make([]int, len(found))
	for i, f := range found {
		view[i] = f.idx
	}
	m.view = view
	m.cursor, m.offset = 0, 0
}

// hit is an entry that matched the filter, and how well.
type hit struct{ idx, score int }

func fuzzyFind(pattern []rune, t *table, cands []int) []hit {
	out := make([]hit, 0, len(cands)/4)
	var buf []int
	ap := asciiPattern(pattern)
	for _, i := range cands {
		score, pos, ok := match(pattern, ap, t.name(i), buf[:0])
		buf = pos
		if ok {
			out = append(out, hit{i, score})
		}
	}
	return out
}

// byScore orders hits best first, ties kept in their order. Scores are
// small integers, so a counting sort does it in linear time.
func byScore(found []hit) []hit {
	if len(found) < 2 {
		return found
	}
	lo, hi := found[0].score, found[0].score
	for _, f := range found {
		lo, hi = min(lo, f.score), max(hi, f.score)
	}
	if hi-lo > 4*len(found) {
		slices.SortStableFunc(found, func(a, b hit) int { return b.score - a.score })
		return found
	}
	count := make([]int, hi-lo+2)
	for _, f := range found {
		count[hi-f.score+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	out := make([]hit, len(found))
	for _, f := range found {
		out[count[hi-f.score]] = f
		count[hi-f.score]++
	}
	return out
}

func (m *Model) selectName(name string) {
	for i, idx := range m.view {
		if idx != upRow && m.tab.name(idx) == name {
			m.cursor = i
			m.scrollToCursor()
			return
		}
	}
}

// SetSort changes the order, keeping the cursor on its entry.
func (m *Model) SetSort(k SortKey, reverse bool) {
	m.sort, m.reverse = k, reverse
	m.keepCursor(func() { m.rebuild("") })
}

func (m *Model) keepCursor(f func()) {
	sel := ""
	if e, ok := m.Current(); ok {
		sel = e.Name
	}
	f()
	if sel != "" {
		m.selectName(sel)
	}
}
