package session

import (
	"io/fs"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func TestParseLISTLine(t *testing.T) {
	tests := []struct {
		line                string
		name, target, owner string
		kind                Kind
		size                int64
		mode                fs.FileMode
		mtime               time.Time
	}{
		{line: "-rw-r--r--    1 1000     1000         1234 Nov 20 09:30 hello.txt", name: "hello.txt",
			owner: "1000", kind: KindFile, size: 1234, mode: 0o644, mtime: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
		{line: "drwxr-xr-x    2 ftp      ftp          4096 Jan 02  2019 pub", name: "pub", owner: "ftp",
			kind: KindDir, size: 4096, mode: fs.ModeDir | 0o755, mtime: time.Date(2019, 1, 2, 0, 0, 0, 0, time.UTC)},
		{line: "lrwxrwxrwx    1 root     root            7 Dec 30 23:59 latest -> docs/v2", name: "latest",
			target: "docs/v2", owner: "root", kind: KindLink, size: 7, mode: fs.ModeSymlink | 0o777,
			mtime: time.Date(2025, 12, 30, 23, 59, 0, 0, time.UTC)}, // a future date is last year's
		{line: "-rwsr-xr-T    1 a b 10 Mar  5 10:00  two  spaces ", name: " two  spaces ", owner: "a",
			kind: KindFile, size: 10, mode: 0o4754&^0o4000 | fs.ModeSetuid | fs.ModeSticky,
			mtime: time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)},
		{line: "Lrwxrwxrwx 1 ftp ftp 9 Jan 1 2020 latest", name: "latest", owner: "ftp", kind: KindLink, size: 9,
			mode: fs.ModeSymlink | 0o777, mtime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{line: "-rw-r--r-- 1 owner 5 Feb 29 2024 no group", name: "no group", owner: "owner", kind: KindFile,
			size: 5, mode: 0o644, mtime: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{line: "-rw-r--r--+ 1 u g 0 Oct 10 2020 acl.txt", name: "acl.txt", owner: "u", kind: KindFile, mode: 0o644,
			mtime: time.Date(2020, 10, 10, 0, 0, 0, 0, time.UTC)},
		{line: "crw-rw-rw- 1 root root 1,   3 Jan 1 2020 null", name: "null", owner: "root", kind: KindOther,
			mode:  fs.ModeDevice | fs.ModeCharDevice | 0o666,
			mtime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{line: "-rw-r--r-- 1 u g 12 May 1 2021 文档 说明.txt", name: "文档 说明.txt", owner: "u", kind: KindFile,
			size: 12, mode: 0o644, mtime: time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC)},
		{line: "01-16-02  11:14AM       <DIR>          epsgroup", name: "epsgroup", kind: KindDir, mode: fs.ModeDir,
			mtime: time.Date(2002, 1, 16, 11, 14, 0, 0, time.UTC)},
		{line: "06-25-09  02:41PM            144,700 file name.exe", name: "file name.exe", kind: KindFile,
			size: 144700, mtime: time.Date(2009, 6, 25, 14, 41, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		e, ok := parseLISTLine(tt.line, now)
		if !ok {
			t.Errorf("%q: not understood", tt.line)
			continue
		}
		got := [...]any{e.Name, e.Target, e.Owner, e.Kind, e.Size, e.Mode, e.ModTime.String(), e.Raw}
		want := [...]any{tt.name, tt.target, tt.owner, tt.kind, tt.size, tt.mode, tt.mtime.String(), tt.line}
		if got != want {
			t.Errorf("%q:\n got %v\nwant %v", tt.line, got, want)
		}
	}
}

func TestParseLISTLineRejects(t *testing.T) {
	for _, line := range []string{"", "total 42", "garbage line here", "drwxr-xr-x", "-rw-r--r-- 1 u g x Jan 1 2020 f",
		"-rw-r--r-- 1 u g 1 Foo 1 2020 f", "-rw-r--r-- 1 u g 1 Jan 32 2020 f", "-rw-r--r-- 1 u g 1 Jan 1 25:00 f",
		"-rw-r--r-- 1 u g 1 Jan 1 2020"} {
		if e, ok := parseLISTLine(line, now); ok {
			t.Errorf("%q: parsed as %+v, want not understood", line, e)
		}
	}
}

func TestParseMLSDLine(t *testing.T) {
	tests := []struct {
		line, name, target string
		kind               Kind
		size               int64
		mode               fs.FileMode
		hasMode            bool
		owner, group       string
	}{
		{"type=file;size=1024;modify=20220813133357;UNIX.mode=0644;UNIX.owner=alice;UNIX.group=staff; a file.txt",
			"a file.txt", "", KindFile, 1024, 0o644, true, "alice", "staff"},
		{"type=dir;modify=20220813133357;perm=flcdmpe; sub", "sub", "", KindDir, 0, fs.ModeDir, false, "", ""},
		{"type=OS.unix=slink:/srv/target;size=3;UNIX.uid=0;UNIX.gid=0; link", "link", "/srv/target", KindLink, 3,
			fs.ModeSymlink, false, "0", "0"},
		{"Type=File;Size=5;UNIX.mode=4755; setuid", "setuid", "", KindFile, 5, 0o755 | fs.ModeSetuid, true, "", ""},
		{"type=file;size=1; ;semi;colon name", ";semi;colon name", "", KindFile, 1, 0, false, "", ""},
	}
	for _, tt := range tests {
		e, ok := parseMLSDLine(tt.line)
		if !ok {
			t.Errorf("%q: not understood", tt.line)
			continue
		}
		got := [...]any{e.Name, e.Target, e.Kind, e.Size, e.Mode, e.HasMode, e.Owner, e.Group}
		want := [...]any{tt.name, tt.target, tt.kind, tt.size, tt.mode, tt.hasMode, tt.owner, tt.group}
		if got != want {
			t.Errorf("%q:\n got %v\nwant %v", tt.line, got, want)
		}
	}
	if e, _ := parseMLSDLine("type=dir;modify=20220813133357;perm=flcdmpe; sub"); e.Perm != "flcdmpe" {
		t.Errorf("perm fact %q, want flcdmpe", e.Perm)
	}
	if e, _ := parseMLSDLine("type=file;modify=20220813133357.123; f"); !e.ModTime.Equal(time.Date(2022, 8, 13, 13, 33, 57, 123e6, time.UTC)) {
		t.Errorf("modify with milliseconds: %v", e.ModTime)
	}
}

// TestBuildListingKeepsEverything: no line is dropped silently.
func TestBuildListingKeepsEverything(t *testing.T) {
	lines := []string{
		"total 3",
		"drwxr-xr-x 2 u g 4096 Jan 1 2020 .",
		"drwxr-xr-x 2 u g 4096 Jan 1 2020 ..",
		"-rw-r--r-- 1 u g 5 Jan 1 2020 ok.txt",
		"something the parsers do not know",
		"+ not EPLF either",
	}
	l := buildListing("/d", lines, false, now)
	if len(l.Entries) != 3 {
		t.Fatalf("want ok.txt and two unknown entries, got %+v", l.Entries)
	}
	if l.Entries[1].Kind != KindUnknown || l.Entries[1].Raw != lines[4] || l.Entries[2].Name != lines[5] {
		t.Fatalf("unknown lines not kept as they came: %+v", l.Entries[1:])
	}
	if len(l.Warnings) != 1 || !strings.Contains(l.Warnings[0], "2 listing line(s)") {
		t.Fatalf("warnings %q: want one naming 2 lines", l.Warnings)
	}
}

func FuzzParseLISTLine(f *testing.F) {
	for _, s := range []string{"-rw-r--r-- 1 u g 5 Jan 1 2020 ok.txt", "lrwxrwxrwx 1 r r 7 Dec 30 23:59 a -> b",
		"01-16-02  11:14AM       <DIR>          epsgroup", "drwxr-xr-x 2 u g 1 Jan 1 10:00 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, ok := parseLISTLine(line, now)
		if ok && (e.Name == "" || e.Raw != line || e.Size < 0) {
			t.Fatalf("%q: parsed to an entry a pane cannot show: %+v", line, e)
		}
	})
}
