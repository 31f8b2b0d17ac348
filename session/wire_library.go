package session

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// This half of the wire is what jlaffaye/ftp sees: a net.Conn that serves
// it replies one line at a time and takes its commands, answering EPSV
// and PASV itself.

// queue hands a reply to the library as if the server had sent it.
func (w *wire) queue(rep Reply) {
	for _, l := range rep.Lines {
		w.out = append(w.out, l...)
		w.out = append(w.out, '\r', '\n')
	}
}

// Read serves the library at most one reply line per call, reading a whole
// reply from the server only when nothing is queued.
func (w *wire) Read(p []byte) (int, error) {
	if len(w.out) == 0 {
		rep, err := w.replyForLibrary()
		if err != nil {
			return 0, err
		}
		w.queue(rep)
	}
	n := bytes.IndexByte(w.out, '\n') + 1
	if n == 0 || n > len(p) {
		n = min(len(w.out), len(p))
	}
	copy(p, w.out[:n])
	w.out = w.out[n:]
	return n, nil
}

// replyForLibrary reads the next reply for the library, noting features
// and answering a 332 to PASS with the account.
func (w *wire) replyForLibrary() (Reply, error) {
	rep, err := w.readReply()
	if err != nil {
		return rep, err
	}
	switch {
	case w.lastCmd == "PASS" && rep.Code == codeNeedAccount && w.account != "":
		w.lastCmd = "ACCT"
		return w.cmd("ACCT " + w.account)
	case w.lastCmd == "OPTS" && rep.Code/100 == 2:
		w.utf8On = true // the library sends no other OPTS
	case w.lastCmd == "FEAT" && rep.Code == codeSystem:
		w.feats = parseFeatures(rep)
		// A server that lists EPSV gets the first one pipelined too: a
		// round trip less before the first listing after a login.
		if _, ok := w.feats["EPSV"]; ok && !w.noPipeline {
			w.pipelineEPSV = true
		}
	}
	return rep, nil
}

// parseFeatures reads a FEAT reply: one feature per indented line.
func parseFeatures(rep Reply) map[string]string {
	feats := map[string]string{}
	for _, l := range rep.Lines[1:] {
		if !strings.HasPrefix(l, " ") {
			continue
		}
		name, arg, _ := strings.Cut(strings.TrimSpace(l), " ")
		feats[strings.ToUpper(name)] = arg
	}
	return feats
}

// Write takes the library's command lines. EPSV and PASV are answered here;
// everything else goes to the server.
func (w *wire) Write(p []byte) (int, error) {
	w.wbuf = append(w.wbuf, p...)
	for {
		i := bytes.Index(w.wbuf, []byte("\r\n"))
		if i < 0 {
			return len(p), nil
		}
		line := string(w.wbuf[:i])
		w.wbuf = w.wbuf[i+2:]
		if err := w.libraryCommand(line); err != nil {
			return 0, err
		}
	}
}

func (w *wire) libraryCommand(line string) error {
	verb, _, _ := strings.Cut(line, " ")
	verb = strings.ToUpper(verb)
	if verb == "EPSV" || verb == "PASV" {
		w.prepareForLibrary(verb)
		return nil
	}
	w.lastCmd = verb
	if verb == "NLST" && w.cur != nil {
		w.cur.decodeWith(w.codec) // the library reads names from it
	}
	return w.send(line)
}

// prepareForLibrary opens the data connection the library is about to
// dial and answers its EPSV/PASV with a synthetic reply.
func (w *wire) prepareForLibrary(verb string) {
	w.discardNext()
	dc, err := w.openData()
	if err != nil {
		w.dataErr = err
		w.queue(Reply{Code: codeCantOpenData, Lines: []string{
			fmt.Sprintf("%d %s", codeCantOpenData, strings.ReplaceAll(err.Error(), "\n", " "))}})
		return
	}
	dc.forLibrary = true
	w.next = dc
	if verb == "EPSV" {
		w.queue(Reply{Code: codeExtPassive, Lines: []string{"229 Entering Extended Passive Mode (|||1|)"}})
	} else {
		w.queue(Reply{Code: codePassive, Lines: []string{"227 Entering Passive Mode (127,0,0,1,0,1)"}})
	}
}

// takeData is the library's dial for data connections.
func (w *wire) takeData() (net.Conn, error) {
	dc := w.next
	w.next = nil
	if dc == nil {
		if w.dataErr != nil {
			return nil, w.dataErr
		}
		return nil, errors.New("no data connection was prepared")
	}
	w.setCur(dc)
	return dc, nil
}

func (w *wire) discardNext() {
	if w.next != nil {
		w.next.closeNow()
		w.next = nil
	}
	w.dataErr = nil
}

func (w *wire) setCur(dc *dataConn) {
	w.mu.Lock()
	w.cur = dc
	w.mu.Unlock()
}

// The library sees the wire as its socket.
func (w *wire) Close() error {
	w.discardNext()
	return w.conn.Close()
}
func (w *wire) LocalAddr() net.Addr  { return w.tcp.LocalAddr() }
func (w *wire) RemoteAddr() net.Addr { return w.tcp.RemoteAddr() }

// The wire sets its own deadlines on every read and write.
func (w *wire) SetDeadline(time.Time) error      { return nil }
func (w *wire) SetReadDeadline(time.Time) error  { return nil }
func (w *wire) SetWriteDeadline(time.Time) error { return nil }
