package session

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// openData negotiates a data connection for the next transfer command:
// passive (EPSV, falling back to PASV) or active (EPRT, falling back to
// PORT). In passive mode the connection is dialled now; in active mode it is
// accepted, and TLS is shaken hands, lazily on first use, because the server
// connects only after it has the transfer command.
func (w *wire) openData() (*dataConn, error) {
	if w.passive {
		return w.openPassive()
	}
	return w.openActive()
}

func (w *wire) openPassive() (*dataConn, error) {
	if w.pipelineEPSV {
		// EPSV goes out with the transfer command (send), saving a round
		// trip per file: the server answers both, in order.
		dc := &dataConn{w: w, tlsConf: w.dataTLS}
		w.pendingEPSV = dc
		return dc, nil
	}
	port, err := w.epsvPort()
	if err != nil {
		return nil, err
	}
	epsv := port != 0
	if !epsv {
		if port, err = w.pasvPort(); err != nil {
			return nil, err
		}
	}
	c, err := w.dialData(port)
	if err != nil {
		return nil, err
	}
	w.pipelineEPSV = epsv && !w.noPipeline
	return &dataConn{w: w, raw: c, tlsConf: w.dataTLS}, nil
}

// dialData connects to the server's passive port. The address in a PASV
// reply is never trusted: the data connection goes to the control
// connection's peer (no SSRF, no NAT confusion).
func (w *wire) dialData(port int) (net.Conn, error) {
	addr := net.JoinHostPort(w.serverIP.String(), strconv.Itoa(port))
	// No TCP keepalive: the wire's deadlines catch a dead data connection,
	// and a mirror of small files would pay its setsockopt calls per file.
	d := net.Dialer{Timeout: w.timeout, KeepAlive: -1}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("data connection to %s: %w", addr, err)
	}
	w.trace(TraceInfo, "data connection to "+addr)
	return c, nil
}

// sendPipelined writes EPSV and line in one packet, reads EPSV's reply and
// dials the data connection, leaving line's reply for the caller. Only
// used once an EPSV on this connection has worked. When EPSV fails anyway,
// line's reply (the server's "use PASV first") is read and dropped, the
// data connection is negotiated the slow way, and line is sent again.
func (w *wire) sendPipelined(dc *dataConn, line, wireLine string) error {
	w.trace(TraceSent, "EPSV")
	w.trace(TraceSent, maskSecrets(line))
	if err := w.write("EPSV\r\n" + wireLine + "\r\n"); err != nil {
		return err
	}
	rep, err := w.readReply()
	if err != nil {
		return err
	}
	if rep.Code == codeExtPassive {
		port, perr := parseEPSV(rep.Text())
		var c net.Conn
		if perr == nil {
			c, perr = w.dialData(port)
		}
		if perr != nil {
			// The server now waits for a connection that will not come.
			w.broken = true
			return perr
		}
		return dc.attach(c)
	}
	w.pipelineEPSV, w.noPipeline = false, true
	second, err := w.readReply()
	if err != nil {
		return err
	}
	if second.Code < 200 {
		w.broken = true // a transfer started without a data connection
		return &ReplyError{Op: "EPSV", Code: rep.Code, Msg: rep.Text()}
	}
	fresh, err := w.openPassive()
	if err != nil {
		return err
	}
	if err := dc.attach(fresh.raw); err != nil {
		return err
	}
	return w.send(line)
}

// epsvPort returns 0 (and no error) when the server has no EPSV.
func (w *wire) epsvPort() (int, error) {
	if w.noEPSV {
		return 0, nil
	}
	rep, err := w.cmd("EPSV")
	if err != nil {
		return 0, err
	}
	if rep.Code != codeExtPassive {
		w.noEPSV = true
		return 0, nil
	}
	return parseEPSV(rep.Text())
}

func parseEPSV(text string) (int, error) {
	i := strings.Index(text, "(")
	j := strings.LastIndex(text, ")")
	if i < 0 || j < i+5 {
		return 0, fmt.Errorf("malformed EPSV reply %q", clip(text))
	}
	inner := text[i+1 : j] // |||port|
	d := inner[:1]
	parts := strings.Split(inner, d)
	if len(parts) != 5 {
		return 0, fmt.Errorf("malformed EPSV reply %q", clip(text))
	}
	p, err := strconv.Atoi(parts[3])
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("malformed EPSV port in %q", clip(text))
	}
	return p, nil
}

func (w *wire) pasvPort() (int, error) {
	rep, err := w.cmd("PASV")
	if err != nil {
		return 0, err
	}
	if rep.Code != codePassive {
		return 0, &ReplyError{Op: "PASV", Code: rep.Code, Msg: rep.Text()}
	}
	return parsePASV(rep.Text())
}

func parsePASV(text string) (int, error) {
	// "Entering Passive Mode (h1,h2,h3,h4,p1,p2)"; some servers omit the
	// parentheses, so take the last run of six comma-separated numbers.
	start := strings.LastIndexAny(text, "( ")
	if i := strings.Index(text, "("); i >= 0 {
		start = i
	}
	s := strings.Trim(text[start+1:], "). \r\n")
	parts := strings.Split(s, ",")
	if len(parts) != 6 {
		return 0, fmt.Errorf("malformed PASV reply %q", clip(text))
	}
	p1, err1 := strconv.Atoi(strings.TrimSpace(parts[4]))
	p2, err2 := strconv.Atoi(strings.TrimSpace(parts[5]))
	if err1 != nil || err2 != nil || p1 < 0 || p1 > 255 || p2 < 0 || p2 > 255 || p1*256+p2 == 0 {
		return 0, fmt.Errorf("malformed PASV port in %q", clip(text))
	}
	return p1*256 + p2, nil
}

func (w *wire) openActive() (*dataConn, error) {
	local := w.tcp.LocalAddr().(*net.TCPAddr)
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: local.IP})
	if err != nil {
		return nil, fmt.Errorf("active mode: listen on %s: %w", local.IP, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := w.announcePort(local.IP, port); err != nil {
		ln.Close()
		return nil, err
	}
	w.trace(TraceInfo, fmt.Sprintf("waiting for the server's data connection on %s", ln.Addr()))
	return &dataConn{w: w, ln: ln, tlsConf: w.dataTLS}, nil
}

// announcePort sends EPRT, or PORT when the server has no EPRT.
func (w *wire) announcePort(ip net.IP, port int) error {
	ip4 := ip.To4()
	if !w.noEPRT || ip4 == nil {
		fam := 2
		if ip4 != nil {
			fam = 1
		}
		rep, err := w.cmd(fmt.Sprintf("EPRT |%d|%s|%d|", fam, ip, port))
		if err != nil {
			return err
		}
		if rep.Code == codeCommandOK {
			return nil
		}
		if ip4 == nil || rep.Code < codeSyntax {
			return &ReplyError{Op: "EPRT", Code: rep.Code, Msg: rep.Text()}
		}
		w.noEPRT = true
	}
	rep, err := w.cmd(fmt.Sprintf("PORT %d,%d,%d,%d,%d,%d", ip4[0], ip4[1], ip4[2], ip4[3], port>>8, port&0xff))
	if err != nil {
		return err
	}
	if rep.Code != codeCommandOK {
		return &ReplyError{Op: "PORT", Code: rep.Code, Msg: rep.Text()}
	}
	return nil
}
