package shell

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRate: rate shows, sets and lifts the queue's limit in the words
// and units of lftp's net:limit-rate; status shows a limit that is set;
// bad values are refused with what was expected, the limit unchanged.
func TestRate(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "rate", e.run("rate"), "Rate limit: none")
	for _, tc := range []struct{ arg, shown string }{
		{"500K", "500 KiB/s (500K)"}, {"1.5M", "1.5 MiB/s (1.5M)"}, {"2g", "2.0 GiB/s (2G)"},
		{"100KiB/s", "100 KiB/s (100K)"}, {"1000", "1000 B/s (1000)"},
	} {
		mustContain(t, "rate "+tc.arg, e.run("rate "+tc.arg), "Rate limit: "+tc.shown+" for all transfers together")
	}
	mustContain(t, "status", e.run("status"), "Rate limit: 1000 B/s")
	for _, tc := range []struct{ arg, err string }{
		{"fast", `rate: "fast" is not a rate: give bytes per second, e.g. 500K or 1.5M`},
		{"-5K", `rate: "-5K": a limit cannot be negative`},
		{"5X", `rate: "5X": unknown unit "x": use K, M or G (1024-based)`},
		{"2048G", `rate: "2048G": too large`},
		{"0.0001K", `rate: "0.0001K": less than one byte a second`},
	} {
		mustContain(t, "rate "+tc.arg, e.fail("rate "+tc.arg), tc.err)
	}
	if got := e.sh.q.Rate(); got != 1000 {
		t.Errorf("after refused values the limit is %d, want 1000", got)
	}
	for _, off := range []string{"off", "0"} {
		e.run("rate 1M")
		mustContain(t, "rate "+off, e.run("rate "+off), "Rate limit: none")
		if got := e.sh.q.Rate(); got != 0 {
			t.Errorf("rate %s left a limit of %d", off, got)
		}
	}
	if strings.Contains(e.run("status"), "Rate limit") {
		t.Error("status shows a rate limit when there is none")
	}
	mustContain(t, "rate 1 2", e.fail("rate 1 2"), "rate")
	if _, got := e.sh.Complete(t.Context(), "rate o"); len(got) != 1 || got[0] != "off" {
		t.Errorf("completing rate o: %q, want off", got)
	}
	text, err := HelpText("rate")
	if err != nil || !strings.Contains(text, "1024-based") {
		t.Errorf("help rate: %q, %v; want it to say the units are 1024-based", text, err)
	}
}

// TestRateHoldsForGet: a get in batch mode keeps to the limit rate set
// (the shell's own queue), and Options.Rate (config.toml's rate_limit)
// is the limit it starts with.
func TestRateHoldsForGet(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 3 s")
	}
	e := newEnv(t, func(o *Options) { o.Rate = 100 << 10 })
	mustContain(t, "rate", e.run("rate"), "Rate limit: 100 KiB/s (100K)")
	data := bigContent(600 << 10)
	writeFile(t, filepath.Join(e.root, "r.bin"), data)
	e.run("rate 200K")
	start := time.Now()
	e.run("get r.bin")
	took := time.Since(start)
	want := time.Duration(float64(600<<10-20<<10) / float64(200<<10) * float64(time.Second)) // the first 20K are free
	if took < want*90/100 || took > want*110/100 {
		t.Errorf("600K at 200K a second took %v, want %v ±10%%", took, want)
	}
	if sum(t, filepath.Join(e.local, "r.bin")) != sumOf(data) {
		t.Fatal("get under a limit: local bytes differ")
	}
}
