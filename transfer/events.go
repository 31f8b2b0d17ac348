package transfer

import (
	"sync"
	"time"
)

// EventKind says what happened to a job.
type EventKind int

// The events, in the order a job normally sees them: Queued (added or
// re-queued), Started, Progress..., Verifying, Done. Instead of Done a job
// may end Skipped, Failed or Canceled; Retrying says a transient error
// will be retried after a backoff; Paused and Removed are the user's.
const (
	EventQueued EventKind = iota
	EventStarted
	EventProgress
	EventVerifying
	EventRetrying
	EventPaused
	EventDone
	EventSkipped
	EventFailed
	EventCanceled
	EventRemoved
	EventMoved   // the job changed place in the queue
	EventChanged // the job's settings changed (its own rate limit)
)

var eventNames = [...]string{"queued", "started", "progress", "verifying", "retrying", "paused",
	"done", "skipped", "failed", "canceled", "removed", "moved", "changed"}

func (k EventKind) String() string {
	if k < 0 || int(k) >= len(eventNames) {
		return "unknown"
	}
	return eventNames[k]
}

// Event is one change to one job. Progress events are throttled to about
// ten a second per job and coalesced when the reader is slow; every other
// kind is always delivered, in order. An event carries the numbers a
// queue row shows; Queue.Get(ID) has the rest (names, direction), for
// instance for the jobs a folder job queues.
type Event struct {
	Kind  EventKind
	ID    ID
	State State
	Done  int64 // bytes at the target
	Total int64 // -1 unknown
	Rate  float64
	ETA   time.Duration
	// Err is set for Failed (the reason) and Retrying (what broke).
	Err  error
	Note string
	// After is the job right before this one in the queue (0: it is
	// first), so that a reader keeping its own rows by ID places a new
	// job (Queued) or a moved one (Moved) without a Snapshot.
	After ID
}

// bus delivers events to one reader without ever blocking the sender: a
// slow reader loses intermediate progress (the latest per job replaces
// the one not yet read), never a state change. A bus made to drop
// (Options.NoEvents: nobody reads) keeps nothing.
type bus struct {
	mu      sync.Mutex
	pending []Event
	spare   []Event    // the batch delivered last, reused
	prog    map[ID]int // index in pending of an unread Progress
	signal  chan struct{}
	out     chan Event
	stop    chan struct{}
	done    chan struct{}
	drop    bool
}

func newBus() *bus {
	b := &bus{prog: map[ID]int{}, signal: make(chan struct{}, 1), out: make(chan Event, 64),
		stop: make(chan struct{}), done: make(chan struct{})}
	go b.run()
	return b
}

func (b *bus) push(e Event) {
	if b.drop {
		return
	}
	b.mu.Lock()
	if e.Kind == EventProgress {
		if i, ok := b.prog[e.ID]; ok {
			b.pending[i] = e
			b.mu.Unlock()
			return
		}
		b.prog[e.ID] = len(b.pending)
	} else {
		delete(b.prog, e.ID) // later progress must come after this event
	}
	b.pending = append(b.pending, e)
	b.mu.Unlock()
	select {
	case b.signal <- struct{}{}:
	default:
	}
}

func (b *bus) run() {
	defer close(b.done)
	defer close(b.out)
	for {
		select {
		case <-b.signal:
		case <-b.stop:
			return
		}
		b.mu.Lock()
		batch := b.pending
		b.pending = b.spare[:0]
		clear(b.prog)
		b.mu.Unlock()
		for i, e := range batch {
			select {
			case b.out <- e:
				batch[i] = Event{} // let go of its error
			case <-b.stop:
				return
			}
		}
		if cap(batch) > 4096 {
			batch = nil // a burst's big array goes to the GC
		}
		b.mu.Lock()
		b.spare = batch // never the array pending uses now
		b.mu.Unlock()
	}
}

// close stops delivery and closes the channel; undelivered events are
// dropped (Snapshot still has every job's state).
func (b *bus) close() {
	close(b.stop)
	<-b.done
}

// throttle is the minimum time between two Progress events of a job.
const throttle = 100 * time.Millisecond

// meter tracks one running job's bytes and smooths its rate.
type meter struct {
	start    time.Time
	last     time.Time // last sample
	lastDone int64
	lastEmit time.Time
	rate     float64
}

// sample updates the rate; emit reports whether a Progress event is due.
func (m *meter) sample(now time.Time, done int64) (emit bool) {
	if m.start.IsZero() {
		m.start, m.last, m.lastDone = now, now, done
	}
	if dt := now.Sub(m.last); dt >= throttle {
		r := float64(done-m.lastDone) / dt.Seconds()
		if m.rate == 0 {
			m.rate = r
		} else {
			m.rate = 0.7*m.rate + 0.3*r
		}
		m.last, m.lastDone = now, done
	}
	if now.Sub(m.lastEmit) >= throttle {
		m.lastEmit = now
		return true
	}
	return false
}

func (m *meter) eta(done, total int64) time.Duration {
	if m.rate <= 0 || total < 0 || done >= total {
		return 0
	}
	return time.Duration(float64(total-done) / m.rate * float64(time.Second))
}
