package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
)

// raws runs cmd and collects what it would write raw to the terminal.
func raws(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	switch msg := cmd().(type) {
	case tea.RawMsg:
		return fmt.Sprint(msg.Msg)
	case tea.BatchMsg:
		s := ""
		for _, c := range msg {
			s += raws(c)
		}
		return s
	}
	return ""
}

func TestNotifyAfterALongBatch(t *testing.T) {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		opts NotifyOptions
		took time.Duration
		want string
	}{
		{NotifyOptions{After: 10 * time.Second, Bell: true, Desktop: true, OSC: "9"}, 12 * time.Second,
			"\a\x1b]9;ftpane: transfers finished: 2 of 2 files in 12s\a"},
		{NotifyOptions{After: 10 * time.Second, Bell: false, Desktop: true, OSC: "777"}, time.Minute,
			"\x1b]777;notify;ftpane;transfers finished: 2 of 2 files in 1m0s\a"},
		{NotifyOptions{After: 10 * time.Second, Bell: true, Desktop: true, OSC: ""}, time.Minute, "\a"},
		{NotifyOptions{After: 10 * time.Second, Bell: true, Desktop: true, OSC: "9"}, 3 * time.Second, ""},
		{NotifyOptions{After: 0, Bell: false, Desktop: false, OSC: "9"}, time.Minute, ""},
	} {
		clock := now
		c.opts.Now = func() time.Time { return clock }
		m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Notify: c.opts})
		m.queue.SetJobs([]transfer.JobState{{State: transfer.Active}, {State: transfer.Queued}})
		mm, cmd := m.notifyBatch(nil)
		if raws(cmd) != "" {
			t.Fatal("notified at the start")
		}
		m = mm.(Model)
		clock = now.Add(c.took)
		m.queue.SetJobs([]transfer.JobState{{State: transfer.Done}, {State: transfer.Done}})
		_, cmd = m.notifyBatch(nil)
		if got := raws(cmd); got != c.want {
			t.Errorf("%+v after %v:\n got %q\nwant %q", c.opts, c.took, got, c.want)
		}
	}
}

func TestOSCFor(t *testing.T) {
	for env, want := range map[string]string{"TERM_PROGRAM=iTerm.app": "9", "TERM=xterm-kitty": "9",
		"VTE_VERSION=7600": "777", "TERM=foot": "777", "TERM=xterm-256color": "", "TERM=screen": ""} {
		k, v, _ := strings.Cut(env, "=")
		got := OSCFor(func(n string) string {
			if n == k {
				return v
			}
			return ""
		})
		if got != want {
			t.Errorf("%s: %q, want %q", env, got, want)
		}
	}
}
