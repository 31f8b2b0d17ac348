package keymap

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// File is the name of the override file inside ftpane's config folder.
const File = "keys.toml"

// Path is where the override file lives: $XDG_CONFIG_HOME/ftpane/keys.toml.
func Path(configHome string) string { return filepath.Join(configHome, "ftpane", File) }

// LoadFile applies the overrides in path to the default key map. A missing
// file is not an error: the defaults stand.
func LoadFile(path string) (KeyMap, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), fmt.Errorf("keys: %w", err)
	}
	km, err := Parse(string(data))
	if err != nil {
		return Default(), fmt.Errorf("%s:%w", path, err)
	}
	return km, nil
}

// Parse applies overrides written as TOML: one table per context, one
// action per line, its keys a string or an array of strings:
//
//	[main]
//	quit = ["q", "ctrl+q"]
//
// An unknown context, action or key, or two actions on one key in the
// same context, is an error that names the line.
func Parse(text string) (KeyMap, error) {
	km := Default()
	var raw map[string]map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return km, fmt.Errorf("%d: %s", pe.Position.Line, pe.Message)
		}
		return km, fmt.Errorf(" %w", err)
	}
	for _, ctx := range sortedKeys(raw) {
		c := Context(ctx)
		if !slices.Contains(Contexts(), c) {
			return km, fmt.Errorf("%d: unknown context [%s] (want main, viewer, dialog, queue, sites or find)", lineOf(text, "", ctx), ctx)
		}
		if err := km.apply(text, c, raw[ctx]); err != nil {
			return km, err
		}
		if err := km.checkConflicts(text, c); err != nil {
			return km, err
		}
	}
	return km, nil
}

func (k *KeyMap) apply(text string, c Context, over map[string]any) error {
	byName := map[string]Action{}
	for _, a := range k.Actions(c) {
		byName[a.Name] = a
	}
	for _, name := range sortedKeys(over) {
		line := lineOf(text, string(c), name)
		a, ok := byName[name]
		if !ok {
			return fmt.Errorf("%d: unknown action %q in [%s]", line, name, c)
		}
		keys, err := keyList(over[name])
		if err != nil {
			return fmt.Errorf("%d: %s: %v", line, name, err)
		}
		for _, ks := range keys {
			if !ValidKey(ks) {
				return fmt.Errorf("%d: %s: unknown key %q", line, name, ks)
			}
		}
		a.Binding.SetKeys(keys...)
		a.Binding.SetHelp(strings.Join(keys, "/"), a.Binding.Help().Desc)
	}
	return nil
}

func keyList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return []string{v}, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, errors.New("keys must be strings")
			}
			out = append(out, s)
		}
		if len(out) == 0 {
			return nil, errors.New("no keys given")
		}
		return out, nil
	}
	return nil, errors.New("want a key or a list of keys")
}

func (k *KeyMap) checkConflicts(text string, c Context) error {
	owner := map[string]string{}
	for _, a := range k.Actions(c) {
		for _, ks := range a.Binding.Keys() {
			if prev, ok := owner[ks]; ok {
				line := lineOf(text, string(c), a.Name)
				if line == 0 {
					line = lineOf(text, string(c), prev)
				}
				return fmt.Errorf("%d: key %q is bound to both %s and %s in [%s]", line, ks, prev, a.Name, c)
			}
			owner[ks] = a.Name
		}
	}
	return nil
}

var (
	tableRe = regexp.MustCompile(`^\s*\[\s*"?([^"\]]+)"?\s*\]`)
	keyRe   = regexp.MustCompile(`^\s*"?([A-Za-z0-9_\-]+)"?\s*=`)
)

// lineOf finds the line defining name in table (or the table itself when
// name is the table and table is ""); 0 when not found.
func lineOf(text, table, name string) int {
	cur := ""
	for i, l := range strings.Split(text, "\n") {
		if m := tableRe.FindStringSubmatch(l); m != nil {
			cur = strings.TrimSpace(m[1])
			if table == "" && cur == name {
				return i + 1
			}
			continue
		}
		if m := keyRe.FindStringSubmatch(l); m != nil && cur == table && m[1] == name {
			return i + 1
		}
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
