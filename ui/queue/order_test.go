package queue

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ftpane/ftpane/transfer"
)

// TestOrderMatchesASlice drives the chunked order and a plain slice with
// the same random inserts, moves and removals (enough to split chunks
// many times) and compares them, row by row and ID by ID.
func TestOrderMatchesASlice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	o, want := newOrder(), []transfer.ID{}
	next := transfer.ID(1)
	for step := range 20_000 {
		switch k := r.IntN(10); {
		case k < 6 || len(want) == 0: // insert after a random row, first, or after an unknown ID (last)
			var after transfer.ID
			at := 0
			switch c := r.IntN(10); {
			case c == 0:
			case c == 1:
				after, at = 999_999, len(want)
			default:
				at = r.IntN(len(want) + 1)
				if at > 0 {
					after = want[at-1]
				}
			}
			o.insertAfter(after, next)
			want = slices.Insert(want, at, next)
			next++
		default:
			i := r.IntN(len(want))
			if got := o.remove(want[i]); got != i {
				t.Fatalf("step %d: remove #%d reported row %d, want %d", step, want[i], got, i)
			}
			want = slices.Delete(want, i, i+1)
		}
		if o.len() != len(want) {
			t.Fatalf("step %d: len %d, want %d", step, o.len(), len(want))
		}
	}
	if got := o.slice(0, o.len()); !slices.Equal(got, want) {
		t.Fatal("order differs from the slice")
	}
	for i, id := range want {
		if o.index(id) != i || o.at(i) != id {
			t.Fatalf("row %d: index %d, at %v; want %v", i, o.index(id), o.at(i), id)
		}
	}
	if len(o.chunks) < 4 {
		t.Errorf("%d chunks: the test never split one", len(o.chunks))
	}
}
