package ftpd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// maxCommandLine is the longest command line accepted, as in the library.
const maxCommandLine = 4096

var errLineTooLong = errors.New("command line too long")

// frontConn is a control connection as ftpserverlib sees it: the front end
// that answers or rewrites the commands the library cannot handle (its
// command table is a closed package variable, so there is no other hook)
// before handing it the rest, and adjusts a few of its replies on the way
// back. It owns the control connection's TLS, so it can read the commands
// after AUTH TLS; and its read deadlines, for the login timeout and SITE
// IDLE.
//
// Read is called by the session's one command goroutine only; Write from
// that goroutine and from transfers, serialised by wmu.
type frontConn struct {
	srv     *Server
	st      *ctrl
	raw     net.Conn      // the accepted connection, for its addresses
	cur     net.Conn      // raw, or TLS over it; replaced only by Read, under wmu
	r       *bufio.Reader // reads cur
	partial []byte        // a command line read in part
	in      bytes.Buffer  // whole command lines for the library
	loginBy time.Time

	wmu sync.Mutex
	out []byte // library output not yet a whole line
	// Replies to adjust, set when the command is handed on and cleared at
	// the next final reply.
	feat, stou, mlsd bool

	closeOnce sync.Once
	onClose   func()
}

func newFrontConn(s *Server, conn net.Conn, st *ctrl, loginBy time.Time) *frontConn {
	return &frontConn{srv: s, st: st, raw: conn, cur: conn, r: bufio.NewReaderSize(conn, maxCommandLine), loginBy: loginBy}
}

// Read hands the library the next command it should run, answering the
// ones ftpane handles itself in between.
func (c *frontConn) Read(p []byte) (int, error) {
	for c.in.Len() == 0 {
		line, err := c.readLine()
		if err != nil {
			return 0, err
		}
		if err := c.dispatch(line); err != nil {
			return 0, err
		}
	}
	return c.in.Read(p)
}

// readLine reads one command line, without its line end. A client that has
// not logged in by its login deadline is told so and disconnected; other
// timeouts go to the library, which keeps a session with a transfer running
// and closes an idle one.
func (c *frontConn) readLine() (string, error) {
	for {
		c.cur.SetReadDeadline(c.readDeadline())
		chunk, err := c.r.ReadSlice('\n')
		c.partial = append(c.partial, chunk...)
		if len(c.partial) > maxCommandLine {
			c.reply(codeSyntax, "Command line too long: closing control connection")
			return "", errLineTooLong
		}
		switch {
		case err == nil:
			line := strings.TrimRight(string(c.partial), "\r\n")
			c.partial = c.partial[:0]
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case isTimeout(err) && c.loginExpired():
			c.srv.log.Info("login timeout", "remote", c.raw.RemoteAddr().String())
			c.reply(codeServiceNotAvailable, fmt.Sprintf("Login timeout (%d seconds): closing control connection",
				idleSeconds(c.srv.opts.LoginTimeout)))
			return "", io.EOF
		default:
			return "", err
		}
	}
}

func (c *frontConn) readDeadline() time.Time {
	d := time.Now().Add(c.st.idleLimit())
	if !c.st.isLoggedIn() && c.loginBy.Before(d) {
		d = c.loginBy
	}
	return d
}

func (c *frontConn) loginExpired() bool {
	return !c.st.isLoggedIn() && !time.Now().Before(c.loginBy)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// pass hands a command line to the library.
func (c *frontConn) pass(line string) {
	c.in.WriteString(line)
	c.in.WriteString("\r\n")
}

// reply writes a reply of ftpane's own; text may have several lines.
func (c *frontConn) reply(code int, text string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	var buf []byte
	for _, line := range replyLines(code, text) {
		buf = append(append(buf, c.rewrite(line)...), '\r', '\n')
	}
	c.cur.Write(buf)
}

// replyLines formats a reply as RFC 959 multi-line text: "code-" on every
// line but the last, "code " on the last. A line starting with contLine is
// written as a bare continuation line (" text") instead.
func replyLines(code int, text string) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, len(lines))
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		out[i] = fmt.Sprintf("%d%s%s", code, sep, l)
	}
	return out
}

// Write takes the library's replies, adjusts the ones that need it a line
// at a time, and sends them on.
func (c *frontConn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.out = append(c.out, p...)
	var buf []byte
	for {
		i := bytes.Index(c.out, []byte("\r\n"))
		if i < 0 {
			break
		}
		buf = append(append(buf, c.rewrite(string(c.out[:i]))...), '\r', '\n')
		c.out = c.out[i+2:]
	}
	if len(buf) > 0 {
		if _, err := c.cur.Write(buf); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Close closes the connection (TLS included) and frees its place in the
// connection limits.
func (c *frontConn) Close() error {
	c.wmu.Lock()
	conn := c.cur
	c.wmu.Unlock()
	err := conn.Close()
	c.closeOnce.Do(func() {
		if c.onClose != nil {
			c.onClose()
		}
	})
	return err
}

func (c *frontConn) LocalAddr() net.Addr  { return c.raw.LocalAddr() }
func (c *frontConn) RemoteAddr() net.Addr { return c.raw.RemoteAddr() }

// SetDeadline keeps the library's write deadline; the read deadline is the
// front end's (readDeadline), set before each read.
func (c *frontConn) SetDeadline(t time.Time) error      { return c.SetWriteDeadline(t) }
func (c *frontConn) SetReadDeadline(time.Time) error    { return nil }
func (c *frontConn) SetWriteDeadline(t time.Time) error { return c.curConn().SetWriteDeadline(t) }

func (c *frontConn) curConn() net.Conn {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.cur
}
