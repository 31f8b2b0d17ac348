// Package netrc reads ~/.netrc files with the semantics of the classic BSD
// ftp client, so a file that works with ftp(1) logs in the same way here.
//
// A file is a sequence of entries. An entry starts with "machine NAME" or
// "default" and is followed by "login", "password" (or its classic alias
// "passwd"), "account", "port" and "macdef" settings. Lookup returns the
// first machine entry whose name matches, else the default entry.
//
// Choices this package makes where classic ftp is vague or lax:
//
//   - Entries after "default" are never reached (classic ftp stops scanning
//     at the first entry that matches, and default matches every host).
//     They are parsed and kept in File.Unreachable so a caller can warn.
//   - Unknown keywords, settings before any entry, a setting given twice in
//     one entry and an invalid port are errors naming the line, instead of
//     warnings that silently drop the rest of the entry.
//   - A token that starts with an unquoted "#" where a keyword is expected,
//     or as the first token of a line, starts a comment that runs to the end
//     of the line. "#" inside a value ("password ab#c") is literal.
//   - Only white space separates tokens (classic ftp also split on commas).
//     Backslash escapes exist only inside double quotes, and a quoted token
//     ends on its own line: a missing closing quote is reported on the line
//     where it happens.
//   - A macdef body is the lines after the macdef line up to the first empty
//     line, or to the end of the file. The macro name must be on the macdef
//     line; the rest of that line is ignored, as classic ftp does.
//   - A CR before a LF is part of the line ending, not of the line, so files
//     edited on Windows parse the same (including macdef terminators).
package netrc

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxSize bounds what Parse reads, so a mistaken $NETRC (/dev/zero, a huge
// log) fails quickly instead of exhausting memory.
const maxSize = 1 << 20

// File is a parsed netrc file.
type File struct {
	// Machines holds the "machine" entries before the default entry, in
	// file order. Lookup returns the first one whose name matches.
	Machines []*Machine
	// Default is the "default" entry, or nil. It matches any host.
	Default *Machine
	// Macros holds the macdefs that come before any entry. They belong to
	// no machine; a client may offer them for every connection.
	Macros []Macro
	// Unreachable holds entries that follow the default entry (including a
	// second default). Classic ftp never reads them; they are kept only so
	// that a caller can warn the user.
	Unreachable []*Machine
}

// Machine is one "machine" or "default" entry.
type Machine struct {
	Name     string // host name; empty for the default entry
	Login    string
	Password string // never printed by fmt (see String)
	Account  string // ACCT command argument; never printed either
	Port     int    // 0 when the entry has no port setting
	// IsDefault reports that this is the "default" entry.
	IsDefault bool
	// HasPassword tells an empty password ("password \"\"") from none.
	HasPassword bool
	// HasAccount tells an empty account from none.
	HasAccount bool
	// Macros are the macdefs that follow this entry, in file order.
	Macros []Macro
}

// Macro is a macdef: a named list of ftp commands. A macro named "init" is
// run by classic ftp right after login.
type Macro struct {
	Name  string
	Lines []string // body lines, verbatim (leading blanks kept)
}

// Parse reads a netrc file from r (at most 1 MiB). Errors from malformed
// input are *SyntaxError values naming the line. Parse does not check
// permissions; Load does.
func Parse(r io.Reader) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("netrc: %w", err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("netrc: file is larger than %d bytes", maxSize)
	}
	return parse(string(data))
}

// DefaultPath is where ftp looks for the netrc file: $NETRC when it is set
// and not empty, else .netrc in the user's home directory ($HOME on Unix).
// It returns "" when neither is known; Load("") then reports a missing file.
func DefaultPath() string {
	if p := os.Getenv("NETRC"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".netrc")
}

// Lookup returns the entry ftp would use for host: the first machine entry
// whose name equals host (ignoring case), else the default entry, else nil.
// A nil File has no entries, so callers may look up in a file they could not
// load.
func (f *File) Lookup(host string) *Machine {
	if f == nil {
		return nil
	}
	for _, m := range f.Machines {
		if strings.EqualFold(m.Name, host) {
			return m
		}
	}
	return f.Default
}

// Macro returns the entry's first macdef called name (names are case
// sensitive, as in ftp).
func (m *Machine) Macro(name string) (Macro, bool) {
	if m == nil {
		return Macro{}, false
	}
	for _, mac := range m.Macros {
		if mac.Name == name {
			return mac, true
		}
	}
	return Macro{}, false
}

// redacted replaces secrets in printed entries.
const redacted = "<redacted>"

// String describes the entry in netrc-like syntax for logs and debugging.
// It never prints the password, the account or macro bodies (which may hold
// "user NAME PASSWORD" commands), only whether they are set.
func (m Machine) String() string {
	var b strings.Builder
	if m.IsDefault {
		b.WriteString("default")
	} else {
		fmt.Fprintf(&b, "machine %q", m.Name)
	}
	if m.Login != "" {
		fmt.Fprintf(&b, " login %q", m.Login)
	}
	if m.HasPassword {
		b.WriteString(" password " + redacted)
	}
	if m.HasAccount {
		b.WriteString(" account " + redacted)
	}
	if m.Port != 0 {
		fmt.Fprintf(&b, " port %d", m.Port)
	}
	for _, mac := range m.Macros {
		b.WriteString(" " + mac.String())
	}
	return b.String()
}

// GoString makes %#v as safe as %v: it shows the same redacted fields.
func (m Machine) GoString() string {
	return "netrc.Machine{" + m.String() + "}"
}

// Format makes every verb print String (GoString for %#v); without it,
// verbs such as %d or %x would print the struct's fields, password included.
func (m Machine) Format(s fmt.State, verb rune) {
	formatRedacted(s, verb, m.String(), m.GoString())
}

// String names the macro and counts its lines without showing them, since
// macro bodies may contain passwords.
func (m Macro) String() string {
	if len(m.Lines) == 1 {
		return fmt.Sprintf("macdef %q (1 line)", m.Name)
	}
	return fmt.Sprintf("macdef %q (%d lines)", m.Name, len(m.Lines))
}

// GoString makes %#v as safe as %v.
func (m Macro) GoString() string {
	return "netrc.Macro{" + m.String() + "}"
}

// Format makes every verb as safe as %v (see Machine.Format).
func (m Macro) Format(s fmt.State, verb rune) {
	formatRedacted(s, verb, m.String(), m.GoString())
}

// formatRedacted writes str, or goStr for %#v, honouring width and flags;
// verbs other than %q print as %s.
func formatRedacted(s fmt.State, verb rune, str, goStr string) {
	if verb == 'v' && s.Flag('#') {
		io.WriteString(s, goStr)
		return
	}
	if verb != 'q' {
		verb = 's'
	}
	fmt.Fprintf(s, fmt.FormatString(s, verb), str)
}
