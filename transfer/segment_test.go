package transfer

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSplitCoversEveryByteOnce(t *testing.T) {
	for _, c := range []struct {
		from, size int64
		n          int
	}{{0, 100, 4}, {0, 101, 4}, {37, 101, 3}, {0, 3, 8}, {99, 100, 4}} {
		segs := split(c.from, c.size, c.n)
		next := int64(0)
		for _, s := range segs {
			if s.Start != next || s.End <= s.Start {
				t.Fatalf("%+v: segment %+v after byte %d", c, s, next)
			}
			next = s.End
		}
		if next != c.size || segs[0].Done != c.from || len(segs) > c.n {
			t.Errorf("%+v: %d segments ending at %d, first done %d", c, len(segs), next, segs[0].Done)
		}
	}
}

func TestPlanResumesFromSidecarOrKeepsAPlainPrefix(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "f.part")
	p, err := loadPlan(part, 1000, 4)
	if err != nil || len(p.Segs) != 4 || p.done() != 0 {
		t.Fatalf("fresh plan %+v, %v", p, err)
	}
	writeFile(t, part, make([]byte, 1000)) // allocated by the first try
	p.Segs[1].Done = 100
	p.Segs[3].Done = 50
	if err := p.save(); err != nil {
		t.Fatal(err)
	}
	again, err := loadPlan(part, 1000, 4)
	if err != nil || again.done() != 150 || again.Segs[1].Done != 100 {
		t.Fatalf("reloaded plan %+v, %v: want the saved progress", again, err)
	}
	os.Remove(part + ".seg")
	writeFile(t, part, make([]byte, 300)) // a single-stream try's prefix
	prefix, err := loadPlan(part, 1000, 4)
	if err != nil || prefix.done() != 300 {
		t.Fatalf("plan over a plain .part: done %d, %v; want its 300 bytes kept", prefix.done(), err)
	}
}
