//go:build !unix

package session

import "io/fs"

// noFollow: where O_NOFOLLOW is unknown, Create's Lstat check stands alone.
const noFollow = 0

type idNames struct{}

func newIDNames() *idNames                 { return &idNames{} }
func (*idNames) owner(*Entry, fs.FileInfo) {}
