package ui

import (
	"strings"
	"testing"
)

// TestNoBidiControlReachesTheScreen: input fields keep a typed or
// completed U+202E; the screen shows it escaped.
func TestNoBidiControlReachesTheScreen(t *testing.T) {
	m := newCmdTest(t, "")
	m = press(t, m, ":")
	m = typeText(t, m, "get bidi\u202etxt.exe")
	if s := m.Render(); strings.ContainsRune(s, '\u202e') || !strings.Contains(s, `bidi\u202etxt.exe`) {
		t.Fatalf("screen:\n%q", s)
	}
}
