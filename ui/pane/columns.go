package pane

import (
	"fmt"
	"github.com/ftpane/ftpane/ui/cells"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/session"
)

// Column is one column of a pane's rows.
type Column uint8

// The columns a pane can show (config.toml's ui.local_columns and
// ui.remote_columns name them).
const (
	ColName Column = iota
	ColSize
	ColTime
	ColPerm
	ColOwner
	ColGroup
)

var columnNames = [...]string{"name", "size", "time", "perm", "owner", "group"}

func (c Column) String() string {
	if int(c) < len(columnNames) {
		return columnNames[c]
	}
	return fmt.Sprintf("Column(%d)", int(c))
}

// ColumnNames lists every column's name, for error messages and docs.
func ColumnNames() string { return strings.Join(columnNames[:], ", ") }

// ParseColumns reads a column list as config.toml spells it: each name
// once, name among them. The order is the order on screen; as the pane
// narrows, the columns listed last give way first.
func ParseColumns(names []string) ([]Column, error) {
	out := make([]Column, 0, len(names))
	seen := map[Column]bool{}
	for _, n := range names {
		c, ok := columnByName(n)
		switch {
		case !ok:
			return nil, fmt.Errorf("unknown column %q (columns: %s)", n, ColumnNames())
		case seen[c]:
			return nil, fmt.Errorf("column %q is listed twice", n)
		}
		seen[c] = true
		out = append(out, c)
	}
	if !seen[ColName] {
		return nil, fmt.Errorf("the name column is missing (columns: %s)", ColumnNames())
	}
	return out, nil
}

func columnByName(n string) (Column, bool) {
	for i, s := range columnNames {
		if strings.EqualFold(strings.TrimSpace(n), s) {
			return Column(i), true
		}
	}
	return 0, false
}

// Columns are a pane's column sets: Local while it shows the local disk,
// Remote while it shows a server (either pane may show either).
type Columns struct{ Local, Remote []Column }

// DefaultColumns are FileZilla's choice: permissions and owner only on
// the server's side, where chmod is the way to change them.
func DefaultColumns() Columns {
	return Columns{Local: []Column{ColName, ColSize, ColTime},
		Remote: []Column{ColName, ColSize, ColTime, ColPerm, ColOwner}}
}

// SetColumns sets the column sets (empty ones keep the default).
func (m *Model) SetColumns(c Columns) {
	d := DefaultColumns()
	if len(c.Local) == 0 {
		c.Local = d.Local
	}
	if len(c.Remote) == 0 {
		c.Remote = d.Remote
	}
	m.cols = c
}

// Column widths; minName is what the name keeps before any other column
// is shown, and ownerMax bounds an owner or group column.
const (
	minName    = 12
	sizeWidth  = 8
	timeWidth  = 12
	permsWidth = 10
	ownerMax   = 12
)

// layout is the columns a View draws, in order, and their widths; the
// name's is whatever the others leave.
type layout struct {
	cols   []Column
	widths []int
}

// isLocal reports whether fs is the local disk (Label "local", as
// session.FS promises).
func isLocal(fs session.FS) bool { return fs != nil && fs.Label() == "local" }

// wanted is the column set for what the pane shows.
func (m Model) wanted() []Column {
	cols := m.cols
	if len(cols.Local) == 0 {
		cols = DefaultColumns()
	}
	if m.local {
		return cols.Local
	}
	return cols.Remote
}

// layout fits the wanted columns into the pane's width: the name keeps
// minName cells, and the columns listed last give way first. A column the
// whole listing has nothing for (no permissions, no owners) takes no room.
func (m Model) layout() layout {
	room := m.width - 1 - minName // mark gutter, the name
	var l layout
	for _, c := range m.wanted() {
		w := m.columnWidth(c)
		if c == ColName || w == 0 {
			if c == ColName {
				l.cols, l.widths = append(l.cols, c), append(l.widths, 0)
			}
			continue
		}
		if room < w+1 {
			break
		}
		room -= w + 1
		l.cols, l.widths = append(l.cols, c), append(l.widths, w)
	}
	name := m.width - 1
	for i, c := range l.cols {
		if c != ColName {
			name -= l.widths[i] + 1
		}
	}
	for i, c := range l.cols {
		if c == ColName {
			l.widths[i] = max(0, name)
		}
	}
	return l
}

func (m Model) columnWidth(c Column) int {
	switch c {
	case ColSize:
		return sizeWidth
	case ColTime:
		return timeWidth
	case ColPerm:
		if m.tab.modes {
			return permsWidth
		}
	case ColOwner:
		return m.tab.ownerW
	case ColGroup:
		return m.tab.groupW
	}
	return 0
}

// cell is entry e's text in column c (not the name), w cells wide.
func cell(e session.Entry, c Column, w int) string {
	switch c {
	case ColSize:
		return cells.PadLeft(sizeText(e), w)
	case ColTime:
		return cells.PadRight(timeText(e), w)
	case ColPerm:
		return cells.Fit(permsText(e), w)
	case ColOwner:
		return cells.Fit(Escape(e.Owner), w)
	case ColGroup:
		return cells.Fit(Escape(e.Group), w)
	}
	return strings.Repeat(" ", w)
}

// ownerWidths measures the widest owner and group of a table's distinct
// pairs (0: none known), at most ownerMax cells.
func ownerWidths(users []owners) (owner, group int) {
	for _, u := range users {
		owner = max(owner, ansi.StringWidth(Escape(u.owner)))
		group = max(group, ansi.StringWidth(Escape(u.group)))
	}
	return min(owner, ownerMax), min(group, ownerMax)
}
