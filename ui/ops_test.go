package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

func TestMkdir(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "f7")
	wantScreen(t, m, "Create folder", "in /pub")
	m = typeText(t, m, "new 新")
	m = press(t, m, "enter")
	if !r.Exists("/pub/new 新") || cursorName(m) != "new 新" {
		t.Fatalf("mkdir: exists %v, cursor %q", r.Exists("/pub/new 新"), cursorName(m))
	}
	wantScreen(t, m, "created /pub/new 新", "new 新/")
	m = press(t, m, "f7")
	m = typeText(t, m, "docs")
	m = press(t, m, "enter")
	wantScreen(t, m, "550 File exists")
}

func TestMkdirCancel(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "f7")
	m = typeText(t, m, "nope")
	m = press(t, m, "esc")
	dontWantScreen(t, m, "Create folder")
	if r.Exists("/pub/nope") {
		t.Fatal("esc still created the folder")
	}
}

func TestRename(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "readme")
	m = press(t, m, "enter", "shift+f6")
	wantScreen(t, m, "Rename or move", "README.md to:")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "READ.txt")
	m = press(t, m, "enter")
	if r.Exists("/pub/README.md") || r.Content("/pub/READ.txt") != "hello from the server\n" {
		t.Fatal("not renamed")
	}
	if cursorName(m) != "READ.txt" {
		t.Fatalf("cursor on %q", cursorName(m))
	}
	m = press(t, m, "shift+f6", "ctrl+u")
	m = typeText(t, m, "docs/READ.txt") // a move
	m = press(t, m, "enter")
	if !r.Exists("/pub/docs/READ.txt") {
		t.Fatal("not moved into docs")
	}
	wantScreen(t, m, "renamed READ.txt to docs/READ.txt")
}

func TestDeleteNamesWhatGoes(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "down", "space", "space") // docs/, data.csv
	m = press(t, m, "f8")
	wantScreen(t, m, "Delete 2 entries (20 kB)?", "docs/", "data.csv", "Folders are deleted with everything in them")
	m = press(t, m, "esc")
	if !r.Exists("/pub/docs") {
		t.Fatal("esc deleted")
	}
	m = press(t, m, "f8", "enter")
	if r.Exists("/pub/docs/api") || r.Exists("/pub/docs") || r.Exists("/pub/data.csv") {
		t.Fatal("not deleted")
	}
	wantScreen(t, m, "deleted 2 entries")
	if n, _ := m.panes[1].Marked(); n != 0 {
		t.Fatalf("%d still marked", n)
	}
	m = press(t, m, "delete", "y") // the entry under the cursor
	if r.Exists("/pub/evil\x1b[31mred.txt") {
		t.Fatal("delete key + y")
	}
}

func TestChmod(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "down", "down", "m")
	wantScreen(t, m, "Permissions", "data.csv: octal (644) or rwx")
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, "rwxr-x---")
	m = press(t, m, "enter")
	if e, _ := r.Stat(nil, "/pub/data.csv"); e.Mode.Perm() != 0o750 {
		t.Fatalf("mode %o", e.Mode.Perm())
	}
	wantScreen(t, m, "-rwxr-x---", "mode 0750 set on 1 entry")
	m = press(t, m, "m", "ctrl+u")
	m = typeText(t, m, "99x")
	m = press(t, m, "enter")
	wantScreen(t, m, `bad mode "99x"`)
}

func TestParseMode(t *testing.T) {
	cases := []struct {
		in   string
		want fs.FileMode
		ok   bool
	}{
		{"644", 0o644, true}, {"0755", 0o755, true}, {"4755", 0o4755, true}, {"rw-r--r--", 0o644, true},
		{"-rwxr-xr-x", 0o755, true}, {"drwx------", 0o700, true}, {"888", 0, false}, {"rw", 0, false},
		{"rwxrwxrwz", 0, false}, {"12", 0, false},
	}
	for _, c := range cases {
		got, err := ParseMode(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseMode(%q) = %o, %v", c.in, got, err)
		}
	}
}

func TestViewer(t *testing.T) {
	r := sampleRemote()
	var b strings.Builder
	for i := 1; i <= 100; i++ {
		b.WriteString("line " + strings.Repeat("x", i%7) + "\t" + strconv.Itoa(i) + "\n")
	}
	r.File("/pub/aaa.txt", b.String())
	m := newTest(t, sampleLocal(), r, 80, 24)
	m = press(t, m, "down", "down", "f3")
	wantScreen(t, m, "/pub/aaa.txt", "line x    1", "22/100 22%")
	m = press(t, m, "pgdown", "j")
	wantScreen(t, m, "44/100")
	m = press(t, m, "G")
	wantScreen(t, m, "100/100 100%", "    100")
	m = press(t, m, "q")
	wantScreen(t, m, "/pub", "docs/")
}

// TestViewerPagesPastFourMiB: F3 once showed only a file's first 4 MiB;
// now it pages to the end, holding only the lines around the screen.
func TestViewerPagesPastFourMiB(t *testing.T) {
	r := sampleRemote()
	r.File("/pub/aaa.txt", numberedLines(200_000)) // 6.6 MB
	m := newTest(t, sampleLocal(), r, 80, 24)
	m = press(t, m, "down", "down", "f3")
	wantScreen(t, m, "line 000000001", "22/200000 0%")
	m = press(t, m, "G")
	wantScreen(t, m, "line 000200000", "200000/200000 100%")
	if got := len(m.view.Lines()); got > 300 {
		t.Fatalf("the pager holds %d lines", got)
	}
	m = press(t, m, "q")
	wantScreen(t, m, "/pub", "docs/")
}

// numberedLines is "line 000000001" to n, padded to 33 bytes a line.
func numberedLines(n int) string {
	const width = 33
	b := make([]byte, 0, n*width)
	line := []byte("line 000000000" + strings.Repeat(" ", width-15) + "\n")
	for range n {
		j := 13
		for ; line[j] == '9'; j-- { // count up like an odometer
			line[j] = '0'
		}
		line[j]++
		b = append(b, line...)
	}
	return string(b)
}

func TestViewerShowsBinaryAsHex(t *testing.T) {
	r := sampleRemote()
	r.File("/pub/aaa.bin", "\x00\x01ELF\x1b[2J")
	m := newTest(t, sampleLocal(), r, 80, 24)
	m = press(t, m, "down", "down", "f3")
	wantScreen(t, m, "00000000  00 01 45 4c 46 1b 5b 32  4a", "|..ELF.[2J|")
}

func TestEditRemoteUploadsChange(t *testing.T) {
	r := sampleRemote()
	job := downloadJob(t, r, "/pub/README.md")
	os.WriteFile(job.Local, []byte("edited\n"), 0o600)
	msg := uploadEdited(job)().(opDoneMsg)
	if msg.Err != nil || r.Content("/pub/README.md") != "edited\n" {
		t.Fatalf("upload: %v, content %q", msg.Err, r.Content("/pub/README.md"))
	}
	if _, err := os.Stat(filepath.Dir(job.Local)); !os.IsNotExist(err) {
		t.Fatal("temporary copy left behind")
	}
}

func TestEditRemoteUnchangedIsNotUploaded(t *testing.T) {
	r := sampleRemote()
	job := downloadJob(t, r, "/pub/README.md")
	msg := uploadEdited(job)().(opDoneMsg)
	if msg.Err != nil || !strings.Contains(msg.Text, "not changed") {
		t.Fatalf("%+v", msg)
	}
}

func TestEditRemoteRefusesWhenServerCopyChanged(t *testing.T) {
	r := sampleRemote()
	job := downloadJob(t, r, "/pub/README.md")
	os.WriteFile(job.Local, []byte("mine\n"), 0o600)
	r.File("/pub/README.md", "theirs, longer\n") // someone else saved meanwhile
	msg := uploadEdited(job)().(opDoneMsg)
	if msg.Err == nil || !strings.Contains(msg.Err.Error(), "changed on the server while you edited it") ||
		!strings.Contains(msg.Err.Error(), job.Local) {
		t.Fatalf("err = %v", msg.Err)
	}
	if r.Content("/pub/README.md") != "theirs, longer\n" {
		t.Fatal("overwrote the newer file")
	}
	os.RemoveAll(filepath.Dir(job.Local))
}

func downloadJob(t *testing.T, r *fakefs.FS, p string) editJob {
	t.Helper()
	msg := downloadForEdit(editJob{FS: r, Path: p, Remote: true, Pane: 1})().(editReadyMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	data, _ := os.ReadFile(msg.job.Local)
	if string(data) != r.Content(p) {
		t.Fatalf("downloaded %q", data)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(msg.job.Local)) })
	return msg.job
}

func TestEditKeyStartsDownload(t *testing.T) {
	r := sampleRemote()
	m := newTest(t, sampleLocal(), r, 100, 24)
	m = press(t, m, "/")
	m = typeText(t, m, "readme")
	mm, cmd := m.Update(keyMsg("enter"))
	m = run(t, mm.(Model), cmd)
	mm, cmd = m.Update(keyMsg("f4"))
	m = mm.(Model)
	wantScreen(t, m, "downloading /pub/README.md to edit")
	ready, ok := cmd().(editReadyMsg)
	if !ok || ready.err != nil {
		t.Fatalf("%#v", ready)
	}
	os.RemoveAll(filepath.Dir(ready.job.Local))
}

func TestRenameNeverEchoesControlCharacters(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "down", "down", "down", "shift+f6")
	wantScreen(t, m, `evil\x1b[31mred.txt to:`)
	if strings.Contains(m.Render(), "\x1b[31mred") {
		t.Fatal("raw escape in the rename dialog")
	}
}
