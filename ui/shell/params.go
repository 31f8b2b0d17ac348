package shell

import (
	"context"
	"fmt"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// types maps a type name to the TYPE argument it sends.
var types = map[string]string{"ascii": "A", "binary": "I", "image": "I", "ebcdic": "E", "tenex": "L 8"}

func wireType(name string) string { return types[name] }

// ascii reports whether transfers convert line ends.
func (s *Shell) ascii() bool { return s.set.typeName == "ascii" }

// typeCmd is the handler of ascii, binary, image, tenex and ebcdic.
func typeCmd(name string) func(*Shell, context.Context, []string) error {
	return func(s *Shell, ctx context.Context, _ []string) error { return s.setType(ctx, name) }
}

// cmdType shows or sets the representation type.
func (s *Shell) cmdType(ctx context.Context, args []string) error {
	if len(args) == 0 {
		s.printf("Using %s mode to transfer files.\n", s.set.typeName)
		return nil
	}
	name := strings.ToLower(args[0])
	if _, ok := types[name]; !ok {
		return fmt.Errorf("type: unknown type %q: expected ascii, binary, image, ebcdic or tenex", args[0])
	}
	return s.setType(ctx, name)
}

// setType sends TYPE when connected and remembers the type either way.
func (s *Shell) setType(ctx context.Context, name string) error {
	if r := s.cur.remote; r != nil {
		var err error
		switch name {
		case "ascii":
			err = r.SetType(ctx, session.TypeASCII)
		case "binary", "image":
			err = r.SetType(ctx, session.TypeBinary)
		default:
			_, err = quoteOK(ctx, r, "TYPE "+types[name])
		}
		if err != nil {
			return err
		}
	}
	s.set.typeName = name
	if !s.set.verbose.Load() || s.cur.remote == nil {
		s.printf("Using %s mode to transfer files.\n", name)
	}
	return nil
}

// param sets a MODE/STRU-like parameter: shown when no value is given,
// else sent to the server (when connected) and kept when it agrees.
func (s *Shell) param(ctx context.Context, label, verb string, field *string, valid []string, args []string) error {
	if len(args) == 0 {
		s.printf("Using %s %s to transfer files.\n", *field, label)
		return nil
	}
	v := strings.ToLower(args[0])
	match := ""
	for _, ok := range valid {
		if strings.HasPrefix(ok, v) {
			match = ok
		}
	}
	if match == "" {
		return fmt.Errorf("%s: unknown %s %q: expected %s", strings.ToLower(verb), label, args[0], strings.Join(valid, ", "))
	}
	if s.cur.remote != nil {
		if err := s.showQuote(ctx, verb+" "+strings.ToUpper(match[:1])); err != nil {
			return err
		}
	}
	*field = match
	return nil
}

func (s *Shell) cmdMode(ctx context.Context, args []string) error {
	return s.param(ctx, "mode", "MODE", &s.set.mode, []string{"stream", "block", "compress"}, args)
}

func (s *Shell) cmdStruct(ctx context.Context, args []string) error {
	return s.param(ctx, "structure", "STRU", &s.set.stru, []string{"file", "record", "page"}, args)
}

// cmdForm sets the format control of ASCII and EBCDIC types.
func (s *Shell) cmdForm(ctx context.Context, args []string) error {
	if len(args) == 0 {
		s.printf("Using %s form to transfer files.\n", s.set.form)
		return nil
	}
	codes := map[string]string{"non-print": "N", "telnet": "T", "carriage-control": "C"}
	code, ok := codes[strings.ToLower(args[0])]
	if !ok {
		return fmt.Errorf("form: unknown form %q: expected non-print, telnet or carriage-control", args[0])
	}
	// The form is part of the ASCII and EBCDIC types: it is sent with them
	// (and only then, so that a binary session stays binary).
	t := map[string]string{"ascii": "A", "ebcdic": "E"}[s.set.typeName]
	if s.cur.remote != nil && t != "" {
		if err := s.showQuote(ctx, "TYPE "+t+" "+code); err != nil {
			return err
		}
	}
	s.set.form = strings.ToLower(args[0])
	return nil
}

// cmdPassive toggles passive data connections, on every connection.
func (s *Shell) cmdPassive(_ context.Context, args []string) error {
	if len(args) == 1 && strings.EqualFold(args[0], "auto") {
		args = []string{"on"}
	}
	if err := setToggle(&s.set.passive, args); err != nil {
		return err
	}
	for _, c := range []*conn{s.main, s.proxy} {
		if c != nil && c.remote != nil {
			c.remote.SetPassive(s.set.passive)
		}
	}
	s.printf("Passive mode %s.\n", onOff(s.set.passive))
	return nil
}
