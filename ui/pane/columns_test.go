package pane

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/internal/hostile"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

// unixServer serves session's UNIX listing fixture (ls -l lines with
// devices, setuid bits, owners by name and by number) on 127.0.0.1.
func unixServer(t *testing.T) *session.Remote {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "session", "testdata", "listings", "unix.txt"))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := hostile.Start(hostile.Script{Lines: strings.Split(strings.TrimRight(string(raw), "\n"), "\n")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(srv.Addr())
	p, _ := strconv.Atoi(port)
	r, err := session.Dial(context.Background(), session.Config{Host: host, Port: p, User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// rowOf is the line that shows name (ANSI stripped).
func rowOf(t *testing.T, m Model, name string) string {
	t.Helper()
	for _, l := range lines(m) {
		if strings.HasPrefix(l, " "+name+" ") || strings.HasPrefix(l, " "+name+"/") {
			return l
		}
	}
	t.Fatalf("no row for %q:\n%s", name, strings.Join(lines(m), "\n"))
	return ""
}

// TestRemoteColumnsShowPermissionsAndOwner: a UNIX listing's modes and
// owners reach the remote pane's default columns.
func TestRemoteColumnsShowPermissionsAndOwner(t *testing.T) {
	r := unixServer(t)
	m := New(Right, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(80, 30)
	m.hidden = true
	m = loadFrom(m, r, "/")
	for name, want := range map[string][]string{
		"passwd":   {"60kB", "-rwsr-xr-x root "},
		"odd bits": {"-rw-r-Sr-T alice"},
		"big.iso":  {"5.4GB", "-rw-r--r-- 1000 "},
		"tmp":      {"<DIR>", "drwxrwxrwt root "},
		"null":     {"<CHR>", "crw-rw-rw- 0 "},
	} {
		row := rowOf(t, m, name)
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("row %q lacks %q", row, w)
			}
		}
	}
	// owner and group, group only: config decides, in its order
	m.SetColumns(Columns{Remote: []Column{ColPerm, ColName, ColGroup}})
	if row := rowOf(t, m, "-rwxr-sr-x expiry"); !strings.HasSuffix(row, " shadow") {
		t.Fatalf("perm, name, group: %q", row)
	}
}

// TestUnknownModeAndOwnerAreBlank: an entry without them shows nothing
// there, and a listing with none at all gives them no room.
func TestUnknownModeAndOwnerAreBlank(t *testing.T) {
	m := New(Right, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(70, 8)
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: Right, Seq: m.seq, Listing: session.Listing{Dir: "/x", Entries: []session.Entry{
		{Name: "known", Kind: session.KindFile, Size: 1, Mode: 0o600, HasMode: true, Owner: "bob"},
		{Name: "unknown", Kind: session.KindFile, Size: 2},
	}}})
	known, unknown := rowOf(t, m, "known"), rowOf(t, m, "unknown")
	if !strings.HasSuffix(known, " -rw------- bob") || !strings.HasSuffix(strings.TrimRight(unknown, " "), " 2 B") ||
		len(unknown) != len(known) {
		t.Fatalf("rows:\n%q\n%q", known, unknown)
	}
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: Right, Seq: m.seq, Listing: session.Listing{Dir: "/y", Entries: []session.Entry{
		{Name: "plain", Kind: session.KindFile, Size: 3}}}})
	l := m.layout()
	if row := rowOf(t, m, "plain"); !slices.Equal(l.cols, []Column{ColName, ColSize, ColTime}) ||
		l.widths[0] != 70-1-(1+sizeWidth)-(1+timeWidth) {
		t.Fatalf("no modes nor owners, yet room for them: %v %v %q", l.cols, l.widths, row)
	}
}

// TestLocalColumnsFromStat: the local disk's own mode and owner, when the
// local columns ask for them.
func TestLocalColumnsFromStat(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(p, []byte("s"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	e, err := session.Local{}.Stat(context.Background(), p)
	if err != nil || e.Owner == "" {
		t.Fatalf("stat: %+v %v", e, err)
	}
	m := newPane(80, 8)
	m.SetColumns(Columns{Local: []Column{ColName, ColPerm, ColOwner}})
	m = loadFrom(m, session.Local{}, dir)
	want := " -rw-r----- " + Escape(e.Owner)
	if row := rowOf(t, m, "secret.txt"); !strings.Contains(row, want) {
		t.Fatalf("row %q lacks %q", row, want)
	}
	m.SetColumns(Columns{}) // the default local set: no permissions
	if row := rowOf(t, m, "secret.txt"); strings.Contains(row, "-rw-r-----") {
		t.Fatalf("default local columns show permissions: %q", row)
	}
}

// TestColumnsGiveWayFromTheRight: at every width the name keeps its room
// and the columns shown are the first of the set, in order; each line is
// exactly the pane's width.
func TestColumnsGiveWayFromTheRight(t *testing.T) {
	es := sampleEntries()
	set := []Column{ColName, ColSize, ColTime, ColPerm, ColOwner, ColGroup}
	shown := 0
	for w := 0; w <= 140; w++ {
		m := New(Right, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
		m.SetColumns(Columns{Remote: set})
		m.SetSize(w, 14)
		m.seq++
		m, _ = m.Update(ListedMsg{Pane: Right, Seq: m.seq, Listing: session.Listing{Dir: "/s", Entries: es}})
		l := m.layout()
		if !slices.Equal(l.cols, set[:len(l.cols)]) || len(l.cols) < shown {
			t.Fatalf("width %d: columns %v (%d before)", w, l.cols, shown)
		}
		shown = len(l.cols)
		if w > 0 && l.widths[0] < min(minName, w-1) {
			t.Fatalf("width %d: name has %d cells", w, l.widths[0])
		}
		for _, line := range lines(m)[1:] {
			if got := ansi.StringWidth(line); w > 1 && got != w {
				t.Fatalf("width %d: line %q is %d cells", w, line, got)
			}
		}
	}
	if shown != len(set) {
		t.Fatalf("at 140 cells only %d columns", shown)
	}
}

func TestParseColumns(t *testing.T) {
	got, err := ParseColumns([]string{"name", "Size", "perm", "owner", "group", "time"})
	if err != nil || !slices.Equal(got, []Column{ColName, ColSize, ColPerm, ColOwner, ColGroup, ColTime}) {
		t.Fatalf("%v %v", got, err)
	}
	for in, want := range map[string]string{
		"name,prems":     `unknown column "prems" (columns: name, size, time, perm, owner, group)`,
		"name,size,size": `column "size" is listed twice`,
		"size,time":      "the name column is missing",
		"":               "the name column is missing",
	} {
		var names []string
		if in != "" {
			names = strings.Split(in, ",")
		}
		if _, err := ParseColumns(names); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

// TestPermFactWithoutMode: a server whose MLSD gives a perm fact and no
// unix.mode (FileZilla Server, IIS) shows the fact, escaped, as FileZilla
// does; a mode, where there is one, wins.
func TestPermFactWithoutMode(t *testing.T) {
	m := New(Right, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(70, 8)
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: Right, Seq: m.seq, Listing: session.Listing{Dir: "/x", Entries: []session.Entry{
		{Name: "fact", Kind: session.KindFile, Size: 1, Perm: "adfrw"},
		{Name: "both", Kind: session.KindFile, Size: 2, Mode: 0o640, HasMode: true, Perm: "r"},
		{Name: "hostile", Kind: session.KindFile, Size: 3, Perm: "r\x1b[2J"},
	}}})
	if row := rowOf(t, m, "fact"); !strings.Contains(row, " adfrw ") {
		t.Errorf("perm fact not shown: %q", row)
	}
	if row := rowOf(t, m, "both"); !strings.HasSuffix(strings.TrimRight(row, " "), " -rw-r-----") {
		t.Errorf("the mode should win over the fact: %q", row)
	}
	if row := rowOf(t, m, "hostile"); strings.Contains(row, "\x1b") {
		t.Errorf("the server's escape reached the screen: %q", row)
	}
	for i := 0; i < m.tab.len(); i++ {
		if e := m.tab.entry(i); e.Name == "fact" && e.Perm != "adfrw" {
			t.Errorf("the table gives the perm fact back as %q", e.Perm)
		}
	}
}
