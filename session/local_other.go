//go:build !unix

package session

import "io/fs"

type idNames struct{}

func newIDNames() *idNames                 { return &idNames{} }
func (*idNames) owner(*Entry, fs.FileInfo) {}
