package compare

// Times: the precision of each side's times and the comparison at the
// coarser of the two live in session/mtime, shared with mirror and the
// queue's "newer" policy; these are the names the compare code uses.

import (
	"time"

	"github.com/ftpane/ftpane/session/mtime"
)

// Precision is how finely a side knows a file's time.
type Precision = mtime.Precision

// The precisions, finest first.
const (
	Seconds = mtime.Seconds
	Minutes = mtime.Minutes
	Days    = mtime.Days
)

// PrecisionOf is the precision of an entry's time as its listing gave it.
var PrecisionOf = mtime.Of

// CmpTimes compares a's time with b's at the coarser precision of the
// two (mtime.Cmp); za and zb are the sides' zones (see Side).
func CmpTimes(a File, za time.Duration, b File, zb time.Duration) int {
	return mtime.Cmp(mtime.Stamp{Time: a.Time, Prec: a.Prec}, za, mtime.Stamp{Time: b.Time, Prec: b.Prec}, zb)
}
