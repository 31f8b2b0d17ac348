package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/pane"
)

// syncState is synchronized browsing: each pane's folder when it
// started; entering a folder in one pane enters the same one, relative to
// its start, in the other.
type syncState struct {
	on   bool
	base [2]string // "" until the pane's first listing
}

// syncBrowse follows pane i's new folder in the other pane.
func (m *Model) syncBrowse(i int) tea.Cmd {
	s := &m.site.sync
	p := &m.panes[i]
	if !s.on || p.FS() == nil {
		return nil
	}
	if s.base[i] == "" {
		s.base[i] = p.Dir()
		return nil
	}
	o := &m.panes[1-i]
	if s.base[1-i] == "" || o.FS() == nil || o.Loading() {
		return nil
	}
	rel, ok := relDir(s.base[i], p.Dir())
	if !ok {
		m.setStatus("synchronized browsing: "+pane.Escape(p.Dir())+" is outside "+pane.Escape(s.base[i]), false)
		return nil
	}
	target := o.FS().Join(append([]string{s.base[1-i]}, rel...)...)
	if target == o.Dir() {
		return nil
	}
	return o.Load(target, "")
}

// relDir is dir's path below base as folder names; ok is false when dir
// is not base or below it. Both slash and backslash separate.
func relDir(base, dir string) ([]string, bool) {
	trim := func(s string) string { return strings.TrimRight(s, `/\`) }
	base, dir = trim(base), trim(dir)
	if dir == base {
		return nil, true
	}
	rest, ok := strings.CutPrefix(dir, base)
	if !ok || rest == "" || (rest[0] != '/' && rest[0] != '\\') {
		return nil, false
	}
	return strings.FieldsFunc(rest, func(r rune) bool { return r == '/' || r == '\\' }), true
}

// zoneState is a remote pane's server time zone: given by the site, or
// detected from its first listing.
type zoneState struct {
	on       bool // the pane shows a real server: times are converted
	auto     bool // detect on the first listing
	started  bool
	offset   time.Duration
	detector sites.ModTimer
}

// zoneMsg ends the detection of a server's time zone (a result for the
// pane that asked; dropped when the pane has changed servers).
type zoneMsg struct {
	pane   int
	fs     session.FS
	offset time.Duration
	err    error
}

// startZone sets pane i's time zone from its site, or arms detection.
// Only real servers (*session.Remote) are converted.
func (m *Model) startZone(i int, fsys session.FS, s *sites.Site) {
	m.site.tz[i] = zoneState{}
	r, ok := fsys.(*session.Remote)
	if !ok {
		return
	}
	z := zoneState{on: true, auto: true, detector: r}
	if s != nil {
		if off, auto, err := sites.ParseZone(s.TimeZone); err == nil && !auto {
			z.auto, z.offset = false, off
		}
	}
	m.site.tz[i] = z
}

// zoneListing gives a listing of pane i true local times, and starts the
// detection of the server's zone on its first listing from LIST.
func (m *Model) zoneListing(i int, l session.Listing) (session.Listing, tea.Cmd) {
	z := &m.site.tz[i]
	if !z.on || len(l.Entries) == 0 {
		return l, nil
	}
	var cmd tea.Cmd
	if z.auto && !z.started {
		z.started = true
		d, fsys := z.detector, m.links[i].fs
		cmd = func() tea.Msg {
			off, err := sites.DetectOffset(context.Background(), d, l)
			return zoneMsg{pane: i, fs: fsys, offset: off, err: err}
		}
	}
	return sites.ShiftListing(l, z.offset, time.Local), cmd
}

func (m Model) handleZone(msg zoneMsg) (Model, tea.Cmd) {
	i := msg.pane
	if m.links[i].fs != msg.fs || msg.err != nil {
		return m, nil // another server now, or nothing to learn from this folder
	}
	m.site.tz[i].offset = msg.offset
	if msg.offset == 0 {
		return m, nil
	}
	m.setStatus("server time zone: UTC"+sites.FormatZone(msg.offset)+" (detected); times shown are local", false)
	return m, m.panes[i].Reload()
}
