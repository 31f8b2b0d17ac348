package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes Go profiles of this run when asked through the
// environment, so a slow case in bench/run.sh can be profiled in the real
// binary doing the real work (BENCHMARKS.md):
//
//	FTPANE_CPUPROFILE=cpu.out   CPU profile of the whole run
//	FTPANE_MEMPROFILE=mem.out   allocation profile, written at exit
//
// The returned function stops them; it is safe to call when none runs.
func startProfiles(getenv func(string) string, stderr io.Writer) func() {
	var stops []func()
	if p := getenv("FTPANE_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "ftpane: cpu profile: %v\n", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if p := getenv("FTPANE_MEMPROFILE"); p != "" {
		runtime.MemProfileRate = 64 << 10
		stops = append(stops, func() {
			f, err := os.Create(p)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "ftpane: memory profile: %v\n", err)
			}
		})
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}
