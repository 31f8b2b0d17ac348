package ftpd

import (
	"path"
	"time"

	"github.com/spf13/afero"
	"golang.org/x/time/rate"
)

// Files sent slowly on purpose (Options.Throttle): the demo's
// slow/watch-me.bin, so that a newcomer can watch a transfer, pause it
// and resume it. Each such file has one token bucket, shared by all its
// downloads at once; REST still works (the library seeks the file, the
// bucket only paces reads).

// throttles are the buckets of Options.Throttle, by clean path.
type throttles map[string]*rate.Limiter

func newThrottles(bps map[string]int64) throttles {
	t := throttles{}
	for p, n := range bps {
		if n > 0 {
			t[path.Clean("/"+p)] = rate.NewLimiter(rate.Limit(n), throttleBurst(n))
		}
	}
	return t
}

// throttleBurst is a tenth of a second's bytes (at least 4 KiB, at most
// 256 KiB): reads that small keep the rate smooth.
func throttleBurst(bps int64) int { return int(min(max(bps/10, 4<<10), 256<<10)) }

// wrap paces f when name is a throttled file; other files pass as they
// are.
func (t throttles) wrap(name string, f afero.File, done <-chan struct{}) afero.File {
	lim := t[path.Clean("/"+name)]
	if lim == nil {
		return f
	}
	return &throttledFile{File: f, lim: lim, done: done}
}

// throttledFile reads at most a burst at a time and waits for the
// bucket before handing the bytes on. The wait ends early when the
// server closes.
type throttledFile struct {
	afero.File
	lim  *rate.Limiter
	done <-chan struct{}
}

func (f *throttledFile) Read(p []byte) (int, error) {
	if b := f.lim.Burst(); len(p) > b {
		p = p[:b]
	}
	n, err := f.File.Read(p)
	if n <= 0 {
		return n, err
	}
	r := f.lim.ReserveN(time.Now(), n)
	if d := r.Delay(); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-f.done:
			return n, errClosing
		}
	}
	return n, err
}
