// Package styles is the one place ftpane's looks are defined: a Theme of
// colour roles with light and dark values, and the Styles built from it.
package styles

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Theme is a set of colour roles, each with a value for light and for dark
// terminal backgrounds.
type Theme struct {
	Name string
	// Background is the terminal background the theme is made for (its
	// contrast is computed against it); Foreground colours plain text.
	Background, Foreground                                                   [2]color.Color
	Accent, Muted, Error, Dir, Link, Mark, Match, CursorBg, CursorFg, Border [2]color.Color
}

// DefaultTheme reads well on both light and dark backgrounds.
func DefaultTheme() Theme {
	c := lipgloss.Color
	return Theme{
		Name:       Auto,
		Background: [2]color.Color{c("#ffffff"), c("#1c1c1c")},
		Foreground: [2]color.Color{c("#1c1c1c"), c("#d0d0d0")},
		Accent:     [2]color.Color{c("#005fd7"), c("#5fafff")},
		Muted:      [2]color.Color{c("#6c6c6c"), c("#9e9e9e")},
		Error:      [2]color.Color{c("#d70000"), c("#ff5f5f")},
		Dir:        [2]color.Color{c("#0000d7"), c("#87afff")},
		Link:       [2]color.Color{c("#006b6b"), c("#5fd7d7")},
		Mark:       [2]color.Color{c("#8a4b00"), c("#ffd75f")},
		Match:      [2]color.Color{c("#b0006a"), c("#ff87d7")},
		CursorBg:   [2]color.Color{c("#005fd7"), c("#3a3a8a")},
		CursorFg:   [2]color.Color{c("#ffffff"), c("#ffffff")},
		Border:     [2]color.Color{c("#a8a8a8"), c("#585858")},
	}
}

// Styles is every style of the UI, grouped by component. It is a handle:
// every model holds one, and Bubble Tea copies models by value on every
// message, so the styles themselves (22 KB of lipgloss.Style) are shared
// behind a pointer rather than copied five times per event. Styles are
// never changed after New; a theme switch builds new ones.
type Styles struct{ *Set }

// Set is the styles a Styles handle points to.
type Set struct {
	NoColor bool
	Header  struct{ Bar, Label, Lock, Muted lipgloss.Style }
	Pane    struct {
		Title, TitleActive, Dir, Link, File, Other, Marked, Cursor, CursorInactive,
		Match, Muted, Border, BorderActive lipgloss.Style
	}
	Status struct{ Info, Error, Marked lipgloss.Style }
	Help   struct{ Key, Desc, Sep lipgloss.Style }
	Dialog struct{ Box, Title, Label, Error, Button lipgloss.Style }
	Viewer struct{ Title, Body lipgloss.Style }
	Log    struct{ Sent, Received, Info, Error lipgloss.Style }
	// Compare colours the names of two compared folders (Same keeps its own).
	Compare struct{ Newer, Older, OnlyHere, Differs lipgloss.Style }
}

// New builds the styles for a background. With noColor (NO_COLOR set) no
// colour is used at all: the cursor and marks are shown by reverse video,
// bold and underline.
func New(t Theme, dark, noColor bool) Styles {
	i := 0
	if dark {
		i = 1
	}
	fg := func(c [2]color.Color) lipgloss.Style {
		if noColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(c[i])
	}
	s := Styles{&Set{}}
	s.NoColor = noColor
	s.Header.Bar = lipgloss.NewStyle().Bold(true)
	s.Header.Label = fg(t.Accent).Bold(true)
	s.Header.Lock = fg(t.Link).Bold(true)
	s.Header.Muted = fg(t.Muted)
	buildPane(&s, t, i, noColor, fg)
	buildCompare(&s, t, fg)
	s.Status.Info = lipgloss.NewStyle()
	s.Status.Error = fg(t.Error).Bold(true)
	s.Status.Marked = fg(t.Mark).Bold(true)
	s.Help.Key = fg(t.Accent).Bold(true)
	s.Help.Desc = fg(t.Muted)
	s.Help.Sep = fg(t.Muted)
	s.Dialog.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if !noColor {
		s.Dialog.Box = s.Dialog.Box.BorderForeground(t.Accent[i])
	}
	s.Dialog.Title = fg(t.Accent).Bold(true)
	s.Dialog.Label = fg(t.Muted)
	s.Dialog.Error = fg(t.Error).Bold(true)
	s.Dialog.Button = lipgloss.NewStyle().Reverse(true).Padding(0, 1)
	s.Viewer.Title = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.Viewer.Body = lipgloss.NewStyle()
	s.Log.Sent = fg(t.Accent)
	s.Log.Received = lipgloss.NewStyle()
	s.Log.Info = fg(t.Muted)
	s.Log.Error = fg(t.Error)
	if t.Name != "" && t.Name != Auto && !noColor { // a theme made for one background colours plain text too
		for _, st := range []*lipgloss.Style{&s.Pane.File, &s.Status.Info, &s.Log.Received, &s.Viewer.Body} {
			*st = st.Foreground(t.Foreground[i])
		}
	}
	return s
}

func buildPane(s *Styles, t Theme, i int, noColor bool, fg func([2]color.Color) lipgloss.Style) {
	s.Pane.Title = fg(t.Muted)
	s.Pane.TitleActive = fg(t.Accent).Bold(true)
	s.Pane.Dir = fg(t.Dir).Bold(true)
	s.Pane.Link = fg(t.Link)
	s.Pane.File = lipgloss.NewStyle()
	s.Pane.Other = fg(t.Muted)
	s.Pane.Marked = fg(t.Mark).Bold(true)
	s.Pane.Match = fg(t.Match).Underline(true)
	s.Pane.Muted = fg(t.Muted)
	s.Pane.Border = lipgloss.NewStyle().Border(lipgloss.NormalBorder())
	s.Pane.BorderActive = lipgloss.NewStyle().Border(lipgloss.ThickBorder())
	if noColor {
		s.Pane.Cursor = lipgloss.NewStyle().Reverse(true)
		s.Pane.CursorInactive = lipgloss.NewStyle().Underline(true)
		return
	}
	s.Pane.Border = s.Pane.Border.BorderForeground(t.Border[i])
	s.Pane.BorderActive = s.Pane.BorderActive.BorderForeground(t.Accent[i])
	s.Pane.Cursor = lipgloss.NewStyle().Background(t.CursorBg[i]).Foreground(t.CursorFg[i])
	s.Pane.CursorInactive = lipgloss.NewStyle().Underline(true)
}

// buildCompare draws a comparison with the theme's roles, whose contrast
// is checked already: newer as links, older muted, only here as matches,
// a size difference as errors.
func buildCompare(s *Styles, t Theme, fg func([2]color.Color) lipgloss.Style) {
	s.Compare.Newer = fg(t.Link).Bold(true)
	s.Compare.Older = fg(t.Muted)
	s.Compare.OnlyHere = fg(t.Match).Bold(true)
	s.Compare.Differs = fg(t.Error).Bold(true)
}
