package assets

import (
	"embed"
	"sort"
	"strings"
)

// help holds one text per command of the classic ftp language: the first
// line is the synopsis, the second what the command does, then details.
//
//go:embed help/*.txt
var help embed.FS

// helpFile maps command names that are not file names.
var helpFile = map[string]string{"!": "bang", "$": "dollar"}

// Help returns the help text of a command (its main name, not an alias).
func Help(name string) (string, bool) {
	if f, ok := helpFile[name]; ok {
		name = f
	}
	b, err := help.ReadFile("help/" + name + ".txt")
	return string(b), err == nil
}

// HelpNames lists the commands that have a help text.
func HelpNames() []string {
	entries, _ := help.ReadDir("help")
	back := map[string]string{}
	for k, v := range helpFile {
		back[v] = k
	}
	var out []string
	for _, e := range entries {
		n := strings.TrimSuffix(e.Name(), ".txt")
		if k, ok := back[n]; ok {
			n = k
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
