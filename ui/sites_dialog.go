package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/pane"
	"github.com/ftpane/ftpane/ui/styles"
)

// siteDialog is the site manager's list: the saved sites, then the recent
// connections, narrowed by what the user types.
type siteDialog struct {
	pane   int // the pane a connection goes to
	filter textinput.Model
	rows   []siteRow
	cursor int
	err    string
	width  int
	height int
	keys   keymap.KeyMap
	styles styles.Styles
}

// siteRow is one line: a site (index into the book) or a recent
// connection (index into the recent list).
type siteRow struct {
	site, recent int // -1 when the row is the other kind
	name, detail string
	notes        string
}

func newSiteDialog(i int, keys keymap.KeyMap, st styles.Styles) siteDialog {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "type to filter, or a host name"
	s := in.Styles()
	s.Cursor.Blink = false
	in.SetStyles(s)
	in.Focus()
	return siteDialog{pane: i, filter: in, keys: keys, styles: st, width: 60, height: 20}
}

func (d *siteDialog) setSize(w, h int) {
	d.width, d.height = max(30, min(90, w-6)), max(8, h-4)
	d.filter.SetWidth(d.width - 10)
}

// refresh rebuilds the rows for the filter, keeping the cursor on the
// same entry when it is still shown.
func (d *siteDialog) refresh(b sites.Book, recent []sites.Recent) {
	cur, hasCur := d.selected()
	f := d.filter.Value()
	d.rows = d.rows[:0]
	for i, s := range b.Sites {
		if sites.Match(f, s.Name, s.Folder, s.URL, s.User, s.Notes) {
			name := s.Name
			if s.Folder != "" {
				name = s.Folder + "/" + s.Name
			}
			d.rows = append(d.rows, siteRow{site: i, recent: -1, name: name, detail: s.Account(), notes: s.Notes})
		}
	}
	for i, r := range recent {
		if sites.Match(f, r.Label(), r.Site) {
			d.rows = append(d.rows, siteRow{site: -1, recent: i, name: r.Label(), detail: recentDetail(r)})
		}
	}
	d.cursor = min(d.cursor, max(0, len(d.rows)-1))
	for i, r := range d.rows {
		if hasCur && r.site == cur.site && r.recent == cur.recent && r.name == cur.name {
			d.cursor = i
		}
	}
}

func recentDetail(r sites.Recent) string {
	s := r.When.Local().Format("Jan _2 15:04")
	if r.Site != "" {
		s = "@" + r.Site + "  " + s
	}
	return s
}

func (d siteDialog) selected() (siteRow, bool) {
	if d.cursor < 0 || d.cursor >= len(d.rows) {
		return siteRow{}, false
	}
	return d.rows[d.cursor], true
}

// typeKey hands a key to the filter; it reports whether the text changed.
func (d *siteDialog) typeKey(msg tea.Msg) bool { // a key or a paste
	before := d.filter.Value()
	d.filter, _ = d.filter.Update(msg)
	return d.filter.Value() != before
}

func (d *siteDialog) move(delta int) {
	if len(d.rows) > 0 {
		d.cursor = (d.cursor + delta + len(d.rows)) % len(d.rows)
	}
}

// View draws the box: the filter, the rows around the cursor, the notes
// of the selected site and the keys.
func (d siteDialog) View() string {
	st := d.styles
	lines := []string{st.Dialog.Title.Render("Sites and recent connections"), d.filter.View()}
	room := max(1, d.height-10) // title, filter, two section heads, notes, two hint lines, border
	top := max(0, min(d.cursor-room/2, len(d.rows)-room))
	section := ""
	for i := top; i < len(d.rows) && i < top+room; i++ {
		r := d.rows[i]
		if h := rowSection(r); h != section || i == top {
			section = h
			lines = append(lines, st.Dialog.Label.Render(h))
		}
		lines = append(lines, d.rowView(r, i == d.cursor))
	}
	if len(d.rows) == 0 {
		lines = append(lines, st.Dialog.Label.Render(d.emptyText()))
	}
	if r, ok := d.selected(); ok && r.notes != "" {
		lines = append(lines, st.Dialog.Label.Render("notes: ")+pane.Escape(firstLine(r.notes)))
	}
	if d.err != "" {
		for _, e := range strings.Split(ansi.Wrap(pane.Escape(d.err), d.width, " "), "\n") {
			lines = append(lines, st.Dialog.Error.Render(e))
		}
	}
	for _, h := range strings.Split(ansi.Wrap(d.hint(), d.width, " "), "\n") {
		lines = append(lines, st.Dialog.Label.Render(h))
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, d.width, "…")
	}
	return st.Dialog.Box.Width(d.width + 4).Render(strings.Join(lines, "\n"))
}

func rowSection(r siteRow) string {
	if r.site >= 0 {
		return "Sites"
	}
	return "Recent"
}

func (d siteDialog) rowView(r siteRow, cur bool) string {
	nameW := min(32, d.width/2)
	name := pane.Escape(r.name)
	text := " " + padTo(ansi.Truncate(name, nameW, "…"), nameW) + " " + pane.Escape(r.detail)
	text = padTo(ansi.Truncate(text, d.width, "…"), d.width)
	if cur {
		return d.styles.Pane.Cursor.Render(text)
	}
	return text
}

func (d siteDialog) emptyText() string {
	if d.filter.Value() != "" {
		return fmt.Sprintf("no site matches: enter connects to %q", d.filter.Value())
	}
	return "no sites yet: F7 adds one, F2 imports FileZilla's or ~/.netrc, F9 connects without one"
}

func (d siteDialog) hint() string {
	k := d.keys
	var parts []string
	for _, b := range []key.Binding{k.SiteConnect, k.SiteNew, k.SiteEdit, k.SiteDuplicate, k.SiteDelete,
		k.SiteImport, k.SiteQuick, k.SiteClose} {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

func padTo(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
