package pane

import (
	"fmt"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// Escape makes outside text (a name, a folder, a server's message) safe
// to print: it is textsafe.String, the one sanitiser at the terminal's
// edge, kept under this name for the pane's callers.
func Escape(s string) string { return textsafe.String(s) }

func sizeText(e session.Entry) string {
	switch e.Kind {
	case session.KindDir:
		return "<DIR>"
	case session.KindLink:
		return "<LNK>"
	case session.KindUnknown:
		return "?"
	case session.KindOther:
		return specialText(e)
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

// permsText is the mode as ls -l shows it: the type letter (d l c b p s)
// and the permissions with setuid, setgid and sticky (rwsr-xr-x, rwxrwxrwt).
func permsText(e session.Entry) string {
	if !e.HasMode && e.Perm != "" {
		return Escape(e.Perm) // the server's text
	}
	return e.ModeString()
}

// specialText is the size column of a device, fifo or socket, which has
// no size of its own.
func specialText(e session.Entry) string {
	switch e.TypeLetter() {
	case 'c':
		return "<CHR>"
	case 'b':
		return "<BLK>"
	case 'p':
		return "<FIFO>"
	case 's':
		return "<SOCK>"
	}
	return "<OTHER>"
}

// nameSuffix follows a name: "/" for a folder, " -> target" for a link
// whose target the server gave (as ls -l shows it), else "@".
func nameSuffix(e session.Entry) string {
	if e.Kind == session.KindLink && e.Target != "" {
		return " -> " + Escape(e.Target)
	}
	return kindSuffix(e)
}
