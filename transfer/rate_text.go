package transfer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"
)

// MaxRate is the largest limit ParseRate takes: 1024G a second, far
// beyond any link, and small enough that a burst's arithmetic is exact.
const MaxRate = 1 << 40

// rateUnits are the multipliers ParseRate knows, 1024-based as lftp's
// net:limit-rate: K, M, G.
var rateUnits = map[string]int64{"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}

// ParseRate reads a bandwidth limit as a user types it: bytes per second
// with an optional unit K, M or G (1024-based, as lftp's net:limit-rate;
// "KB", "KiB" and a trailing "/s" are read the same), a fraction allowed
// ("1.5M"). "0", "off", "none" and "unlimited" mean no limit (0). A bad
// value is an error that says what was expected.
func ParseRate(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "0", "off", "none", "unlimited", "no":
		return 0, nil
	case "":
		return 0, errors.New("no value: give bytes per second, e.g. 500K or 1.5M (0 or off: no limit)")
	}
	t = strings.TrimSuffix(t, "/s")
	t = strings.TrimSuffix(strings.TrimSuffix(t, "ib"), "b")
	end := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' && r != '-' && r != '+' })
	num, unit := t, ""
	if end >= 0 {
		num, unit = t[:end], t[end:]
	}
	notRate := fmt.Errorf("%q is not a rate: give bytes per second, e.g. 500K or 1.5M (K, M, G: 1024-based; 0 or off: no limit)", s)
	if num == "" {
		return 0, notRate
	}
	mult, ok := rateUnits[unit]
	if !ok {
		return 0, fmt.Errorf("%q: unknown unit %q: use K, M or G (1024-based), e.g. 500K or 1.5M", s, unit)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, notRate
	}
	bps := v * float64(mult)
	switch {
	case v < 0:
		return 0, fmt.Errorf("%q: a limit cannot be negative (0 or off: no limit)", s)
	case bps > MaxRate:
		return 0, fmt.Errorf("%q: too large: at most 1024G a second", s)
	case bps == 0:
		return 0, nil
	case bps < 1:
		return 0, fmt.Errorf("%q: less than one byte a second", s)
	}
	return int64(math.Round(bps)), nil
}

// FormatRate is a limit for the screen: "1.0 MiB/s", "500 KiB/s".
func FormatRate(bps int64) string {
	if bps <= 0 {
		return "no limit"
	}
	return humanize.IBytes(uint64(bps)) + "/s"
}

// RateString is a limit as ParseRate reads it back, shortest first:
// "500K", "1.5M", "1000"; "0" for none.
func RateString(bps int64) string {
	if bps <= 0 {
		return "0"
	}
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if bps < u.n {
			continue
		}
		s := strconv.FormatFloat(float64(bps)/float64(u.n), 'f', -1, 64)
		if back, err := ParseRate(s + u.suffix); err == nil && back == bps && len(s) <= 6 {
			return s + u.suffix
		}
	}
	return strconv.FormatInt(bps, 10)
}
