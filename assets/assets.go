// Package assets holds ftpane's embedded data. For now: the demo tree that
// `ftpane demo` serves (session/ftpd.PrepareDemo copies it to a temporary
// folder and adds what cannot be embedded: symlinks, empty folders and the
// big generated file).
package assets

import (
	"embed"
	"io/fs"
)

// demo is the demo tree. "all:" keeps the dot files, so the panes have a
// hidden file to hide.
//
//go:embed all:demo
var demo embed.FS

// Demo returns the demo tree, rooted at its top folder (README.md, docs/, ...).
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		// fs.Sub fails only on an invalid path; "demo" is valid and embedded.
		panic(err)
	}
	return sub
}
