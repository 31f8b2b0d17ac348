package netrc

import (
	"fmt"
	"strconv"
	"strings"
)

// SyntaxError reports malformed netrc input. Its message never contains a
// password or account.
type SyntaxError struct {
	Path string // file name, when read by Load
	Line int    // 1-based
	Msg  string
}

// Error formats the error as "netrc: line 7: msg", with the path after
// "netrc: " when known.
func (e *SyntaxError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("netrc: %s: line %d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("netrc: line %d: %s", e.Line, e.Msg)
}

func errorf(line int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// parser builds a File from tokens.
type parser struct {
	lx         *lexer
	f          *File
	cur        *Machine       // entry being read; nil before the first
	seen       map[string]int // setting -> line, for the current entry
	sawDefault bool
	secretLine int // line of the previous setting's value if it was a secret
}

func parse(data string) (*File, error) {
	p := &parser{lx: newLexer(data), f: &File{}}
	for {
		tok, ok, err := p.keyword()
		if err != nil {
			return nil, err
		}
		if !ok {
			return p.f, nil
		}
		if err := p.handle(tok); err != nil {
			return nil, err
		}
	}
}

// keyword returns the next token that is not part of a comment.
func (p *parser) keyword() (token, bool, error) {
	for {
		tok, ok, err := p.lx.next(false)
		if err != nil || !ok || !tok.comment(true) {
			return tok, ok, err
		}
		p.lx.skipLine()
	}
}

// value returns the argument of the keyword kw, which may be on a later
// line. Only whole-line comments are skipped, so "password #1" works.
func (p *parser) value(kw token) (token, error) {
	for {
		tok, ok, err := p.lx.next(false)
		if err != nil {
			return token{}, err
		}
		if !ok {
			return token{}, errorf(kw.line, "%s has no value (end of file)", kw.text)
		}
		if !tok.comment(false) {
			return tok, nil
		}
		p.lx.skipLine()
	}
}

// handle applies one keyword and its value.
func (p *parser) handle(kw token) error {
	afterSecret := p.secretLine == kw.line
	p.secretLine = 0
	switch kw.text {
	case "machine", "default":
		return p.entry(kw)
	case "macdef":
		return p.macdef(kw)
	case "login", "password", "passwd", "account", "port":
		return p.setting(kw)
	}
	if afterSecret {
		// The word is most likely the second half of an unquoted password
		// with a space in it: do not echo it.
		return errorf(kw.line, `unexpected word after a password or account; `+
			`quote values that contain spaces, e.g. password "two words"`)
	}
	if isKeyword(strings.ToLower(kw.text)) {
		return errorf(kw.line, "unknown keyword %q (keywords are lower case)", kw.text)
	}
	return errorf(kw.line, "unknown keyword %q", kw.text)
}

func isKeyword(s string) bool {
	switch s {
	case "machine", "default", "login", "password", "passwd", "account", "port", "macdef":
		return true
	}
	return false
}

// entry starts a machine or default entry.
func (p *parser) entry(kw token) error {
	m := &Machine{IsDefault: kw.text == "default"}
	if !m.IsDefault {
		name, err := p.value(kw)
		if err != nil {
			return err
		}
		if name.text == "" {
			return errorf(kw.line, "machine name is empty")
		}
		m.Name = name.text
	}
	switch {
	case p.sawDefault:
		p.f.Unreachable = append(p.f.Unreachable, m)
	case m.IsDefault:
		p.f.Default = m
		p.sawDefault = true
	default:
		p.f.Machines = append(p.f.Machines, m)
	}
	p.cur = m
	p.seen = map[string]int{}
	return nil
}

// setting reads login, password, account or port into the current entry.
func (p *parser) setting(kw token) error {
	if p.cur == nil {
		return errorf(kw.line, "%s before any machine or default entry", kw.text)
	}
	name := kw.text
	if name == "passwd" {
		name = "password"
	}
	if first, dup := p.seen[name]; dup {
		return errorf(kw.line, "%s given twice in one entry (first on line %d)", name, first)
	}
	p.seen[name] = kw.line
	tok, err := p.value(kw)
	if err != nil {
		return err
	}
	m, v := p.cur, tok.text
	switch name {
	case "login":
		m.Login = v
	case "password":
		m.Password, m.HasPassword = v, true
		p.secretLine = tok.line
	case "account":
		m.Account, m.HasAccount = v, true
		p.secretLine = tok.line
	case "port":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			return errorf(kw.line, "port %q is not a number from 1 to 65535", v)
		}
		m.Port = n
	}
	return nil
}

// macdef reads a macro name (on the macdef line) and its body, and attaches
// the macro to the current entry, or to the file before any entry.
func (p *parser) macdef(kw token) error {
	tok, ok, err := p.lx.next(true)
	if err != nil {
		return err
	}
	if !ok || tok.text == "" {
		return errorf(kw.line, "macdef needs a macro name on the same line")
	}
	mac := Macro{Name: tok.text, Lines: p.lx.body()}
	if p.cur == nil {
		p.f.Macros = append(p.f.Macros, mac)
	} else {
		p.cur.Macros = append(p.cur.Macros, mac)
	}
	return nil
}
