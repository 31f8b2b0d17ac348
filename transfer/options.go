package transfer

import (
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
	"github.com/ftpane/ftpane/session"
)

// Options configure a Queue. The zero value is usable: four workers,
// segments from 64 MiB, the journal in the XDG state folder.
type Options struct {
	// Workers is how many jobs run at once (1-16, default 4). It is also
	// each server's initial connection limit; a 421 lowers the latter.
	Workers int
	// SegmentThreshold is the size from which a download is split into
	// Segments parts on as many connections (default 64 MiB, 4 parts).
	// Segments 1 turns segmenting off.
	SegmentThreshold int64
	Segments         int
	// JournalPath is the queue's journal; empty: queue.jsonl in the XDG
	// state folder under ftpane/. NoJournal keeps the queue in memory.
	JournalPath string
	NoJournal   bool
	// Dial opens one logged-in connection, once per connection the queue
	// pools, never once per file; default session.DialFS. Restore completes
	// the config of a job read back from the journal, which holds no
	// passwords: it is the caller's chance to supply them again.
	Dial    session.DialFunc
	Restore func(session.Config) session.Config
	// Local is the local filesystem; tests put a fake here.
	Local session.FS
	// ASCIIExt lists extensions (".txt" or "txt") that select ASCII for
	// files added with Type binary. Empty: everything stays binary.
	ASCIIExt []string
	// MaxAttempts bounds the tries of a job that keeps breaking (default
	// 5); the wait between tries doubles from BackoffMin to BackoffMax
	// (default 1s and 30s). A 421 does not count as a try.
	MaxAttempts            int
	BackoffMin, BackoffMax time.Duration
	// Clock is the time source; tests use a fake one so that nothing
	// sleeps.
	Clock Clock
	// BufferSize is the copy buffer per stream (default 256 KiB).
	BufferSize int
	// NoEvents: nobody reads Events (batch mode), so none are kept.
	NoEvents bool
	// IdleTimeout logs out a pooled connection no job has used for that
	// long (default one minute), so an idle queue holds no server slots.
	IdleTimeout time.Duration
	// Rate is the overall bandwidth limit in bytes per second that all
	// transfers share (0: none); SetRate changes it.
	Rate int64
}

// Clock is the queue's time: Now for rates, After for retry backoff.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Defaults.
const (
	DefaultWorkers          = 4
	MaxWorkers              = 16
	DefaultSegmentThreshold = 64 << 20
	DefaultSegments         = 4
	defaultBuffer           = 256 << 10
)

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	o.Workers = min(o.Workers, MaxWorkers)
	if o.SegmentThreshold <= 0 {
		o.SegmentThreshold = DefaultSegmentThreshold
	}
	if o.Segments <= 0 {
		o.Segments = DefaultSegments
	}
	o.Segments = min(o.Segments, MaxWorkers)
	if o.JournalPath == "" && !o.NoJournal {
		o.JournalPath = filepath.Join(xdg.StateHome, "ftpane", "queue.jsonl")
	}
	if o.Dial == nil {
		o.Dial = session.DialFS
	}
	if o.Local == nil {
		o.Local = session.Local{}
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.BackoffMin <= 0 {
		o.BackoffMin = time.Second
	}
	if o.BackoffMax < o.BackoffMin {
		o.BackoffMax = max(30*time.Second, o.BackoffMin)
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.BufferSize <= 0 {
		o.BufferSize = defaultBuffer
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = time.Minute
	}
	return o
}

// backoff is the wait before try n+1 after n failed tries.
func (o Options) backoff(n int) time.Duration {
	d := o.BackoffMin
	for i := 1; i < n && d < o.BackoffMax; i++ {
		d *= 2
	}
	return min(d, o.BackoffMax)
}
