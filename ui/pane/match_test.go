package pane

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestMatchAgreesWithSahilm checks the reimplementation against the
// library it replaces, on random names and patterns.
func TestMatchAgreesWithSahilm(t *testing.T) {
	alphabet := []rune("abcdeABCDE-_. /xyzXYZ文档éÉ01")
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	fixed := []struct{ p, s string }{{"tk", "The Black Knight"}, {"doc", "docs"}, {"rdm", "README.md"},
		{"fb", "FooBar"}, {"aa", "a"}, {"a", ""}, {"文", "说明文档.txt"}}
	for _, f := range fixed {
		compare(t, f.p, f.s)
	}
	for range 20000 {
		compare(t, word(1+rng.IntN(3)), word(rng.IntN(14)))
	}
	alphabet = []rune("abcdeABCDE-_. /\\xyzXYZ01")
	for range 20000 {
		compare(t, word(1+rng.IntN(4)), word(rng.IntN(16)))
	}
}

func compare(t *testing.T, pattern, s string) {
	t.Helper()
	want := fuzzy.Find(pattern, []string{s})
	p := []rune(pattern)
	score, pos, ok := match(p, asciiPattern(p), s, nil)
	if ok2 := len(want) == 1; ok2 {
		slow, slowPos, _ := fuzzyMatch(p, s, nil)
		if slow != score || !slices.Equal(slowPos, pos) {
			t.Fatalf("%q in %q: byte path %d at %v, rune path %d at %v", pattern, s, score, pos, slow, slowPos)
		}
	}
	if ok != (len(want) == 1) {
		t.Fatalf("%q in %q: ok=%v, library found %d", pattern, s, ok, len(want))
	}
	if ok && (score != want[0].Score || !slices.Equal(pos, want[0].MatchedIndexes)) {
		t.Fatalf("%q in %q: score %d at %v, library %d at %v", pattern, s, score, pos, want[0].Score, want[0].MatchedIndexes)
	}
}
