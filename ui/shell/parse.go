package shell

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// ErrBadLine is wrapped by every parse error (quotes, escapes, control
// characters), so callers can tell bad input from a failed command.
var ErrBadLine = errors.New("bad command line")

// Split breaks a command line into words as classic ftp does: blanks
// separate words, double quotes keep blanks inside a word, and a
// backslash takes the next character literally (inside quotes too). Single
// quotes are ordinary characters, as in classic ftp (tnftp), so that a
// name like don't.txt needs no quoting. A line starting with ! is the word "!" and the rest of the line
// verbatim; a line starting with $ is "$" followed by the words after it.
// Lines with CR, LF or NUL are refused: nothing of them may reach a server.
func Split(line string) ([]string, error) {
	if strings.ContainsAny(line, "\r\n\x00") {
		// Not quoted back: the line may be a password typed after user.
		return nil, fmt.Errorf("%w: it contains a line break (CR or LF) or NUL", ErrBadLine)
	}
	line = strings.TrimLeftFunc(line, unicode.IsSpace)
	if rest, ok := strings.CutPrefix(line, "!"); ok {
		if rest = strings.TrimSpace(rest); rest == "" {
			return []string{"!"}, nil
		}
		return []string{"!", rest}, nil
	}
	if rest, ok := strings.CutPrefix(line, "$"); ok {
		words, err := words(rest)
		return append([]string{"$"}, words...), err
	}
	return words(line)
}

// words is the quoting state machine behind Split.
func words(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, c := range line {
		switch {
		case escaped:
			cur.WriteRune(c)
			escaped = false
		case c == '\\':
			escaped, inWord = true, true
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(c)
		case c == '"':
			quote, inWord = c, true
		case unicode.IsSpace(c):
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	switch {
	case escaped:
		return out, fmt.Errorf("%w: a backslash ends the line", ErrBadLine)
	case quote != 0:
		return out, fmt.Errorf("%w: unterminated %c quote", ErrBadLine, quote)
	case inWord:
		out = append(out, cur.String())
	}
	return out, nil
}

// Quote returns s as one word for Split: unchanged when it has no blanks
// or special characters, else double-quoted with backslash escapes.
func Quote(s string) string {
	special := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("\"\\$!", r) }
	if s != "" && !strings.ContainsFunc(s, special) {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// Expand substitutes a macro's arguments into one of its lines: $1..$9 are
// the arguments (empty when missing), $i is the current argument of a $i
// loop, and \$ is a literal dollar sign. Other text is unchanged.
func Expand(line string, args []string, i string) string {
	var b strings.Builder
	for k := 0; k < len(line); k++ {
		c := line[k]
		if c == '\\' && k+1 < len(line) && line[k+1] == '$' {
			b.WriteByte('$')
			k++
			continue
		}
		if c != '$' || k+1 >= len(line) {
			b.WriteByte(c)
			continue
		}
		switch n := line[k+1]; {
		case n >= '1' && n <= '9':
			if idx := int(n - '1'); idx < len(args) {
				b.WriteString(args[idx])
			}
			k++
		case n == 'i':
			b.WriteString(i)
			k++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// CommandName is the full name of the command a line starts with, as the
// interpreter resolves it (aliases and unambiguous prefixes: "bin" is
// "binary"); "" when the line names no single command.
func CommandName(line string) string {
	words, err := Split(line)
	if err != nil || len(words) == 0 {
		return ""
	}
	c, err := lookup(words[0])
	if err != nil {
		return ""
	}
	return c.name
}

// lookup finds a command by name, alias, or an unambiguous prefix of one.
func lookup(name string) (*command, error) {
	name = strings.ToLower(name)
	if c, ok := byName[name]; ok {
		return c, nil
	}
	var hits []*command
	var names []string
	seen := map[*command]bool{}
	for n, c := range byName {
		if strings.HasPrefix(n, name) && !seen[c] {
			seen[c] = true
			hits = append(hits, c)
			names = append(names, c.name)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return nil, fmt.Errorf("?Invalid command %q (help lists the commands)", name)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("?Ambiguous command %q: could be %s", name, strings.Join(names, ", "))
}

// CommandLine builds the command line that does what a pane action did,
// quoting each argument, so the TUI can log "put "my file.txt"" and a user
// learns the language by using the panes.
func CommandLine(name string, args ...string) string {
	parts := []string{name}
	for _, a := range args {
		parts = append(parts, Quote(a))
	}
	return strings.Join(parts, " ")
}
