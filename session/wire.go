package session

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ftpane/ftpane/session/trust"
)

// The wire is the one owner of the control connection's bytes. jlaffaye/ftp
// is dialled with a dial function that hands it the wire as its socket, so
// everything the library sends and reads passes through here. That lets the
// session:
//   - read replies itself between library calls (raw commands, ABOR, STOU),
//     because the library is served at most one reply line per Read and so
//     never buffers bytes past the reply it asked for;
//   - write the transcript with PASS and ACCT masked;
//   - do TLS (explicit and implicit) below the library;
//   - set a deadline on every read and write, so a silent server is an
//     error, never a hang;
//   - answer the library's EPSV/PASV itself: it negotiates the real data
//     connection (EPSV, PASV, EPRT or PORT) and returns a synthetic reply,
//     then hands the prepared connection to the library's dial.
type wire struct {
	tcp     net.Conn // the TCP connection
	conn    net.Conn // tcp, or TLS over it
	br      *bufio.Reader
	timeout time.Duration
	trace   TraceFunc

	out     []byte     // whole reply lines queued for the library
	wbuf    []byte     // a partial command line written by the library
	lastCmd string     // verb of the last command the library sent
	codec   *nameCodec // names for a server that is not UTF-8; nil: none
	account string     // sent when the server answers PASS with 332
	feats   map[string]string
	utf8On  bool // the server accepted OPTS UTF8 ON

	passive bool
	dataTLS *tls.Config // non-nil after PROT P
	noEPSV  bool
	noEPRT  bool
	// pipelineEPSV: EPSV worked here, so the next ones are sent in one
	// packet with their transfer command; pendingEPSV is the data
	// connection waiting for that command. noPipeline: a pipelined EPSV
	// failed, never again on this connection.
	pipelineEPSV bool
	noPipeline   bool
	pendingEPSV  *dataConn
	next         *dataConn // prepared for the library's next data dial
	dataErr      error     // why the last preparation failed
	serverIP     net.IP

	mu          sync.Mutex // guards cur and closed against interrupt
	cur         *dataConn  // the data connection in use
	interrupted atomic.Bool
	broken      bool // state unknown: the session must reconnect
}

// maxReplyBytes bounds one reply (STAT of a big folder is long, but a
// hostile server must not make us buffer without limit).
const (
	maxLineBytes  = 64 << 10
	maxReplyBytes = 64 << 20
)

func newWire(tcp net.Conn, timeout time.Duration, trace TraceFunc) *wire {
	if trace == nil {
		trace = func(TraceDir, string) {}
	}
	w := &wire{tcp: tcp, conn: tcp, timeout: timeout, trace: trace,
		feats: map[string]string{}, passive: true}
	w.br = bufio.NewReaderSize(tcp, 32<<10)
	if a, ok := tcp.RemoteAddr().(*net.TCPAddr); ok {
		w.serverIP = a.IP
	}
	return w
}

// readLine reads one line without its line end, bounded in length.
func (w *wire) readLine() (string, error) {
	var buf []byte
	for {
		chunk, err := w.br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxLineBytes {
			return "", fmt.Errorf("server reply line longer than %d bytes", maxLineBytes)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF {
				err = ErrConnClosed
			}
			return "", err
		}
		return w.codec.decode(strings.TrimRight(string(buf), "\r\n")), nil
	}
}

// Network failures, wrapped with %w wherever they surface, so callers
// (the transfer queue's retry logic) can tell a broken connection from a
// server's refusal with errors.Is.
var (
	// ErrConnClosed: the server closed the control connection.
	ErrConnClosed = errors.New("connection closed by server")
	// ErrTimeout: the server sent nothing within the operation's deadline.
	ErrTimeout = errors.New("server did not answer")
	// ErrStalled: a data connection carried no bytes within the deadline.
	ErrStalled = errors.New("data connection stalled")
)

// readReply reads one complete reply, single- or multi-line.
func (w *wire) readReply() (Reply, error) { return w.readReplyWithin(w.timeout) }

// readReplyWithin is readReply with its own time limit, for replies that
// come only when a long transfer the client cannot watch has ended.
func (w *wire) readReplyWithin(limit time.Duration) (Reply, error) {
	if err := w.conn.SetReadDeadline(time.Now().Add(limit)); err != nil {
		return Reply{}, err
	}
	if w.interrupted.Load() {
		return Reply{}, errInterrupted
	}
	first, err := w.readLine()
	if err != nil {
		return Reply{}, w.fail(err)
	}
	w.trace(TraceReceived, first)
	code, more, ok := parseReplyLine(first)
	if !ok {
		return Reply{}, w.fail(fmt.Errorf("malformed server reply %q", clip(first)))
	}
	rep := Reply{Code: code, Lines: []string{first}}
	end := first[:3] + " "
	size := len(first)
	for more {
		line, err := w.readLine()
		if err != nil {
			return Reply{}, w.fail(err)
		}
		w.trace(TraceReceived, line)
		rep.Lines = append(rep.Lines, line)
		if size += len(line); size > maxReplyBytes {
			return Reply{}, w.fail(fmt.Errorf("server reply longer than %d bytes", maxReplyBytes))
		}
		more = !(strings.HasPrefix(line, end) || line == first[:3])
	}
	return rep, nil
}

// errInterrupted marks an operation cut short by its context.
var errInterrupted = errors.New("operation interrupted")

// fail marks the connection unusable after a read or write error.
func (w *wire) fail(err error) error {
	w.broken = true
	if w.interrupted.Load() {
		return errInterrupted
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w within %s", ErrTimeout, w.timeout)
	}
	return err
}

// send writes one command line, logging it with secrets masked.
func (w *wire) send(line string) error {
	wireLine, err := w.codec.encode(line)
	if err != nil {
		return err // nothing was sent: the connection is still in step
	}
	if dc := w.pendingEPSV; dc != nil {
		w.pendingEPSV = nil
		return w.sendPipelined(dc, line, wireLine)
	}
	w.trace(TraceSent, maskSecrets(line))
	return w.write(wireLine + "\r\n")
}

// write puts bytes on the control connection within the deadline.
func (w *wire) write(b string) error {
	if err := w.conn.SetWriteDeadline(time.Now().Add(w.timeout)); err != nil {
		return w.fail(err)
	}
	if _, err := io.WriteString(w.conn, b); err != nil {
		return w.fail(err)
	}
	return nil
}

// cmd sends a command of the session's own and reads its reply. Callers
// hold the session lock, so the library is idle.
func (w *wire) cmd(line string) (Reply, error) {
	if err := checkArg(line); err != nil {
		return Reply{}, err
	}
	if err := w.send(line); err != nil {
		return Reply{}, err
	}
	return w.readReply()
}

// maskSecrets hides the argument of PASS and ACCT.
func maskSecrets(line string) string {
	verb, _, _ := strings.Cut(line, " ")
	switch strings.ToUpper(verb) {
	case "PASS", "ACCT":
		return verb + " ****"
	}
	return line
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// startTLS upgrades the control connection after a 234 to AUTH TLS.
func (w *wire) startTLS(conf *tls.Config) error {
	rep, err := w.cmd("AUTH TLS")
	if err != nil {
		return err
	}
	if rep.Code != codeAuthOK {
		return &ReplyError{Op: "AUTH TLS", Code: rep.Code, Msg: rep.Text()}
	}
	if w.br.Buffered() > 0 {
		// Plain-text bytes after 234 would be read as if they came over
		// TLS: the STARTTLS command-injection attack.
		return errors.New("AUTH TLS: server sent unencrypted data after its 234 reply")
	}
	return w.handshake(conf)
}

// handshake runs TLS on the raw connection (also for implicit TLS).
func (w *wire) handshake(conf *tls.Config) error {
	tc := tls.Client(w.tcp, conf)
	_ = w.tcp.SetDeadline(time.Now().Add(w.timeout))
	if err := tc.Handshake(); err != nil {
		return fmt.Errorf("TLS handshake: %w", err)
	}
	w.conn = tc
	w.br.Reset(tc)
	return nil
}

// certificate is the server's certificate on the control connection.
func (w *wire) certificate() trust.Cert {
	tc, ok := w.conn.(*tls.Conn)
	if !ok {
		return trust.Cert{}
	}
	return trust.Describe(tc.ConnectionState())
}

// protectData sends PBSZ 0 and PROT P, so data connections use TLS too.
func (w *wire) protectData(conf *tls.Config) error {
	for _, c := range []string{"PBSZ 0", "PROT P"} {
		rep, err := w.cmd(c)
		if err != nil {
			return err
		}
		if rep.Code != codeCommandOK {
			return &ReplyError{Op: c, Code: rep.Code, Msg: rep.Text()}
		}
	}
	w.dataTLS = conf
	return nil
}

// interrupt cuts whatever blocks now: used when an operation's context ends.
// With control false only the data connection is cut, so the session can
// still abort the transfer politely and go on.
func (w *wire) interrupt(control bool) {
	w.mu.Lock()
	if w.cur != nil {
		w.cur.cut()
	}
	w.mu.Unlock()
	if control {
		w.interrupted.Store(true)
		_ = w.conn.SetDeadline(time.Unix(1, 0))
	}
}

// abortTransfer ends a data transfer the client gave up on. It sends ABOR
// and reads replies up to the first 2yz (426 then 226, a lone 226 when the
// transfer had finished, pure-ftpd's extra 150 line before its 226), then
// resynchronises with PWD. The PWD is not pipelined behind the ABOR:
// pure-ftpd reads the control connection during a transfer and throws away
// whatever follows an ABOR in the same read.
func (w *wire) abortTransfer() error {
	if err := w.send("ABOR"); err != nil {
		return err
	}
	for {
		rep, err := w.readReply()
		if err != nil {
			return err
		}
		if rep.Code >= 200 && rep.Code < 300 {
			break
		}
	}
	return w.resync()
}

// resync sends PWD and discards replies until its 257 arrives.
func (w *wire) resync() error {
	if err := w.send("PWD"); err != nil {
		return err
	}
	for {
		rep, err := w.readReply()
		if err != nil {
			return err
		}
		if rep.Code == codePathCreated {
			return nil
		}
	}
}
