package pane

import (
	"io/fs"
	"time"

	"github.com/ftpane/ftpane/session"
)

// sampleEntries are entries with every field a listing can fill: link
// targets, owners, times in several zones and outside the nanosecond
// range, no time, no mode, a line no parser understood.
func sampleEntries() []session.Entry {
	utc := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	east := time.FixedZone("UTC+9", 9*3600)
	return []session.Entry{
		{Name: "file.txt", Kind: session.KindFile, Size: 1234, ModTime: utc, Mode: 0o644, HasMode: true, Owner: "ann", Group: "staff"},
		{Name: "docs", Kind: session.KindDir, Size: 4096, ModTime: utc.Add(time.Hour), Mode: fs.ModeDir | 0o755, HasMode: true, Owner: "ann", Group: "staff"},
		{Name: "latest", Kind: session.KindLink, Target: "docs/v2", ModTime: utc, Mode: fs.ModeSymlink | 0o777, HasMode: true, Owner: "root", Group: "wheel"},
		{Name: "tokyo.log", Kind: session.KindFile, Size: 1, ModTime: time.Date(2023, 1, 2, 3, 4, 5, 0, east)},
		{Name: "local.log", Kind: session.KindFile, ModTime: time.Date(2021, 1, 2, 3, 4, 5, 6, time.Local)},
		{Name: "ancient", Kind: session.KindFile, ModTime: time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Name: "future", Kind: session.KindFile, ModTime: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Name: "no time", Kind: session.KindOther},
		{Name: "weird line ?? 12", Kind: session.KindUnknown, Raw: "weird line ?? 12"},
		{Name: "日本語.txt", Kind: session.KindFile, Size: 1 << 40, ModTime: utc},
	}
}
