package ui

import (
	"runtime/debug"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// sizes is every small size (1×1 to 40×16, every height at widths 1
// and 2, heights 1 and 2 at every third width) and a dense sample of the
// rest up to 300×100. Under the race detector: 1×1 to 10×6, width 1 at
// every third height, height 1 at every ninth width and a sparse sample.
func sizes() [][2]int {
	var out [][2]int
	for w := 1; w <= 300; w++ {
		for h := 1; h <= 100; h++ {
			small := w <= 40 && h <= 16 || w <= 2 || h <= 2 && w%3 == 0
			sample := w%11 == 0 && h%9 == 0 || w == 300 && h%10 == 0 || h == 100 && w%10 == 0
			if raceDetector {
				small = w <= 10 && h <= 6 || w == 1 && h%3 == 0 || h == 1 && w%9 == 0
				sample = w%37 == 0 && h%23 == 0 || w == 300 && h == 100
			}
			if small || sample {
				out = append(out, [2]int{w, h})
			}
		}
	}
	return out
}

// sizeStates are the screens rendered: "full" (a listing with a dialog
// open over it, the queue with jobs and the log) at every size, and one
// of the others in turn.
func sizeStates(t *testing.T) (full Model, others []Model, names []string) {
	t.Helper()
	base := newTest(t, sampleLocal(), sampleRemote(), 80, 24)
	base.queue.SetJobs(sampleJobs())
	base.showQueue, base.showLog = true, true
	base.log.Add(0, "220 a long banner line from the server that will not fit a narrow terminal at all")
	base.setStatus("a status message long enough to be cut at every narrow width", true)
	base.layout()
	others = []Model{base, press(t, base, "c"), press(t, base, "f7"), press(t, base, "G", "f3"),
		press(t, base, "?"), press(t, base, "/", "d"), typeText(t, press(t, base, ":"), "ls -l /pub"),
		press(t, base, "tab", "L")}
	names = []string{"listing", "connect", "prompt", "viewer", "help", "filter", "cmdline", "log focused"}
	return press(t, base, "f8"), others, names
}

// TestNoPanicAtAnySize renders the UI at every size: nothing panics, no
// line is wider than the terminal and the screen is no taller.
func TestNoPanicAtAnySize(t *testing.T) {
	full, others, names := sizeStates(t)
	all := sizes()
	for i, sz := range all {
		checkFits(t, "full", renderAt(t, full, sz[0], sz[1], "full"), sz)
		k := i % len(others)
		checkFits(t, names[k], renderAt(t, others[k], sz[0], sz[1], names[k]), sz)
	}
	t.Logf("%d sizes, %d renders", len(all), 2*len(all))
}

func checkFits(t *testing.T, name, out string, sz [2]int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) > sz[1] {
		t.Fatalf("%s at %dx%d: %d lines:\n%s", name, sz[0], sz[1], len(lines), out)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > sz[0] {
			t.Fatalf("%s at %dx%d: line %d is %d cells wide:\n%s", name, sz[0], sz[1], i, w, out)
		}
	}
}

// renderAt resizes m and renders it, turning a panic into a failure that
// names the screen and the size.
func renderAt(t *testing.T, m Model, w, h int, name string) (out string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s at %dx%d: panic: %v\n%s", name, w, h, r, debug.Stack())
		}
	}()
	mm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return mm.(Model).Render()
}
