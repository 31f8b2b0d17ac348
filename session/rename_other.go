//go:build !linux

package session

// renameNoReplace: only Linux renames without replacing in one call here;
// elsewhere Rename checks, then renames.
func renameNoReplace(_, _ string) (bool, error) { return false, nil }
