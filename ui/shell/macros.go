package shell

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ftpane/ftpane/session/netrc"
)

// maxMacroDepth bounds macros calling macros (a macro calling itself).
const maxMacroDepth = 16

// macroDef is a macdef whose body is still being read.
type macroDef struct {
	name  string
	lines []string
}

// Defining reports whether a macdef is reading its body: the front end's
// next lines belong to it until an empty line.
func (s *Shell) Defining() bool { return s.def != nil }

// cmdMacdef starts a macro definition: the following lines, up to an
// empty one, are its body.
func (s *Shell) cmdMacdef(_ context.Context, args []string) error {
	if args[0] == "" || strings.ContainsAny(args[0], " \t") {
		return fmt.Errorf("macdef: bad macro name %q", args[0])
	}
	s.def = &macroDef{name: args[0]}
	return nil
}

// defineLine adds a line to the macro being defined; an empty line ends
// the definition.
func (s *Shell) defineLine(line string) error {
	if strings.TrimSpace(line) == "" {
		s.macros[s.def.name] = s.def.lines
		s.def = nil
		return nil
	}
	if strings.ContainsAny(line, "\r\n\x00") {
		return fmt.Errorf("macdef %s: %w: the line contains a line break or NUL", s.def.name, ErrBadLine)
	}
	s.def.lines = append(s.def.lines, line)
	return nil
}

// DefineMacro sets a macro's body (the TUI's macro editor, tests).
func (s *Shell) DefineMacro(name string, lines []string) { s.macros[name] = lines }

// loadNetrcMacros makes a netrc entry's macdefs available.
func (s *Shell) loadNetrcMacros(m *netrc.Machine) {
	if m == nil {
		return
	}
	for _, mac := range m.Macros {
		s.macros[mac.Name] = mac.Lines
	}
}

// macroNames lists the defined macros for status.
func (s *Shell) macroNames() string {
	if len(s.macros) == 0 {
		return "none"
	}
	names := make([]string, 0, len(s.macros))
	for n := range s.macros {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// cmdMacro runs a macro with arguments ($ name args).
func (s *Shell) cmdMacro(ctx context.Context, args []string) error {
	body, ok := s.macros[args[0]]
	if !ok {
		return fmt.Errorf("$: macro %q is not defined (macdef defines one)", args[0])
	}
	return s.runMacro(ctx, body, args[1:])
}

// runMacro runs a macro's lines with $1..$9 substituted. A body that uses
// $i runs once per argument. Every line runs even when one fails; the
// failures are returned together. bye inside a macro ends it and is
// passed on.
func (s *Shell) runMacro(ctx context.Context, body, args []string) error {
	if s.depth >= maxMacroDepth {
		return fmt.Errorf("$: macros nested more than %d deep", maxMacroDepth)
	}
	s.depth++
	defer func() { s.depth-- }()
	loop := []string{""}
	if strings.Contains(strings.Join(body, "\n"), "$i") && len(args) > 0 {
		loop = args
	}
	var errs error
	for _, i := range loop {
		for _, line := range body {
			words, err := Split(Expand(line, args, i))
			if err == nil && len(words) > 0 {
				err = s.exec(ctx, words)
			}
			if errors.Is(err, ErrQuit) {
				return errors.Join(errs, err)
			}
			errs = errors.Join(errs, err)
		}
	}
	return errs
}
