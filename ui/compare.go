package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/session"
	dircmp "github.com/ftpane/ftpane/ui/compare"
	"github.com/ftpane/ftpane/ui/pane"
)

// compareState is the comparison of the two panes' folders (=), its
// select-by-result menu, and the sync preview (syncview.go).
type compareState struct {
	on   bool
	fss  [2]session.FS // what was compared: the comparison ends when a pane leaves it
	dirs [2]string
	out  dircmp.Outcome
	menu *compareMenu
	sync *syncView
	seq  int  // numbers the sync preview's walks
	ctlX bool // ctrl+x was pressed: d compares (Midnight Commander's C-x d)
}

// modal reports whether a compare dialog takes the keys.
func (c compareState) modal() bool { return c.menu != nil || c.sync != nil }

// noPair says why comparing (=, Y) does not apply now: it needs a folder
// in both panes. (A DisabledReason of the pane bindings, bindings.go.)
func (m *Model) noPair() string {
	for i, p := range m.panes {
		if p.FS() == nil || p.Dir() == "" {
			return fmt.Sprintf("the %s pane shows no folder", pane.ID(i))
		}
	}
	return ""
}

// noSyncBrowse: B turns synchronized browsing off at any time, on only
// with a folder in both panes.
func (m *Model) noSyncBrowse() string {
	if m.site.sync.on {
		return ""
	}
	return m.noPair()
}

// compareKey is =: compare the two folders, or on the same folders
// again, open the menu that marks by result.
func (m *Model) compareKey() {
	if m.cmp.on && m.comparing() {
		m.openCompareMenu()
		return
	}
	m.compareNow(true)
	c := m.cmp.out.Count(int(m.focus))
	m.setStatus("compare: "+c.String()+" · = again: select by result", false)
}

// compareChord takes Midnight Commander's C-x d, which no key.Binding
// can hold: ctrl+x, then d compares; any other key after ctrl+x goes on
// as usual.
func (m *Model) compareChord(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	ctlX := m.cmp.ctlX
	m.cmp.ctlX = false
	switch {
	case m.sub != SubNone:
		return nil, false
	case msg.String() == "ctrl+x":
		m.cmp.ctlX = true
		return nil, true
	case ctlX && msg.String() == "d":
		if why := m.noPair(); why != "" {
			m.setStatus("not now: "+why, false)
			return nil, true
		}
		m.compareKey()
		return nil, true
	}
	return nil, false
}

// comparing reports whether both panes still show what was compared.
func (m Model) comparing() bool {
	for i, p := range m.panes {
		if p.FS() != m.cmp.fss[i] || p.Dir() != m.cmp.dirs[i] {
			return false
		}
	}
	return true
}

// zoneOf is pane i's server zone as far as it is known (0: none).
func (m Model) zoneOf(i int) time.Duration {
	if z := m.site.tz[i]; z.on {
		return z.offset
	}
	return 0
}

// compareNow compares the panes' folders as they are listed and shows
// the results; mark sets the marks as Midnight Commander does (what is
// newer or only here, on each side).
func (m *Model) compareNow(mark bool) {
	var sides [2]dircmp.Side
	for i := range m.panes {
		sides[i] = dircmp.Side{Files: m.panes[i].CompareFiles(), Zone: m.zoneOf(i)}
	}
	out := dircmp.Compare(sides[0], sides[1])
	m.cmp.on, m.cmp.out = true, out
	for i := range m.panes {
		m.cmp.fss[i], m.cmp.dirs[i] = m.panes[i].FS(), m.panes[i].Dir()
		m.panes[i].SetCompare(out.Results(i))
		if mark {
			m.panes[i].MarkNames(out.Names(i, dircmp.PickDefault))
		}
	}
}

// endCompare takes the results off the panes; the marks stay.
func (m *Model) endCompare() {
	m.cmp.on, m.cmp.out, m.cmp.menu = false, dircmp.Outcome{}, nil
	m.cmp.fss, m.cmp.dirs = [2]session.FS{}, [2]string{}
	for i := range m.panes {
		m.panes[i].SetCompare(nil)
	}
}

// compareListed follows a pane's new listing: another folder ends the
// comparison; the same folder again (after a copy, a reload) is compared
// anew, marks untouched.
func (m *Model) compareListed() {
	if !m.cmp.on {
		return
	}
	if !m.comparing() {
		m.endCompare()
		return
	}
	m.compareNow(false)
}

// compareMenu picks what to mark by result, in both panes at once.
type compareMenu struct {
	cursor int
}

// menuEnd is the menu's last line, after the picks: end the comparison.
const menuEnd = "end the comparison"

func (m *Model) openCompareMenu() { m.cmp.menu = &compareMenu{} }

func (m Model) handleCompareMenuKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k, menu := m.keys, *m.cmp.menu
	n := len(dircmp.Picks()) + 1
	switch {
	case key.Matches(msg, k.Cancel):
		m.cmp.menu = nil
	case key.Matches(msg, k.Up):
		menu.cursor = (menu.cursor + n - 1) % n
		m.cmp.menu = &menu
	case key.Matches(msg, k.Down):
		menu.cursor = (menu.cursor + 1) % n
		m.cmp.menu = &menu
	case key.Matches(msg, k.Confirm):
		m.cmp.menu = nil
		if menu.cursor == n-1 {
			m.endCompare()
			m.setStatus("comparison ended; the marks stay", false)
			return m, nil
		}
		p := dircmp.Picks()[menu.cursor]
		here := m.panes[m.focus].MarkNames(m.cmp.out.Names(int(m.focus), p))
		there := m.panes[1-m.focus].MarkNames(m.cmp.out.Names(1-int(m.focus), p))
		m.setStatus(fmt.Sprintf("marked %s: %d here, %d in the other pane", p, here, there), false)
	}
	return m, nil
}

// compareMenuView is the menu's box: the summary, then each pick with how
// many names it takes here and in the other pane.
func (m Model) compareMenuView() string {
	st, f := m.styles.Dialog, int(m.focus)
	w := max(20, min(60, m.width-8))
	lines := []string{st.Title.Render("Compare: mark by result"), ansi.Wrap(m.cmp.out.Count(f).String(), w, " "), ""}
	lines = append(lines, st.Label.Render(fmt.Sprintf("  %-22s %6s %6s", "", "here", "there")))
	for i, p := range dircmp.Picks() {
		row := fmt.Sprintf("  %-22s %6d %6d", p, len(m.cmp.out.Names(f, p)), len(m.cmp.out.Names(1-f, p)))
		if p == dircmp.PickNothing {
			row = fmt.Sprintf("  %-22s", "nothing (clear marks)")
		}
		lines = append(lines, m.menuRow(row, i == m.cmp.menu.cursor))
	}
	lines = append(lines, m.menuRow("  "+menuEnd, m.cmp.menu.cursor == len(dircmp.Picks())))
	lines = append(lines, "", st.Label.Render("↑↓ choose · enter: mark in both panes · esc: close"))
	return st.Box.Width(w + 4).Render(strings.Join(lines, "\n"))
}

func (m Model) menuRow(s string, cur bool) string {
	if cur {
		return m.styles.Pane.Cursor.Render("›" + s[1:])
	}
	return s
}

// toggleSyncBrowse turns synchronized browsing on for the two folders
// shown now (entering a folder in one pane enters the same one, relative
// to them, in the other), or off.
func (m *Model) toggleSyncBrowse() {
	if m.site.sync.on {
		m.site.sync = syncState{}
		m.setStatus("synchronized browsing off", false)
		return
	}
	m.site.sync = syncState{on: true, base: [2]string{m.panes[0].Dir(), m.panes[1].Dir()}}
	m.setStatus("synchronized browsing on: "+pane.Escape(m.panes[0].Dir())+" ⇄ "+pane.Escape(m.panes[1].Dir())+
		" (B turns it off)", false)
}

// syncBadge is the header's sign that synchronized browsing is on.
func (m Model) syncBadge() string {
	if !m.site.sync.on {
		return ""
	}
	return "  " + m.styles.Header.Lock.Render("[synchronized browsing]")
}
