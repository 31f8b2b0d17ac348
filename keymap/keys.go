package keymap

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// named reports the special keys as Bubble Tea v2 spells them.
func named(s string) bool {
	switch s {
	case "up", "down", "left", "right", "enter", "esc", "tab", "backspace", "delete",
		"insert", "home", "end", "pgup", "pgdown", "space":
		return true
	}
	return false
}

// ValidKey reports whether s names a key as Bubble Tea reports it: a
// printable character, a named key, F1-F20, or one of those after
// ctrl+, alt+ or shift+.
func ValidKey(s string) bool {
	for {
		rest, ok := cutModifier(s)
		if !ok {
			break
		}
		s = rest
	}
	if named(s) {
		return true
	}
	if strings.HasPrefix(s, "f") && len(s) > 1 {
		n, err := strconv.Atoi(s[1:])
		return err == nil && n >= 1 && n <= 20
	}
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && r != utf8.RuneError && r > ' ' && r != 0x7f
}

func cutModifier(s string) (string, bool) {
	for _, m := range []string{"ctrl+", "alt+", "shift+"} {
		if rest, ok := strings.CutPrefix(s, m); ok && rest != "" {
			return rest, true
		}
	}
	return s, false
}
