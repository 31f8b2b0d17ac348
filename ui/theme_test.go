package ui

import (
	"strings"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/ui/styles"
)

func TestThemeSwitchesLiveAndNoColorStays(t *testing.T) {
	own, err := styles.ParseTheme("mine", "base = \"light\"\naccent = \"#123456\"\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, noColor := range []bool{false, true} {
		m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: noColor, Still: true,
			Theme: "high-contrast", Themes: map[string]styles.Theme{"mine": own}})
		m = send(t, m, windowSize(80, 24))
		m = run(t, m, m.Init())
		m.form = nil // the connect dialog
		hc := m.Render()
		m = send(t, m, themeMsg{"mine"})
		mine := m.Render()
		// #123456 is 18;52;86 in a true-colour escape; high contrast's accent is cyan.
		hasMine, hasYellow := strings.Contains(mine, "18;52;86"), strings.Contains(hc, "38;2;0;255;255")
		if noColor && (strings.Contains(mine, "\x1b[38") || strings.Contains(hc, "\x1b[38")) {
			t.Fatal("NO_COLOR: colours on screen")
		}
		if !noColor && (!hasMine || !hasYellow || m.look.name != "mine") {
			t.Fatalf("theme not applied: mine %v, high contrast %v", hasMine, hasYellow)
		}
	}
	th := &themer{sink: newSink(true), current: "auto"}
	if err := th.SetTheme("plaid"); err == nil || !strings.Contains(err.Error(), `no theme "plaid"`) {
		t.Fatalf("unknown theme: %v", err)
	}
	if err := th.SetTheme("dark"); err != nil || th.Current() != "dark" {
		t.Fatal("dark")
	}
}
