package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGetPut(t *testing.T) {
	e := newEnv(t)
	data := bigContent(5000)
	writeFile(t, filepath.Join(e.local, "b.bin"), data)
	e.run("put b.bin")
	if sum(t, filepath.Join(e.root, "b.bin")) != sumOf(data) {
		t.Fatal("put: remote bytes differ")
	}
	e.run(`put b.bin "with space.bin"`)
	if sum(t, filepath.Join(e.root, "with space.bin")) != sumOf(data) {
		t.Fatal("put with a quoted name: remote bytes differ")
	}
	e.run(`get "with space.bin" c.bin`)
	if sum(t, filepath.Join(e.local, "c.bin")) != sumOf(data) {
		t.Fatal("get: local bytes differ")
	}
	e.run("recv b.bin")
	e.run("send b.bin sent.bin")
	if !exists(filepath.Join(e.root, "sent.bin")) {
		t.Fatal("send did not upload")
	}
	mustContain(t, "get missing", e.fail("get nope.bin"), "550")
}

func TestVerboseTransferReport(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Verbose = true })
	writeFile(t, filepath.Join(e.root, "r.bin"), bigContent(3000))
	e.run("hash")
	out := e.run("get r.bin")
	mustContain(t, "get -v", out, "local: r.bin remote: r.bin", "##\n226", "226", "3000 bytes received in")
	if strings.Contains(out, "###") {
		t.Errorf("3000 bytes printed more than 2 hash marks: %q", out)
	}
	out = e.run("put r.bin r2.bin")
	mustContain(t, "put -v", out, "local: r.bin remote: r2.bin", "3000 bytes sent in")
}

func TestAppend(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "log.txt"), "one\n")
	writeFile(t, filepath.Join(e.local, "more.txt"), "two\n")
	e.run("append more.txt log.txt")
	b, _ := os.ReadFile(filepath.Join(e.root, "log.txt"))
	if string(b) != "one\ntwo\n" {
		t.Fatalf("append: remote file %q", b)
	}
}

func TestRestartRegetNewer(t *testing.T) {
	e := newEnv(t)
	data := bigContent(4096)
	writeFile(t, filepath.Join(e.root, "f.bin"), data)
	writeFile(t, filepath.Join(e.local, "f.bin"), data[:1000])
	e.run("reget f.bin")
	if sum(t, filepath.Join(e.local, "f.bin")) != sumOf(data) {
		t.Fatal("reget: local file not completed")
	}
	mustContain(t, "reget complete", e.run("reget f.bin"), "already complete")
	// restart: the next get starts at the marker and keeps the bytes before.
	writeFile(t, filepath.Join(e.local, "g.bin"), data[:2000]+"XXXX")
	mustContain(t, "restart", e.run("restart 2000"), "Restarting at 2000")
	e.run("get f.bin g.bin")
	if sum(t, filepath.Join(e.local, "g.bin")) != sumOf(data) {
		t.Fatal("restart get: wrong bytes")
	}
	// restart on put
	writeFile(t, filepath.Join(e.root, "h.bin"), data[:3000])
	e.run("restart 3000")
	e.run("put f.bin h.bin")
	if sum(t, filepath.Join(e.root, "h.bin")) != sumOf(data) {
		t.Fatal("restart put: wrong bytes")
	}
	mustContain(t, "newer", e.run("newer f.bin"), "is newer than remote")
	os.Remove(filepath.Join(e.local, "f.bin"))
	e.run("newer f.bin")
	if !exists(filepath.Join(e.local, "f.bin")) {
		t.Fatal("newer did not fetch a missing file")
	}
	mustContain(t, "restart bad", e.fail("restart -5"), "bad marker")
}

func TestRuniqueSunique(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "u.txt"), "new")
	writeFile(t, filepath.Join(e.local, "u.txt"), "old")
	mustContain(t, "runique", e.run("runique"), "Receive unique on")
	e.run("get u.txt")
	e.run("get u.txt")
	for name, want := range map[string]string{"u.txt": "old", "u.txt.1": "new", "u.txt.2": "new"} {
		if b, _ := os.ReadFile(filepath.Join(e.local, name)); string(b) != want {
			t.Errorf("runique: %s = %q, want %q", name, b, want)
		}
	}
	mustContain(t, "sunique", e.run("sunique"), "Store unique on")
	mustContain(t, "sunique put", e.run("put u.txt"), "File stored as u.txt.1.")
	if b, _ := os.ReadFile(filepath.Join(e.root, "u.txt.1")); string(b) != "old" {
		t.Errorf("sunique put: the server's u.txt.1 = %q, want old", b)
	}
}

func TestASCII(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.local, "unix.txt"), "a\nb\n")
	e.run("ascii")
	e.run("put unix.txt wire.txt")
	// CRLF went on the wire; this server stores text in its own (Unix) form.
	if b, _ := os.ReadFile(filepath.Join(e.root, "wire.txt")); string(b) != "a\nb\n" {
		t.Fatalf("ascii put: the server stored %q", b)
	}
	e.run("get wire.txt back.txt")
	if b, _ := os.ReadFile(filepath.Join(e.local, "back.txt")); string(b) != "a\nb\n" {
		t.Fatalf("ascii get: %q, want LF line ends", b)
	}
	mustContain(t, "cr", e.run("cr"), "Carriage Return stripping off")
	e.run("get wire.txt keep.txt")
	if b, _ := os.ReadFile(filepath.Join(e.local, "keep.txt")); string(b) != "a\r\nb\r\n" {
		t.Fatalf("ascii get with cr off: %q, want CRLF kept", b)
	}
	e.run("binary")
	e.run("get wire.txt raw.txt")
	if b, _ := os.ReadFile(filepath.Join(e.local, "raw.txt")); string(b) != "a\nb\n" {
		t.Fatalf("binary get: %q", b)
	}
}

func TestUnsafeRemoteNames(t *testing.T) {
	e := newEnv(t)
	writeFile(t, filepath.Join(e.root, "x.txt"), "x")
	mustContain(t, "get /x.txt", e.fail("get /x.txt"), "absolute path", "give a local name")
	mustContain(t, "get ../x", e.fail("get ../x.txt"), "climbs out")
	e.run("get /x.txt mine.txt")
	// a name mapping that produces a path outside is refused too
	e.run("nmap $1 ../$1")
	mustContain(t, "nmap escape", e.fail("get x.txt"), "climbs out")
}
