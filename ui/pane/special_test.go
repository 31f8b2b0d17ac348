package pane

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

// TestSpecialEntriesShowAsLsDoes: devices, fifos and sockets are not
// files with a size, special bits are not plain x, and a link shows its
// target.
func TestSpecialEntriesShowAsLsDoes(t *testing.T) {
	when := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	es := []session.Entry{
		{Name: "null", Kind: session.KindOther, Mode: fs.ModeDevice | fs.ModeCharDevice | 0o666, HasMode: true},
		{Name: "sda", Kind: session.KindOther, Mode: fs.ModeDevice | 0o660, HasMode: true},
		{Name: "log.fifo", Kind: session.KindOther, Mode: fs.ModeNamedPipe | 0o644, HasMode: true},
		{Name: "mysqld.sock", Kind: session.KindOther, Mode: fs.ModeSocket | 0o777, HasMode: true},
		{Name: "passwd", Kind: session.KindFile, Size: 59976, Mode: fs.ModeSetuid | 0o755, HasMode: true},
		{Name: "tmp", Kind: session.KindDir, Mode: fs.ModeDir | fs.ModeSticky | 0o777, HasMode: true},
		{Name: "latest", Kind: session.KindLink, Target: "docs/v2", Mode: fs.ModeSymlink | 0o777, HasMode: true},
	}
	for i := range es {
		es[i].ModTime = when
	}
	m := New(Left, session.Local{}, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetColumns(Columns{Local: []Column{ColName, ColSize, ColTime, ColPerm}})
	m.SetSize(90, 12)
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Listing: session.Listing{Dir: "/dev", Entries: es}})
	m.hidden = true
	m.rebuild("")
	view := ansi.Strip(m.View())
	for _, want := range []string{"null", "<CHR>", "crw-rw-rw-", "<BLK>", "brw-rw----", "<FIFO>", "prw-r--r--",
		"<SOCK>", "srwxrwxrwx", "-rwsr-xr-x", "drwxrwxrwt", "latest -> docs/v2", "lrwxrwxrwx"} {
		if !strings.Contains(view, want) {
			t.Errorf("pane lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, " 3 B") {
		t.Errorf("a device shows a size:\n%s", view)
	}
}

// TestFailedListingShowsTheServersReply: a listing that failed is not an
// empty folder.
func TestFailedListingShowsTheServersReply(t *testing.T) {
	m := New(Right, session.Local{}, keymap.Default(), styles.New(styles.DefaultTheme(), true, true))
	m.SetSize(70, 6)
	m.seq++
	err := &session.ReplyError{Op: "ls /pub", Code: 502, Msg: "PORT not allowed"}
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Err: errors.Join(err)})
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "ls /pub: 502 PORT not allowed") || strings.Contains(view, "empty folder") {
		t.Fatalf("pane after a failed listing:\n%s", view)
	}
	m.seq++
	m, _ = m.Update(ListedMsg{Pane: m.id, Seq: m.seq, Listing: session.Listing{Dir: "/empty"}})
	if view := ansi.Strip(m.View()); !strings.Contains(view, "empty folder") {
		t.Fatalf("an empty folder after the error:\n%s", view)
	}
}
