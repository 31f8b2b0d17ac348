package netrc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// format writes f back as netrc text, quoting every value, so that parsing
// the result gives f again. Tests use it to show (secrets included) what a
// File holds, and the fuzzer to check that parsing loses nothing.
func format(f *File) string {
	if f == nil {
		return "<nil>"
	}
	var b strings.Builder
	writeMacros(&b, f.Macros)
	for _, m := range entries(f) {
		if m.IsDefault {
			b.WriteString("default")
		} else {
			b.WriteString("machine " + quote(m.Name))
		}
		if m.Login != "" {
			b.WriteString(" login " + quote(m.Login))
		}
		if m.HasPassword {
			b.WriteString(" password " + quote(m.Password))
		}
		if m.HasAccount {
			b.WriteString(" account " + quote(m.Account))
		}
		if m.Port != 0 {
			fmt.Fprintf(&b, " port %d", m.Port)
		}
		b.WriteString("\n")
		writeMacros(&b, m.Macros)
	}
	return b.String()
}

// entries lists every entry of f in file order.
func entries(f *File) []*Machine {
	var all []*Machine
	all = append(all, f.Machines...)
	if f.Default != nil {
		all = append(all, f.Default)
	}
	return append(all, f.Unreachable...)
}

// writeMacros ends each body line with CRLF: the parser drops exactly one
// CR before a LF, so a body line that itself ends in CR survives.
func writeMacros(b *strings.Builder, macros []Macro) {
	for _, mac := range macros {
		b.WriteString("macdef " + quote(mac.Name) + "\n")
		for _, ln := range mac.Lines {
			b.WriteString(ln + "\r\n")
		}
		b.WriteString("\n")
	}
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func FuzzParse(f *testing.F) {
	f.Add("machine a login b password c\ndefault login anonymous password x@\n")
	f.Add("machine a\nmacdef init\n  cd /\n\nmachine b port 21")
	f.Add(`machine "a b" password "q\"\\ #" account z`)
	f.Fuzz(func(t *testing.T, in string) {
		file, err := Parse(strings.NewReader(in))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Line > strings.Count(in, "\n")+1 {
				t.Fatalf("error %v: want a *SyntaxError with a line in the input", err)
			}
			return
		}
		checkLookup(t, file)
		checkRedacted(t, file)
		again, err := Parse(strings.NewReader(format(file)))
		if err != nil {
			t.Fatalf("reparsing %q: %v", format(file), err)
		}
		if !reflect.DeepEqual(file, again) {
			t.Fatalf("reparse differs:\n got: %q\nwant: %q", format(again), format(file))
		}
	})
}

// checkLookup: every machine is found by its name (in any case), and the
// one found is the first with that name.
func checkLookup(t *testing.T, f *File) {
	for i, m := range f.Machines {
		if m.IsDefault || m.Name == "" {
			t.Fatalf("machine %d is %v, want a named machine entry", i, m)
		}
		for _, host := range []string{m.Name, strings.ToUpper(m.Name), strings.ToLower(m.Name)} {
			got := f.Lookup(host)
			if got == nil || !strings.EqualFold(got.Name, m.Name) {
				t.Fatalf("Lookup(%q) = %v, want machine %q", host, got, m.Name)
			}
			for _, earlier := range f.Machines[:i] {
				if strings.EqualFold(earlier.Name, host) && got != earlier {
					t.Fatalf("Lookup(%q) = %v, want the first match %v", host, got, earlier)
				}
			}
		}
	}
	if f.Default != nil && !f.Default.IsDefault {
		t.Fatalf("Default %v is not marked IsDefault", f.Default)
	}
}

// checkRedacted: what an entry prints does not depend on its secrets.
func checkRedacted(t *testing.T, f *File) {
	for _, m := range entries(f) {
		other := *m
		other.Password, other.Account = "x", "y"
		other.Macros = nil
		for _, mac := range m.Macros {
			other.Macros = append(other.Macros, Macro{Name: mac.Name, Lines: make([]string, len(mac.Lines))})
		}
		got := fmt.Sprintf("%v %+v %#v", m, m, m)
		if want := fmt.Sprintf("%v %+v %#v", &other, &other, &other); got != want {
			t.Fatalf("printing depends on secrets:\n%s\n%s", got, want)
		}
	}
}
