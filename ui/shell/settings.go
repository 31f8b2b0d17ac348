package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ftpane/ftpane/session"
)

// settings are the interpreter's toggles and transfer parameters. They
// outlive connections: a new connection gets the current type and mode.
type settings struct {
	hash     bool
	hashSize int
	tick     bool
	bell     bool
	prompt   bool
	glob     bool
	cr       bool
	passive  bool
	sendport bool

	typeName string // ascii, binary, image, tenex, ebcdic
	mode     string // stream, block, compress
	stru     string // file, record, page
	form     string // non-print

	mcase            bool
	runique, sunique bool
	ntransOn         bool
	ntransIn         string
	ntransOut        string
	nmapOn           bool
	nmapIn, nmapOut  string
	restart          int64 // next get/put starts here; 0: from the start
	retries          int   // tries after the first for a copy that broke

	// read by the trace callback from transfer goroutines
	verbose atomic.Bool
	debug   atomic.Int32
	trace   atomic.Bool
}

func (s *settings) init(o Options) {
	*s = settings{hashSize: 1024, prompt: !o.NoPrompt, glob: !o.NoGlob, cr: true,
		passive: !o.Template.Active, sendport: true, typeName: "binary", mode: "stream", stru: "file",
		form: "non-print", retries: defaultRetries}
	s.verbose.Store(o.Verbose)
	if o.Debug {
		s.debug.Store(1)
	}
}

// onOff is the classic "Name on." / "Name off." report of a toggle.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// setToggle flips *p, or sets it from an "on"/"off" argument.
func setToggle(p *bool, args []string) error {
	if len(args) == 0 {
		*p = !*p
		return nil
	}
	switch strings.ToLower(args[0]) {
	case "on":
		*p = true
	case "off":
		*p = false
	default:
		return fmt.Errorf("%q: expected on or off", args[0])
	}
	return nil
}

// toggle builds the handler of a plain on/off command.
func toggle(label string, field func(*settings) *bool) func(*Shell, context.Context, []string) error {
	return func(s *Shell, _ context.Context, args []string) error {
		p := field(&s.set)
		if err := setToggle(p, args); err != nil {
			return err
		}
		s.printf("%s %s.\n", label, onOff(*p))
		return nil
	}
}

// cmdHash toggles hash marks, or sets the bytes per mark.
func (s *Shell) cmdHash(_ context.Context, args []string) error {
	if len(args) == 1 && args[0] != "on" && args[0] != "off" {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 1 {
			return fmt.Errorf("hash: bad size %q: expected on, off or a number of bytes", args[0])
		}
		s.set.hash, s.set.hashSize = true, n
	} else if err := setToggle(&s.set.hash, args); err != nil {
		return err
	}
	s.printf("Hash mark printing %s (%d bytes/hash mark).\n", onOff(s.set.hash), s.set.hashSize)
	return nil
}

func (s *Shell) cmdVerbose(_ context.Context, args []string) error {
	v := s.set.verbose.Load()
	if err := setToggle(&v, args); err != nil {
		return err
	}
	s.set.verbose.Store(v)
	s.printf("Verbose mode %s.\n", onOff(v))
	return nil
}

// cmdDebug toggles debugging, or sets its level (0 turns it off).
func (s *Shell) cmdDebug(_ context.Context, args []string) error {
	level := int32(0)
	if s.set.debug.Load() == 0 {
		level = 1
	}
	if len(args) == 1 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			return fmt.Errorf("debug: bad level %q: expected a number, 0 turns it off", args[0])
		}
		level = int32(n)
	}
	s.set.debug.Store(level)
	s.printf("Debugging %s (debug=%d).\n", onOff(level > 0), level)
	return nil
}

func (s *Shell) cmdTrace(_ context.Context, args []string) error {
	v := s.set.trace.Load()
	if err := setToggle(&v, args); err != nil {
		return err
	}
	s.set.trace.Store(v)
	s.printf("Packet tracing %s.\n", onOff(v))
	return nil
}

// traceFunc writes the transcript as classic ftp does: replies when
// verbose, commands too when debugging, data-connection notes when tracing.
func (s *Shell) traceFunc(dir session.TraceDir, line string) {
	switch dir {
	case session.TraceSent:
		if s.set.debug.Load() == 0 {
			return
		}
	case session.TraceReceived:
		if !s.set.verbose.Load() {
			return
		}
	default:
		if !s.set.trace.Load() {
			return
		}
	}
	if dir == session.TraceReceived {
		s.catchUp()
	}
	if s.hashLine.Swap(false) {
		fmt.Fprintln(s.text)
	}
	fmt.Fprintf(s.text, "%s%s\n", dir.Prefix(), line)
	if dir == session.TraceReceived {
		s.replies.add(line)
	}
}
