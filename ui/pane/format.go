package pane

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// Escape makes outside text (a name, a folder, a server's message) safe
// to print: it is textsafe.String, the one sanitiser at the terminal's
// edge, kept under this name for the pane's callers.
func Escape(s string) string { return textsafe.String(s) }

// fit truncates or pads s to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return padRight(s, w)
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) + s
}

func sizeText(e session.Entry) string {
	switch e.Kind {
	case session.KindDir:
		return "<DIR>"
	case session.KindLink:
		return "<LNK>"
	case session.KindUnknown:
		return "?"
	}
	if e.Size < 1000 {
		return fmt.Sprintf("%d B", e.Size)
	}
	return strings.ReplaceAll(humanize.Bytes(uint64(e.Size)), " ", "")
}

// timeText is ls's format: the time for this year, the year otherwise.
func timeText(e session.Entry) string {
	t := e.ModTime
	if t.IsZero() {
		return ""
	}
	if time.Since(t) < 180*24*time.Hour && t.Before(time.Now().Add(time.Hour)) {
		return t.Format("Jan _2 15:04")
	}
	return t.Format("Jan _2  2006")
}

func permsText(e session.Entry) string {
	if !e.HasMode {
		return ""
	}
	s := e.Mode.Perm().String()[1:]
	switch e.Kind {
	case session.KindDir:
		return "d" + s
	case session.KindLink:
		return "l" + s
	}
	return "-" + s
}
