package session

import (
	"context"
	"fmt"
)

// Mkdirs creates the folder p and the folders above it that are missing
// (mkdir -p), on any FS: one Mkdir (MKD) per missing level, top down. A
// level that exists already is used as it is, whatever a server answered
// to MKD (550 "File exists", 521, or a refusal worded otherwise): after a
// failed Mkdir the level is looked at, and a folder there is fine. p
// itself must be new, as for Mkdir: its error is returned as the OS or
// the server gave it. First is the highest folder Mkdirs created ("" when
// it failed before creating any).
func Mkdirs(ctx context.Context, fsys FS, p string) (first string, err error) {
	var missing []string // bottom up
	for d := fsys.Dir(p); d != "" && d != p; d = fsys.Dir(d) {
		if e, err := fsys.Stat(ctx, d); err == nil {
			if e.Kind != KindDir && e.Kind != KindLink {
				return "", fmt.Errorf("mkdir %s: %s is a %s, not a folder", p, d, e.Kind)
			}
			break
		}
		missing = append(missing, d)
		if fsys.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		d := missing[i]
		if err := fsys.Mkdir(ctx, d); err != nil {
			if e, serr := fsys.Stat(ctx, d); serr == nil && (e.Kind == KindDir || e.Kind == KindLink) {
				continue // there after all (made meanwhile, or Stat could not see it)
			}
			return first, err
		}
		if first == "" {
			first = d
		}
	}
	if err := fsys.Mkdir(ctx, p); err != nil {
		return first, err
	}
	if first == "" {
		first = p
	}
	return first, nil
}
