package shell

import (
	"strings"
	"sync"
)

// tickBytes is how often the tick counter is redrawn (classic ftp's value).
const tickBytes = 10240

// progress prints hash marks (one # per hashSize bytes) and the tick
// counter while a transfer runs. update may be called from the goroutine
// that moves the data.
type progress struct {
	s        *Shell
	mu       sync.Mutex
	hash     int64 // bytes per mark; 0: off
	tick     bool
	marks    int64
	lastTick int64
	total    int64
}

func (s *Shell) newProgress() *progress {
	p := &progress{s: s, tick: s.set.tick}
	if s.set.hash {
		p.hash = int64(s.set.hashSize)
	}
	return p
}

func (p *progress) update(total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
	if p.hash > 0 {
		if n := total/p.hash - p.marks; n > 0 {
			p.s.printf("%s", strings.Repeat("#", int(n)))
			p.s.hashLine.Store(true)
			p.marks += n
		}
	}
	if p.tick && total-p.lastTick >= tickBytes {
		p.lastTick = total
		p.s.rawf("\rBytes transferred: %d", total)
	}
}

// finish ends the hash line or the tick counter.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tick {
		p.s.rawf("\rBytes transferred: %d\n", p.total)
	}
	if p.s.hashLine.Swap(false) {
		p.s.printf("\n")
	}
}
