// Package cells sizes text to a number of terminal cells: the panes, the
// queue and the find results lay out their columns with it.
package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit truncates (with an ellipsis) or pads s to exactly w cells; "" when
// w is not positive.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return PadRight(s, w)
}

// PadRight pads s with spaces on the right to w cells; a wider s stays.
func PadRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// PadLeft pads s with spaces on the left to w cells; a wider s stays.
func PadLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) + s
}
