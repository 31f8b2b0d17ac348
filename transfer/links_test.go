//go:build unix

package transfer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/session"
)

// localRig is a queue from a fake server to the real local disk.
func localRig(t *testing.T) (*Queue, *memStore) {
	t.Helper()
	remote := newStore()
	q, err := New(Options{NoJournal: true, Dial: remote.dial, Local: session.Local{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q, remote
}

// TestPlantedPartLinkIsNotWrittenThrough: a NAME.part symlink planted in
// the target folder is replaced, and the file it points to is untouched.
func TestPlantedPartLinkIsNotWrittenThrough(t *testing.T) {
	q, remote := localRig(t)
	data := randBytes(t, 50_000)
	remote.put("/a.bin", data)
	dir, victim := t.TempDir(), filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	os.Symlink(victim, filepath.Join(dir, "a.bin.part"))
	id := q.Add(Job{Src: RemoteEndpoint(fakeServer), Dst: LocalEndpoint(), SrcPath: "/a.bin",
		DstPath: filepath.Join(dir, "a.bin")})
	if js := waitState(t, q, id, Done, Failed); js.State != Done {
		t.Fatalf("%v: %v", js.State, js.Err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Fatalf("the planted link's target was written: %d bytes", len(b))
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.bin")); sum(b) != sum(data) {
		t.Fatal("a.bin: bytes differ")
	}
}

// TestTreeRefusesLinkedSubfolder: a folder copy whose local target holds
// a subfolder that is a symbolic link leaves what it points to alone and
// says why; the folder the user chose may itself be a link.
func TestTreeRefusesLinkedSubfolder(t *testing.T) {
	q, remote := localRig(t)
	remote.put("/t/sub/x.txt", []byte("x"))
	remote.put("/t/y.txt", []byte("y"))
	real, outside := t.TempDir(), t.TempDir()
	top := filepath.Join(t.TempDir(), "chosen")
	os.Symlink(real, top) // the user's choice: followed
	os.Mkdir(filepath.Join(real, "t"), 0o755)
	os.Symlink(outside, filepath.Join(real, "t", "sub"))
	id := q.AddTree(Job{Src: RemoteEndpoint(fakeServer), Dst: LocalEndpoint(), SrcPath: "/t",
		DstPath: filepath.Join(top, "t")})
	waitState(t, q, id, Done)
	var sub JobState
	for _, js := range q.Snapshot() {
		st := waitState(t, q, js.ID, Done, Failed)
		if st.SrcPath == "/t/sub" {
			sub = st
		}
	}
	if sub.State != Failed || sub.Err == nil || !strings.Contains(sub.Err.Error(), "symbolic link") {
		t.Fatalf("subfolder job: %v %v, want it refused for the link", sub.State, sub.Err)
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("the linked folder got %d entries", len(ents))
	}
	if b, _ := os.ReadFile(filepath.Join(real, "t", "y.txt")); string(b) != "y" {
		t.Fatal("the rest of the tree was not copied")
	}
}
