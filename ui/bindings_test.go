package ui

import (
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/ftpane/ftpane/keymap"
)

// statusText is the status line's message.
func statusText(m Model) string { return m.status.text }

// TestDisabledKeySaysWhy: a key whose action does not apply now does
// nothing but say why, in the words of the table.
func TestDisabledKeySaysWhy(t *testing.T) {
	local := sampleLocal()
	m := newTest(t, local, nil, 100, 24) // no server: the connect dialog
	m = press(t, m, "esc")
	m = press(t, m, "down", "f5") // on photos/, under ".."
	wantScreen(t, m, "not now: the other pane shows no folder")
	if m.form != nil {
		t.Fatal("F5 opened a dialog with nowhere to copy to")
	}
	m = press(t, m, "D")
	wantScreen(t, m, "not now: no server is connected")
	m = press(t, m, "e") // F4's other key, on photos/
	wantScreen(t, m, "not now: a folder is under the cursor (F4 edits files)")
	m = press(t, m, "tab", "f7") // the right pane shows nothing
	wantScreen(t, m, "not now: this pane shows no folder")
	if m.form != nil {
		t.Fatal("F7 opened a dialog on a pane with no folder")
	}
	m = press(t, m, "A")
	wantScreen(t, m, "not now: the transfer queue is empty")
}

// TestDisabledKeyInTheQueue: the queue's own keys say why when no job is
// selected; the global keys still work there.
func TestDisabledKeyInTheQueue(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 30)
	m = press(t, m, "t", "tab")
	if m.sub != SubQueue {
		t.Fatalf("focus on %v, want the queue", m.sub)
	}
	m = press(t, m, "x")
	wantScreen(t, m, "not now: no transfer is selected")
	m = press(t, m, "L") // global: the log opens from the queue
	if !m.showLog {
		t.Fatal("L did nothing in the queue pane")
	}
}

// helpShows reports whether the ? screen lists the binding (its key,
// then its description, on one row of a group).
func helpShows(s string, b key.Binding) bool {
	re := regexp.MustCompile(`(^|[│ ])` + regexp.QuoteMeta(b.Help().Key) + ` +` + regexp.QuoteMeta(b.Help().Desc) + `( |$)`)
	for _, l := range strings.Split(s, "\n") {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// TestHelpIsTheTable: in each context the ? screen lists exactly the
// table's actions that apply now, and the help line only those.
func TestHelpIsTheTable(t *testing.T) {
	base := newTest(t, sampleLocal(), sampleRemote(), 160, 60)
	cases := []struct {
		name string
		keys []string
		sub  Sub
	}{
		{"panes on a folder", nil, SubNone},
		{"panes on a file", []string{"down"}, SubNone},
		{"queue", []string{"t", "tab"}, SubQueue},
		{"log", []string{"L", "tab"}, SubLog},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := press(t, base, c.keys...)
			if m.sub != c.sub {
				t.Fatalf("focus on %v, want %v", m.sub, c.sub)
			}
			ctx := m.keyContext()
			line := m.helpLine()
			m = press(t, m, "?")
			s := screen(m)
			for _, b := range ctx.Bindings {
				on := b.reason(&m) == ""
				if got := helpShows(s, *b.Key); got != on {
					t.Errorf("%s %s: shown %v, applies %v:\n%s", b.Key.Help().Key, b.Key.Help().Desc, got, on, s)
				}
			}
			for _, b := range m.shortHelp(ctx) {
				if in := strings.Contains(line, b.Help().Key+" "+b.Help().Desc); in && !b.Enabled() {
					t.Errorf("help line shows %s, which does not apply", b.Help().Desc)
				}
			}
		})
	}
}

// TestTablesCoverTheKeyMap: every action of the key map's main and
// queue contexts has a line in a table, so none is left without a
// handler or out of the help.
func TestTablesCoverTheKeyMap(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	has := func(c keyContext, b *key.Binding) bool {
		for _, x := range c.Bindings {
			if x.Key == b {
				return true
			}
		}
		return false
	}
	for _, a := range m.keys.Actions(keymap.Main) {
		if !has(m.paneBindings(), a.Binding) {
			t.Errorf("main action %q has no binding in the pane table", a.Name)
		}
	}
	for _, a := range m.keys.Actions(keymap.Queue) {
		if !has(m.queueBindings(), a.Binding) {
			t.Errorf("queue action %q has no binding in the queue table", a.Name)
		}
	}
	for _, b := range m.globals() {
		if !has(m.queueBindings(), b.Key) || !has(m.logBindings(), b.Key) {
			t.Errorf("global %s is missing from the queue or log table", b.Key.Help().Desc)
		}
	}
}

// TestViewOnAFolderOpensIt: F3 on a folder enters it, as in Midnight
// Commander.
func TestViewOnAFolderOpensIt(t *testing.T) {
	m := newTest(t, sampleLocal(), sampleRemote(), 100, 24)
	m = press(t, m, "down", "f3") // on docs/
	if m.panes[1].Dir() != "/pub/docs" || m.view != nil {
		t.Fatalf("F3 on docs/: in %q, viewer open %v", m.panes[1].Dir(), m.view != nil)
	}
}
