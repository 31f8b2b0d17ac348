package netrc

import (
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     *File
	}{
		{"empty file", "", &File{}},
		{"only blanks and comments", "\n  \n# nothing here\n\t# indented\n", &File{}},
		{"simple machine", "machine ftp.example.com login alice password s3cret\n", &File{
			Machines: []*Machine{{Name: "ftp.example.com", Login: "alice", Password: "s3cret", HasPassword: true}},
		}},
		{"passwd alias", "machine h login a passwd p", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "p", HasPassword: true}},
		}},
		{"tokens split across lines", "machine\n  h\nlogin\n\n  a\npassword\np", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "p", HasPassword: true}},
		}},
		{"several machines in file order", "machine a login x\nmachine b login y\ndefault login anonymous password me@\n", &File{
			Machines: []*Machine{{Name: "a", Login: "x"}, {Name: "b", Login: "y"}},
			Default:  &Machine{IsDefault: true, Login: "anonymous", Password: "me@", HasPassword: true},
		}},
		{"quoted values with spaces and escapes", `machine "my host" login "bob smith" password "correct \"horse\" \\ # x\y"`, &File{
			Machines: []*Machine{{Name: "my host", Login: "bob smith", Password: `correct "horse" \ # xy`, HasPassword: true}},
		}},
		{"empty quoted password", `machine h login a password ""`, &File{
			Machines: []*Machine{{Name: "h", Login: "a", HasPassword: true}},
		}},
		{"closing quote ends the token", `machine h login "a"password p`, &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "p", HasPassword: true}},
		}},
		{"comments", "# header\n  # indented\nmachine h # trailing comment\n  login a\n#password wrong\npassword ab#c\n", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "ab#c", HasPassword: true}},
		}},
		{"hash value unless it starts a line", "machine h password #1\n", &File{
			Machines: []*Machine{{Name: "h", Password: "#1", HasPassword: true}},
		}},
		{"quoted hash is never a comment", "machine h password\n\"#1\"\n", &File{
			Machines: []*Machine{{Name: "h", Password: "#1", HasPassword: true}},
		}},
		{"account", "machine h login a password p account acct-42", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "p", HasPassword: true, Account: "acct-42", HasAccount: true}},
		}},
		{"port", "machine h port 2121 login a", &File{
			Machines: []*Machine{{Name: "h", Port: 2121, Login: "a"}},
		}},
		{"macdef bodies end at an empty line", "machine h login a\nmacdef init\n  binary\n\tcd /pub\n   \nprompt\n\nmacdef up extra words ignored\nput x\n\nmachine k login b\n", &File{
			Machines: []*Machine{
				{Name: "h", Login: "a", Macros: []Macro{
					{Name: "init", Lines: []string{"  binary", "\tcd /pub", "   ", "prompt"}},
					{Name: "up", Lines: []string{"put x"}},
				}},
				{Name: "k", Login: "b"},
			},
		}},
		{"macdef body may look like keywords", "machine h\nmacdef m\nmachine evil login root\n# not a comment\n", &File{
			Machines: []*Machine{{Name: "h", Macros: []Macro{{Name: "m", Lines: []string{"machine evil login root", "# not a comment"}}}}},
		}},
		{"macdef at end of file without blank line", "machine h\nmacdef init\nls\nbye", &File{
			Machines: []*Machine{{Name: "h", Macros: []Macro{{Name: "init", Lines: []string{"ls", "bye"}}}}},
		}},
		{"macdef with empty body", "machine h\nmacdef m\n\nlogin a\n", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Macros: []Macro{{Name: "m"}}}},
		}},
		{"macdef before any entry is global", "macdef hello\necho hi\n\nmachine h\n", &File{
			Macros:   []Macro{{Name: "hello", Lines: []string{"echo hi"}}},
			Machines: []*Machine{{Name: "h"}},
		}},
		{"CRLF line endings", "machine h\r\nlogin a\r\nmacdef init\r\nls\r\n\r\npassword p\r\n", &File{
			Machines: []*Machine{{Name: "h", Login: "a", Password: "p", HasPassword: true, Macros: []Macro{{Name: "init", Lines: []string{"ls"}}}}},
		}},
		{"entries after default are unreachable", "machine a\ndefault login d\nmachine b login x\ndefault login e\n", &File{
			Machines:    []*Machine{{Name: "a"}},
			Default:     &Machine{IsDefault: true, Login: "d"},
			Unreachable: []*Machine{{Name: "b", Login: "x"}, {IsDefault: true, Login: "e"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got: %s\nwant: %s", tt.in, format(got), format(tt.want))
			}
		})
	}
}

func TestLookup(t *testing.T) {
	const in = `machine ftp.example.com login first password one
machine FTP.EXAMPLE.COM login second password two
machine other.org login carol
default login anonymous password guest@
machine late.net login never
`
	f, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ host, login string }{
		{"ftp.example.com", "first"}, // first match wins
		{"Ftp.Example.Com", "first"}, // host names ignore case
		{"other.org", "carol"},
		{"unknown.example", "anonymous"}, // default fallback
		{"late.net", "anonymous"},        // after default: never reached
		{"", "anonymous"},
	}
	for _, tt := range tests {
		m := f.Lookup(tt.host)
		if m == nil || m.Login != tt.login {
			t.Errorf("Lookup(%q) = %v, want login %q", tt.host, m, tt.login)
		}
	}
	if m := f.Lookup("x"); !m.IsDefault || m.Name != "" {
		t.Errorf("Lookup(x) = %v, want the default entry", m)
	}

	noDefault, _ := Parse(strings.NewReader("machine a login b"))
	if m := noDefault.Lookup("b"); m != nil {
		t.Errorf("Lookup without default = %v, want nil", m)
	}
	var none *File
	if m := none.Lookup("a"); m != nil {
		t.Errorf("nil File Lookup = %v, want nil", m)
	}
}

func TestMachineMacro(t *testing.T) {
	f, err := Parse(strings.NewReader("machine h\nmacdef init\nbinary\n\nmacdef init\nascii\n\nmacdef Up\nput a\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Lookup("h")
	mac, ok := m.Macro("init")
	if !ok || !reflect.DeepEqual(mac.Lines, []string{"binary"}) {
		t.Errorf(`Macro("init") = %q, %v; want the first init, ["binary"]`, mac.Lines, ok)
	}
	if _, ok := m.Macro("up"); ok {
		t.Error(`Macro("up") found "Up"; macro names are case sensitive`)
	}
	if _, ok := m.Macro("missing"); ok {
		t.Error(`Macro("missing") reported a macro`)
	}
	var nilMachine *Machine
	if _, ok := nilMachine.Macro("init"); ok {
		t.Error("nil Machine has a macro")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		want     string // the whole message
	}{
		{"unknown keyword", "machine a\nlogin b\n\n  user c\n", 4, `netrc: line 4: unknown keyword "user"`},
		{"capitalised keyword", "Machine a", 1, `netrc: line 1: unknown keyword "Machine" (keywords are lower case)`},
		{"unterminated quote", "machine a\nlogin b\npassword \"abc def\nmachine c\n", 3, `netrc: line 3: unterminated quoted string (missing closing ")`},
		{"quote cannot span lines", "machine \"a\nb\"", 1, `netrc: line 1: unterminated quoted string (missing closing ")`},
		{"escaped closing quote", `machine "a\"`, 1, `netrc: line 1: unterminated quoted string (missing closing ")`},
		{"missing value", "machine a\nlogin\n", 2, `netrc: line 2: login has no value (end of file)`},
		{"missing machine name", "\n\nmachine", 3, `netrc: line 3: machine has no value (end of file)`},
		{"empty machine name", `machine ""`, 1, `netrc: line 1: machine name is empty`},
		{"setting before any entry", "# c\nlogin a\nmachine b", 2, `netrc: line 2: login before any machine or default entry`},
		{"duplicate setting", "machine a\npassword x\nlogin b passwd y", 3, `netrc: line 3: password given twice in one entry (first on line 2)`},
		{"bad port", "machine a port ftp", 1, `netrc: line 1: port "ftp" is not a number from 1 to 65535`},
		{"port out of range", "machine a\nport 65536", 2, `netrc: line 2: port "65536" is not a number from 1 to 65535`},
		{"macdef without name", "machine a\nmacdef\ninit\n", 2, `netrc: line 2: macdef needs a macro name on the same line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want an error", tt.in, format(f))
			}
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line != tt.line {
				t.Errorf("error %#v, want a *SyntaxError on line %d", err, tt.line)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q\nwant %q", err, tt.want)
			}
		})
	}
}

// An unquoted password with a space makes its second half look like an
// unknown keyword; the error must not repeat it.
func TestErrorDoesNotLeakPassword(t *testing.T) {
	_, err := Parse(strings.NewReader("machine a login b password hunter2 TOPSECRET\n"))
	if err == nil {
		t.Fatal("Parse succeeded, want an error")
	}
	if strings.Contains(err.Error(), "TOPSECRET") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %q contains the password", err)
	}
	if !strings.HasPrefix(err.Error(), "netrc: line 1: ") || !strings.Contains(err.Error(), `password "two words"`) {
		t.Errorf("error %q does not name the line or suggest quoting", err)
	}
}

func TestPrintingNeverShowsSecrets(t *testing.T) {
	const in = "macdef g\nuser root GLOBALSECRET\n\n" +
		"machine ftp.example.com login alice password \"Pa55 word!\" account ACCTSECRET port 2121\n" +
		"macdef init\nuser alice MACROSECRET\n\n" +
		"default login bob password DEFAULTSECRET\n"
	f, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Lookup("ftp.example.com")
	readable := []string{ // what a log line would hold
		fmt.Sprintf("%v %+v %#v", m, m, m),
		fmt.Sprintf("%v %+v %#v", *m, *m, *m),
		fmt.Sprintf("%v %+v %#v", f, f, f),
		fmt.Sprint(m, *m, f), fmt.Sprintln(m, *m, f),
		fmt.Sprintf("%s %q %d", m, m, *m),
		m.String(), m.GoString(),
	}
	for _, out := range readable {
		// Still useful for debugging: the host and login are shown.
		if !strings.Contains(out, "ftp.example.com") || !strings.Contains(out, "alice") {
			t.Errorf("printed entry lacks host or login: %s", out)
		}
	}
	all := append(readable, fmt.Sprintf("%x %X %d %+v %10.3v", m, *f, f, m.Macros, m))
	for _, out := range all {
		for _, secret := range []string{"Pa55", "ACCTSECRET", "MACROSECRET", "DEFAULTSECRET", "GLOBALSECRET"} {
			if strings.Contains(out, secret) || strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte(secret))) {
				t.Errorf("printed entry contains %q: %s", secret, out)
			}
		}
	}
	want := `machine "ftp.example.com" login "alice" password <redacted> account <redacted> port 2121 macdef "init" (1 line)`
	if got := m.String(); got != want {
		t.Errorf("String() = %s\nwant       %s", got, want)
	}
}
