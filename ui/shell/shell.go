package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// ErrQuit is returned by Run for bye and quit: the front end should end.
var ErrQuit = errors.New("quit")

// Options are what a front end hands the interpreter.
type Options struct {
	// Out receives everything the commands print. It may be written from
	// the goroutine that runs a transfer, never concurrently with itself.
	Out io.Writer
	// Prompter asks the user (per-file confirmation, user name, password).
	// Nil answers yes to confirmations and fails when a line is needed.
	Prompter Prompter
	// Queue runs every copy (get, put, their m-forms, mirror); its own
	// connections carry them, so the TUI's pane stays free to browse.
	// Nil (batch mode): the shell makes an in-memory queue of its own,
	// and single copies run on the shell's connection, as classic ftp's
	// one connection (the shell waits for them anyway).
	Queue *transfer.Queue
	// Dial connects and logs in. Nil: session.Dial.
	Dial session.RemoteDialFunc
	// Template gives open's connections what a host name cannot say: the
	// TLS mode (when the URL does not), certificate roots, --insecure,
	// timeouts and keepalive. Its host is ignored.
	Template session.Config
	// OnEvent receives the events of every connection the shell makes
	// (reconnected, insecure). Nil: none are reported.
	OnEvent func(session.Event)
	// LocalDir is the local working directory; "" is the process's.
	LocalDir string
	// NetrcPath is the netrc file for auto-login and macros ("" : none).
	NetrcPath string

	Verbose  bool // -v: show every server reply
	Debug    bool // -d: also show every command sent
	NoPrompt bool // -i: no per-file prompting
	NoNetrc  bool // -n: no auto-login from netrc
	NoGlob   bool // -g: no filename globbing
	// Batch says there is no TUI and no terminal: `!` without a command
	// (an interactive shell) is refused with a message.
	Batch bool
	// OnLocalDir is called when lcd changes the local directory, so the
	// TUI's local pane can follow. Nil: nothing is told.
	OnLocalDir func(dir string)
	// Shell runs `!` commands: nil runs them with sh -c in LocalDir with
	// Out as output.
	Shell func(ctx context.Context, dir, command string) error
	// Sites resolves open @name, Themer serves theme (sites.go); nil: none.
	Sites  SiteLookup
	Themer Themer
	// Rate is the bandwidth limit of the queue the shell makes itself
	// (batch mode), in bytes per second; 0: none. A given Queue keeps
	// its own.
	Rate int64
}

// Shell is one interpreter: its connections, settings and macros. Run is
// not safe for concurrent use; a front end runs one line at a time.
type Shell struct {
	opts Options
	// out is the output as it is: only bytes that must stay as received
	// (get file -) and ftpane's own progress lines go there directly.
	out *syncWriter
	// text is out through the sanitiser: everything else, server replies
	// and names above all, is printed here (printf).
	text   *syncWriter
	prompt Prompter
	q      *transfer.Queue
	ownQ   bool // q was made by New and is closed by Close
	dial   session.RemoteDialFunc
	fxp    func(context.Context, *session.Remote, string, *session.Remote, string) error
	lcwd   string

	main, proxy *conn
	cur         *conn // main, or proxy while a `proxy cmd` runs

	set    settings
	macros map[string][]string
	def    *macroDef // macdef being read: the next lines are its body
	depth  int       // macro nesting, bounded
	// hashLine is set while a line of hash marks is open, so that a reply
	// printed meanwhile starts on a new line.
	hashLine atomic.Bool
	// replies are the last final reply lines the transcript printed in
	// the current command: an error quoting one of them was shown.
	replies printedReplies
	live    atomic.Pointer[liveCopy]
	// syncDir is the pane's folder the attached connection must be in
	// before the next command ("": nothing to do).
	syncDir   string
	proxySync string // the same for the attached proxy connection

	// watcher is the screen's folder watch (watch.go); nil in batch mode.
	watcher Watcher
}

// New builds an interpreter. Nothing is dialled until open (or Connect).
func New(opts Options) *Shell {
	s := &Shell{opts: opts, out: &syncWriter{w: opts.Out}, prompt: opts.Prompter,
		q: opts.Queue, dial: opts.Dial, fxp: session.FXP, macros: map[string][]string{}}
	if s.out.w == nil {
		s.out.w = io.Discard
	}
	s.text = &syncWriter{w: textsafe.NewWriter(s.out)}
	if s.prompt == nil {
		s.prompt = yesPrompter{}
	}
	if s.q == nil {
		s.q, s.ownQ = newQueue(defaultMirrorParallel), true
		s.q.SetRate(opts.Rate)
	}
	if s.dial == nil {
		s.dial = session.Dial
	}
	s.lcwd = opts.LocalDir
	if s.lcwd == "" {
		s.lcwd, _ = os.Getwd()
	}
	s.set.init(opts)
	s.main = &conn{name: "main"}
	s.cur = s.main
	return s
}

// LocalDir is the interpreter's local working directory (lcd changes it).
func (s *Shell) LocalDir() string { return s.lcwd }

// SetLocalDir changes the local working directory, as the TUI does when
// the local pane moves.
func (s *Shell) SetLocalDir(dir string) { s.lcwd = dir }

// Remote is the main connection, or nil when not logged in.
func (s *Shell) Remote() *session.Remote { return s.main.remote }

// Close ends every connection.
func (s *Shell) Close() error {
	err := s.main.close()
	if s.proxy != nil {
		err = errors.Join(err, s.proxy.close())
	}
	if s.ownQ {
		err = errors.Join(err, s.q.Close())
	}
	return err
}

// newQueue is a queue for a shell without a screen: in memory (batch
// mode keeps no journal), workers as many connections as a mirror may
// use, no events kept (nobody shows them; Wait reads states), and no
// segmented downloads.
func newQueue(workers int) *transfer.Queue {
	// One stream per file, as classic ftp's get and lftp's: on a fast
	// link segments on several connections take longer (2.2x lftp's time
	// for 1 GiB on loopback).
	q, _ := transfer.New(transfer.Options{NoJournal: true, NoEvents: true, Workers: workers, Segments: 1})
	return q
}

// printf writes to the output through the sanitiser: a control
// character or bidi override in a reply or a name shows as an escape and
// never acts on the terminal (or on whoever reads a log file later).
func (s *Shell) printf(format string, args ...any) {
	fmt.Fprintf(s.text, format, args...)
}

// rawf writes ftpane's own text unescaped: progress lines that return
// the cursor with CR. Never give it outside text.
func (s *Shell) rawf(format string, args ...any) {
	fmt.Fprintf(s.out, format, args...)
}

// syncWriter serialises writes from the shell and from transfer goroutines
// (server replies traced while an upload runs).
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
