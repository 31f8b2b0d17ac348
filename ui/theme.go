package ui

import (
	"fmt"
	"sort"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/ui/styles"
)

// look is the colour theme in use and the terminal's background.
type look struct {
	name  string
	theme styles.Theme
	dark  bool
}

func newLook(o Options) look {
	l := look{name: styles.Auto, theme: styles.DefaultTheme(), dark: o.Dark}
	if t, ok := findTheme(o.Themes, o.Theme); ok {
		l.name, l.theme = o.Theme, t
	}
	return l
}

func (l look) styles(noColor bool) styles.Styles { return styles.New(l.theme, l.dark, noColor) }

// findTheme is a user theme, else a built-in one ("" is auto).
func findTheme(user map[string]styles.Theme, name string) (styles.Theme, bool) {
	if name == "" {
		name = styles.Auto
	}
	if t, ok := user[name]; ok {
		return t, true
	}
	return styles.Builtin(name)
}

// ThemeNames lists the built-in themes, then the user's, sorted.
func ThemeNames(user map[string]styles.Theme) []string {
	names := styles.BuiltinNames()
	var own []string
	for n := range user {
		if _, builtin := styles.Builtin(n); !builtin {
			own = append(own, n)
		}
	}
	sort.Strings(own)
	return append(names, own...)
}

// restyle rebuilds every style from the theme; NO_COLOR still wins.
func (m *Model) restyle() {
	m.styles = m.look.styles(m.opts.NoColor)
	m.applyStyles()
	if m.site.dlg != nil {
		m.site.dlg.styles = m.styles
	}
}

// themeMsg switches the theme (from the ":" line's theme command, a
// result for the root that re-arms the sink).
type themeMsg struct{ name string }

func (m Model) handleTheme(msg themeMsg) (Model, tea.Cmd) {
	if t, ok := findTheme(m.opts.Themes, msg.name); ok {
		m.look.name, m.look.theme = msg.name, t
		m.restyle()
	}
	return m, m.sink.listen()
}

// themer serves the shell's theme command: the names are fixed at start,
// so it checks them on the shell's goroutine and hands the switch to the
// program through the sink. current follows the last switch asked for.
type themer struct {
	sink    *sink
	user    map[string]styles.Theme
	current string
}

func (t *themer) Themes() []string { return ThemeNames(t.user) }
func (t *themer) Current() string  { return t.current }

func (t *themer) SetTheme(name string) error {
	if _, ok := findTheme(t.user, name); !ok {
		return fmt.Errorf("no theme %q (themes: %v)", name, ThemeNames(t.user))
	}
	t.current = name
	t.sink.send(themeMsg{name})
	return nil
}
