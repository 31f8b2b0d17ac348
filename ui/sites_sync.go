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
	m.shapeZone(i)
}

// shapeZone has pane i give its entries true local times as they arrive,
// with the zone known now (none: MLSD times shown in the local zone).
func (m *Model) shapeZone(i int) {
	m.panes[i].SetShape(m.shapeOf(i)) // conflict.go
}

// zoneListing starts the detection of pane i's server zone on its first
// listing from LIST, from the files the listing kept as they came (the
// pane itself shifts each entry as it arrives: shapeZone).
func (m *Model) zoneListing(i int, msg pane.ListedMsg) tea.Cmd {
	z := &m.site.tz[i]
	sample := msg.Sample
	if len(sample) == 0 {
		sample = msg.Listing.Entries
	}
	if !z.on || !z.auto || z.started || len(sample) == 0 {
		return nil
	}
	z.started = true
	d, fsys := z.detector, m.links[i].fs
	l := session.Listing{Dir: msg.Listing.Dir, Entries: sample}
	return func() tea.Msg {
		off, err := sites.DetectOffset(context.Background(), d, l)
		return zoneMsg{pane: i, fs: fsys, offset: off, err: err}
	}
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
	m.shapeZone(i)
	m.setStatus("server time zone: UTC"+sites.FormatZone(msg.offset)+" (detected); times shown are local", false)
	return m, m.panes[i].Reload()
}
