package pane

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/styles"
)

const benchN = 100_000

func bigListing(n int) session.Listing {
	l := session.Listing{Dir: "/big", Entries: make([]session.Entry, n)}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range l.Entries {
		k := session.KindFile
		if i%50 == 0 {
			k = session.KindDir
		}
		l.Entries[i] = session.Entry{Name: fmt.Sprintf("file-%06d-%x.dat", (i*7919)%n, i), Kind: k,
			Size: int64(i * 37), ModTime: t0.Add(time.Duration(i) * time.Second), Mode: 0o644, HasMode: true}
	}
	return l
}

func benchPane(b *testing.B) Model {
	m := New(Left, nil, keymap.Default(), styles.New(styles.DefaultTheme(), true, false))
	m.SetSize(60, 40)
	m.SetActive(true)
	return m
}

// BenchmarkListToFirstFrame: a 100,000-entry listing arrives, is sorted
// and the first frame drawn.
func BenchmarkListToFirstFrame(b *testing.B) {
	l := bigListing(benchN)
	for b.Loop() {
		m := benchPane(b)
		m.seq = 1
		entries := append([]session.Entry(nil), l.Entries...)
		m, _ = m.Update(ListedMsg{Pane: Left, Seq: 1, Listing: session.Listing{Dir: l.Dir, Entries: entries}})
		_ = m.View()
	}
}

func loaded(b *testing.B) Model {
	m := benchPane(b)
	m.seq = 1
	m, _ = m.Update(ListedMsg{Pane: Left, Seq: 1, Listing: bigListing(benchN)})
	if m.Len() != benchN {
		b.Fatalf("%d entries", m.Len())
	}
	return m
}

// BenchmarkScrollStep: one cursor step down and a redraw.
func BenchmarkScrollStep(b *testing.B) {
	m := loaded(b)
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	for b.Loop() {
		m, _ = m.Update(down)
		_ = m.View()
	}
}

// BenchmarkFilterKeystroke: one more letter typed into the filter over
// 100,000 names, and a redraw.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := loaded(b)
	m.SetFilter("fi", true)
	key := tea.KeyPressMsg{Code: '7', Text: "7"}
	bs := tea.KeyPressMsg{Code: tea.KeyBackspace}
	for b.Loop() {
		m, _ = m.Update(key)
		_ = m.View()
		b.StopTimer()
		m, _ = m.Update(bs)
		b.StartTimer()
	}
}

// BenchmarkFilterFirstKey: the first letter of a filter, over all
// 100,000 names.
func BenchmarkFilterFirstKey(b *testing.B) {
	m := loaded(b)
	m.SetFilter("", true)
	key := tea.KeyPressMsg{Code: '7', Text: "7"}
	bs := tea.KeyPressMsg{Code: tea.KeyBackspace}
	for b.Loop() {
		m, _ = m.Update(key)
		_ = m.View()
		b.StopTimer()
		m, _ = m.Update(bs)
		m.filter.typing = true
		b.StartTimer()
	}
}

// BenchmarkSort: re-sorting 100,000 entries by size.
func BenchmarkSort(b *testing.B) {
	m := loaded(b)
	for i := 0; b.Loop(); i++ {
		m.SetSort(SortKey(i%3), i%2 == 0)
	}
}
