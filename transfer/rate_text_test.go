package transfer

import (
	"strings"
	"testing"
)

// TestParseRate: the spellings lftp's net:limit-rate takes, 1024-based,
// and a specific error for each kind of bad value.
func TestParseRate(t *testing.T) {
	for in, want := range map[string]int64{
		"500K": 500 << 10, "500k": 500 << 10, "1.5M": 3 << 19, "2G": 2 << 30, "1000": 1000,
		"100KB": 100 << 10, "100KiB/s": 100 << 10, " 64K ": 64 << 10, "0": 0, "off": 0, "OFF": 0,
		"none": 0, "0K": 0, "1024G": MaxRate, "1.5": 2, "+3K": 3 << 10,
	} {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"":       "no value",
		"fast":   `"fast" is not a rate`,
		"1.2.3K": `"1.2.3K" is not a rate`,
		"K":      `"K" is not a rate`,
		"5X":     `unknown unit "x"`,
		"5 M":    `unknown unit " m"`,
		"-1":     "cannot be negative",
		"1025G":  "too large",
		"0.1":    "less than one byte",
		"NaNK":   "is not a rate",
	} {
		if _, err := ParseRate(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRate(%q): %v, want an error saying %q", in, err, want)
		}
	}
}

// TestRateString: a limit is written the short way, and reads back.
func TestRateString(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 1000: "1000", 1 << 10: "1K", 500 << 10: "500K",
		3 << 19: "1.5M", 1 << 30: "1G", 1025: "1025", 1000000: "1000000", 1536000: "1500K"} {
		got := RateString(n)
		if got != want {
			t.Errorf("RateString(%d) = %q, want %q", n, got, want)
		}
		if back, err := ParseRate(got); err != nil || back != n {
			t.Errorf("ParseRate(RateString(%d)) = %d, %v", n, back, err)
		}
	}
	if got := FormatRate(1 << 20); got != "1.0 MiB/s" {
		t.Errorf("FormatRate(1 MiB) = %q", got)
	}
	if got := FormatRate(0); got != "no limit" {
		t.Errorf("FormatRate(0) = %q", got)
	}
}
