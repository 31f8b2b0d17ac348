package pane

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCmpFoldAgreesWithToLower checks the sort's comparison against the
// lower-cased copies it replaces, on names mixing ASCII, other scripts,
// letters whose lower case has another length, and invalid bytes.
func TestCmpFoldAgreesWithToLower(t *testing.T) {
	parts := []string{"a", "B", "z", "Z", "_", ".", "0", "é", "É", "ẞ", "ß", "İ", "i", "K", "K", "文", "\xff", "\xc3", "\x80", "\xe6\x96", "Ω", "ω"}
	rng := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	for range 50000 {
		a, b := word(), word()
		if rng.IntN(4) == 0 {
			b = a + word()
		}
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := cmpFold(a, b); got != want {
			t.Fatalf("cmpFold(%q, %q) = %d, ToLower says %d", a, b, got, want)
		}
	}
}
