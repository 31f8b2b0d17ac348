package ftpd

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The front end hands the library some commands under another verb, named
// by a marker that starts with a NUL byte. Clients cannot send one (the
// front end refuses NUL), so a marker always comes from the front end.
const (
	// siteMarker prefixes "SITE \x00VERB arg": commands ftpane answers
	// itself once logged in, run by the driver's Site so the library keeps
	// them in order with transfers still finishing.
	siteMarker = "\x00"
	// markerMLSD and markerSTOU are the names of "RETR \x00mlsd" (an MLSD
	// listing ftpane formats, see mlsx.go) and "STOR \x00stou" (a file
	// created under a unique name, see stou.go): the library runs the data
	// connection and the driver serves the content.
	markerMLSD = "\x00mlsd"
	markerSTOU = "\x00stou"
	// contLine starts a line of a reply text that is to be sent as a bare
	// continuation line (" text"), as MLST entries and HELP lists are.
	contLine = "\x00"
)

// handshakeWait bounds the TLS handshake after AUTH TLS.
const handshakeWait = 30 * time.Second

var errPipelinedAuth = errors.New("plaintext commands pipelined after AUTH TLS")

// dispatch answers line itself, or hands it (or its rewrite) to the library.
func (c *frontConn) dispatch(line string) error {
	if strings.IndexByte(line, 0) >= 0 {
		c.reply(codeBadParam, "Command contains a NUL byte: refused")
		return nil
	}
	verb, arg, _ := strings.Cut(line, " ")
	verb = strings.ToUpper(verb)
	loggedIn := c.st.isLoggedIn()
	switch {
	case verb == "AUTH" && c.srv.opts.TLS != nil:
		return c.authTLS(arg)
	case (verb == "USER" || verb == "PASS") && c.srv.opts.RequireTLS && !c.st.isTLS():
		c.reply(codeNotLoggedIn, "TLS required: send AUTH TLS first")
		return nil
	case verb == "XCUP": // RFC 775's name for CDUP
		line = "CDUP"
	case verb == "FEAT":
		c.expect(func() { c.feat = true })
	case isLocal(verb, arg) && loggedIn:
		line = "SITE " + siteMarker + verb + " " + arg
	case isLocal(verb, arg) && answersBeforeLogin(verb):
		code, text := answer(c.st, nil, verb, arg)
		c.reply(code, text)
		return nil
	case (verb == "MLSD" || verb == "STOU") && loggedIn:
		line = c.viaMarker(verb, arg)
	}
	c.pass(line)
	return nil
}

// viaMarker records an MLSD or STOU for the driver and returns the library
// command that runs it.
func (c *frontConn) viaMarker(verb, arg string) string {
	c.st.setPending(verb, arg)
	if verb == "MLSD" {
		c.expect(func() { c.mlsd = true })
		return "RETR " + markerMLSD
	}
	c.expect(func() { c.stou = true })
	return "STOR " + markerSTOU
}

func (c *frontConn) expect(set func()) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	set()
}

// isLocal reports whether ftpane answers the command itself.
func isLocal(verb, arg string) bool {
	switch verb {
	case "HELP", "STRU", "ACCT", "MLST":
		return true
	case "OPTS":
		name, _, _ := strings.Cut(arg, " ")
		return strings.EqualFold(name, "MLST")
	}
	return false
}

// answersBeforeLogin: the local commands that make sense before login; the
// others go to the library, which asks for a login.
func answersBeforeLogin(verb string) bool {
	return verb == "HELP" || verb == "ACCT" || verb == "OPTS"
}

// authTLS runs AUTH TLS (RFC 4217) on the front end, which must keep
// reading commands once they are encrypted.
func (c *frontConn) authTLS(arg string) error {
	switch mech := strings.ToUpper(strings.TrimSpace(arg)); {
	case c.st.isTLS():
		c.reply(codeBadSequence, "Already using TLS")
		return nil
	case c.st.isLoggedIn():
		c.reply(codeBadSequence, "AUTH TLS must come before login")
		return nil
	case mech != "TLS" && mech != "TLS-C" && mech != "SSL" && mech != "TLS-P":
		c.reply(codeParamNotImplemented, fmt.Sprintf("AUTH %s not supported: use AUTH TLS", arg))
		return nil
	case c.r.Buffered() > 0 || len(c.partial) > 0:
		// Bytes sent before our 234 were sent in clear: running them as if
		// they came over TLS would let an attacker inject commands.
		c.srv.log.Warn("refused plaintext after AUTH TLS", "remote", c.raw.RemoteAddr().String())
		c.reply(codeServiceNotAvailable, "Commands sent after AUTH TLS before its reply: closing control connection")
		return errPipelinedAuth
	}
	c.reply(codeAuthOK, "AUTH TLS accepted: start the TLS handshake")
	tc := tls.Server(c.cur, c.srv.opts.TLS)
	tc.SetDeadline(time.Now().Add(handshakeWait))
	if err := tc.Handshake(); err != nil {
		c.srv.log.Info("TLS handshake failed", "remote", c.raw.RemoteAddr().String(), "err", err)
		return fmt.Errorf("AUTH TLS handshake: %w", err)
	}
	tc.SetDeadline(time.Time{})
	c.wmu.Lock()
	c.cur = tc
	c.wmu.Unlock()
	c.r = bufio.NewReaderSize(tc, maxCommandLine)
	c.st.setTLS()
	return nil
}

// rewrite adjusts one reply line from the library (or from answer) on its
// way to the client. Called under wmu.
func (c *frontConn) rewrite(line string) string {
	if len(line) > 4 && line[3] == '-' && strings.HasPrefix(line[4:], contLine) {
		return " " + line[4+len(contLine):]
	}
	switch {
	case c.feat && line == " MLST":
		// RFC 3659 7.8: FEAT names the facts, the selected ones starred.
		line = " MLST " + c.st.selectedFacts().feat()
	case c.stou && strings.HasPrefix(line, "150 "):
		// RFC 1123 4.1.2.9: the 150 reply to STOU names the file.
		line = "150 FILE: " + c.st.uniqueName()
	case c.mlsd:
		line = strings.Replace(line, "Could not access file: ", "Could not list: ", 1)
	case strings.HasPrefix(line, " %s"):
		// The library's STAT of a folder writes a stray "%s" on each line.
		line = " " + line[len(" %s"):]
	case strings.HasPrefix(line, "421 command timeout ("):
		line = fmt.Sprintf("421 Idle timeout (%d seconds): closing control connection", idleSeconds(c.st.idleLimit()))
	}
	if isFinalReply(line) {
		c.feat, c.stou, c.mlsd = false, false, false
	}
	return line
}

// isFinalReply: "ddd text" with a code that is not preliminary (1yz).
func isFinalReply(line string) bool {
	return len(line) >= 4 && line[3] == ' ' && line[0] >= '2' && line[0] <= '5' &&
		isDigit(line[1]) && isDigit(line[2])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
