package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"

	"github.com/ftpane/ftpane/session/netrc"
	"github.com/ftpane/ftpane/session/sites"
	"github.com/ftpane/ftpane/ui/shell"
	"github.com/ftpane/ftpane/ui/textsafe"
)

// runBatch runs ftp commands from the -b file or standard input, printing
// like classic ftp. It returns 0 when every command succeeded, 1 when one
// failed, 2 when the script cannot be read.
//
// Prompts (per-file questions, passwords) are asked on the terminal when
// the script comes from -b FILE and standard input is a terminal;
// otherwise per-file questions are answered yes and a missing password
// fails the login with a message.
func runBatch(a clientArgs) int {
	// Errors quote servers (a 550's text, a name): escaped like the
	// output, which the shell escapes itself.
	a.Stderr = textsafe.NewWriter(a.Stderr)
	in := a.Stdin
	var prompter shell.Prompter
	if a.Batch != "" {
		f, err := os.Open(a.Batch)
		if err != nil {
			fmt.Fprintf(a.Stderr, "ftpane: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
		if tty, ok := a.Stdin.(*os.File); ok {
			if p := shell.NewTermPrompter(tty, a.Stdout); p != nil {
				prompter = p
			}
		}
	}
	if a.NetrcNote != "" {
		fmt.Fprintf(a.Stderr, "ftpane: ~/.netrc not used: %s\n", a.NetrcNote)
	}
	template := a.Template
	if a.Remote != nil {
		template = *a.Remote
	}
	// Output to a file or pipe is buffered and flushed after each command
	// (a mirror prints a line per file); a terminal sees it as it comes.
	out := &flushWriter{w: a.Stdout}
	if prompter == nil && !isTerminalWriter(a.Stdout) {
		out.buf = bufio.NewWriterSize(a.Stdout, 64<<10)
	}
	defer out.flush()
	sh := shell.New(shell.Options{Template: template, OnEvent: warnInsecure(a.Stderr), Out: out, Prompter: prompter, Verbose: a.Verbose,
		Sites: sites.Lookup(sites.Path(xdg.ConfigHome), a.Keyring, netrcPath(a.NoNetrc, os.Getenv)),
		Debug: a.Debug, NoPrompt: a.NoPrompt, NoNetrc: a.NoNetrc, NoGlob: a.NoGlob,
		NetrcPath: batchNetrc(a), Batch: prompter == nil, Rate: a.Settings.queueOptions().Rate})
	defer sh.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := false
	if a.Remote != nil {
		err := sh.Connect(ctx, *a.Remote)
		out.flush()
		failed = report(a.Stderr, err)
	}
	if runScript(ctx, sh, in, a.Stderr, out.flush) {
		failed = true
	}
	if failed {
		return 1
	}
	return 0
}

// runScript runs each line of in; it reports whether any failed. flush
// runs after each command, before its error is reported.
func runScript(ctx context.Context, sh *shell.Shell, in io.Reader, stderr io.Writer, flush func()) bool {
	failed := false
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		err := sh.Run(ctx, strings.TrimSuffix(sc.Text(), "\r"))
		flush()
		if errors.Is(err, shell.ErrQuit) {
			return failed
		}
		if report(stderr, err) {
			failed = true
		}
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "ftpane: interrupted")
			return true
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "ftpane: reading commands: %v\n", err)
		return true
	}
	if sh.Defining() {
		sh.Run(ctx, "") // the end of the script ends a macdef
		flush()
	}
	return failed
}

// report prints a failed command's reason (unless the server's reply
// already said it) and reports whether it failed.
func report(w io.Writer, err error) bool {
	if err == nil {
		return false
	}
	if !shell.Shown(err) {
		fmt.Fprintln(w, err)
	}
	return true
}

// batchNetrc is the netrc file for open and macros, "" with -n.
func batchNetrc(a clientArgs) string {
	if a.NoNetrc {
		return ""
	}
	return netrc.DefaultPath()
}

// flushWriter is batch mode's output: buf when buffered, else w itself.
// A transfer's goroutine may write while the script goes on.
type flushWriter struct {
	mu  sync.Mutex
	w   io.Writer
	buf *bufio.Writer
}

func (f *flushWriter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.buf != nil {
		return f.buf.Write(p)
	}
	return f.w.Write(p)
}

func (f *flushWriter) flush() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.buf != nil {
		_ = f.buf.Flush()
	}
}

// isTerminalWriter reports whether w is an interactive terminal.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
