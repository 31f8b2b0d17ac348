// Package memcheck measures the Go heap for memory tests and benchmarks:
// what stays live after a garbage collection, and the most that was live
// while something ran.
package memcheck

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// Live collects garbage and returns the bytes the collector found live:
// marked reachable, not counting what was allocated while it ran.
func Live() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Settled is the live heap once it stops changing: collections run until
// two readings in a row agree within 1/64 (at most 50 of them). Data still
// being read and parsed makes readings jump, so when the program waits (on
// a server that holds back the end of a listing) the result is what it
// keeps, without the garbage of the moment.
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

// Peak runs f and returns the most heap that was live while it ran, above
// what was live before. A sampler collects garbage and measures, again
// and again until f returns, so garbage never counts and the result does
// not depend on when the collector happened to run. Memory that builds up
// (a listing held whole) is always caught; a spike shorter than one
// collection may not be.
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
	f()
	close(done)
	<-stopped
	take()
	return peak - base
}
