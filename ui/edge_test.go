package ui

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/ui/textsafe"
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

// hostileText is what a hostile server puts in names, messages and files
// (no slash, so that it can be a name).
const hostileText = "\x1b]0;title\x07\x1b]52;c;Y2xpcA==\x07\x1b]8;;https:evil\x1b\\l\x1b[2J\x1bP+q\x1b\\\u009b\u202eexe.txt\r"

// checkScreen fails when s holds anything a terminal acts on besides
// our own SGR styling: other ESC sequences, C0 but LF, C1, bidi controls.
func checkScreen(t *testing.T, what, s string) {
	t.Helper()
	sgr := regexp.MustCompile(`^\x1b\[[0-9;:]*m`)
	for i, r := range s {
		switch {
		case r == '\x1b':
			if !sgr.MatchString(s[i:]) {
				t.Fatalf("%s: an ESC sequence that is not styling at %d: %q", what, i, s[i:min(len(s), i+20)])
			}
		case r < 0x20 && r != '\n', r >= 0x7f && r <= 0x9f, textsafe.Unsafe(r) && r > 0x9f:
			t.Fatalf("%s: %U at %d: %q", what, r, i, s[max(0, i-20):min(len(s), i+20)])
		}
	}
}

// TestEveryViewEscapesOutsideText puts hostile text in a name, the log,
// the status line, the queue (name and error), a dialog and the viewer.
func TestEveryViewEscapesOutsideText(t *testing.T) {
	remote := sampleRemote()
	remote.File("/pub/a"+hostileText, hostileText+"\nsecond line "+hostileText)
	m := newTest(t, sampleLocal(), remote, 120, 40)
	jobs := sampleJobs()
	jobs[0].SrcPath = "/pub/" + hostileText
	jobs[3].Err = errors.New("550 " + hostileText)
	m.queue.SetJobs(jobs)
	m.showQueue, m.showLog = true, true
	m.log.Add(0, "220 "+hostileText)
	m.setStatus("550 "+hostileText, true)
	m.layout()
	checkScreen(t, "listing, queue, log, status", m.Render())
	m = typeText(t, press(t, m, "/"), "title")
	m = press(t, m, "enter")
	checkScreen(t, "filtered", m.Render())
	checkScreen(t, "delete dialog", press(t, m, "space", "f8").Render())
	viewer := press(t, m, "f3")
	if !strings.Contains(screen(viewer), `second line \x1b]0;title\x07`) ||
		!strings.Contains(screen(m), `\x1b]0;title\x07\x1b]52;c;`) {
		t.Fatalf("viewer:\n%s", screen(viewer))
	}
	checkScreen(t, "viewer", viewer.Render())
}
