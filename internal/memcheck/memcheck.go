// Package memcheck measures the Go heap for memory tests and benchmarks:
// what stays live after a garbage collection, and the most that was live
// while something ran.
package memcheck

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// Live collects garbage and returns the bytes the collector marked: what
// is reachable, plus what was allocated while it ran (the runtime marks
// new objects during a collection).
func Live() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Settled is the live heap once it stops changing: collections run until
// two readings in a row agree within 1/64 (at most 50 of them). Work still
// going on (data being read and parsed) makes readings jump, so when the
// program waits (on a server that holds back the end of a listing) the
// result is what it keeps, without the allocations of the moment.
func Settled() uint64 {
	prev := Live()
	for range 50 {
		cur := Live()
		if diff := max(cur, prev) - min(cur, prev); diff <= max(cur, prev)/64 {
			return cur
		}
		prev = cur
	}
	return prev
}

// Peak runs f and returns the most heap that was live while it ran,
// above what was live before. A sampler collects garbage and reads Live
// again and again until f returns, so garbage never counts and the result
// does not depend on when the collector would have run. Each reading also
// counts what f allocated during that collection, so a program that
// allocates fast reads a little above what it keeps. Memory that builds
// up (a file or a listing held whole) is always caught.
func Peak(f func()) uint64 {
	base := Live()
	var mu sync.Mutex
	peak := base
	take := func() {
		v := Live()
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			default:
				take()
				runtime.Gosched()
			}
		}
	}()
	func() {
		defer func() { close(done); <-stopped }() // also when f ends a test with Fatal
		f()
	}()
	take()
	return peak - base
}
