package shell

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ftpane/ftpane/assets"
)

// usageOf is the first line of a command's help text: its synopsis.
func usageOf(name string) string {
	text, ok := assets.Help(name)
	if !ok {
		return name
	}
	first, _, _ := strings.Cut(text, "\n")
	return first
}

// summaryOf is the second line of a command's help text: what it does.
func summaryOf(name string) string {
	text, _ := assets.Help(name)
	lines := strings.SplitN(text, "\n", 3)
	if len(lines) < 2 {
		return ""
	}
	return lines[1]
}

// HelpText is the full help of a command (name, alias or prefix).
func HelpText(name string) (string, error) {
	c, err := lookup(name)
	if err != nil {
		return "", err
	}
	text, ok := assets.Help(c.name)
	if !ok {
		return "", fmt.Errorf("no help for %q", c.name)
	}
	if len(c.aliases) > 0 {
		text += "Also: " + strings.Join(c.aliases, ", ") + "\n"
	}
	return text, nil
}

// cmdHelp lists the commands, or shows the help of the ones named.
func (s *Shell) cmdHelp(_ context.Context, args []string) error {
	if len(args) == 0 {
		seen := map[string]bool{}
		var names []string
		for _, c := range byName {
			if !seen[c.name] {
				seen[c.name] = true
				names = append(names, c.name)
			}
		}
		sort.Strings(names)
		s.printf("Commands may be abbreviated. Commands are:\n\n")
		for _, n := range names {
			s.printf("%-10s %s\n", n, summaryOf(n))
		}
		return nil
	}
	var failed error
	for _, a := range args {
		text, err := HelpText(a)
		if err != nil {
			failed = err
			continue
		}
		s.printf("%s", text)
	}
	return failed
}
