package session

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Reply codes ftpane acts on (RFC 959, 2228, 2428, 3659).
const (
	codeRestartMarker    = 110
	codeAlreadyOpen      = 125
	codeAboutToSend      = 150
	codeCommandOK        = 200
	codeNotImplementedOK = 202
	codeSystem           = 211
	codeFileStatus       = 213
	codeReady            = 220
	codeClosingData      = 226
	codePassive          = 227
	codeExtPassive       = 229
	codeLoggedIn         = 230
	codeAuthOK           = 234
	codeFileActionOK     = 250
	codePathCreated      = 257
	codeNeedPassword     = 331
	codeNeedAccount      = 332
	codePending          = 350
	codeTooMany          = 421
	codeCantOpenData     = 425
	codeTransferAborted  = 426
	codeSyntax           = 500
	codeNotImplemented   = 502
	codeNotLoggedIn      = 530
	codeUnavailable      = 550
	codeQuotaExceeded    = 552
)

// Reply is one complete server reply: its code and every line as sent
// (a multi-line reply keeps its first and last line and all between).
type Reply struct {
	Code  int
	Lines []string
}

// Text is the reply without its code: the lines joined, the leading
// "NNN " or "NNN-" of the first and last line removed.
func (r Reply) Text() string {
	out := make([]string, 0, len(r.Lines))
	for i, l := range r.Lines {
		if (i == 0 || i == len(r.Lines)-1) && len(l) >= 3 && l[:3] == strconv.Itoa(r.Code) {
			l = strings.TrimLeft(l[3:], " -")
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// String is the reply as the server sent it.
func (r Reply) String() string { return strings.Join(r.Lines, "\n") }

// Positive reports a 1yz, 2yz or 3yz reply.
func (r Reply) Positive() bool { return r.Code >= 100 && r.Code < 400 }

// ErrBadArgument is returned before anything is sent when a user-supplied
// argument could smuggle a second command onto the control connection.
var ErrBadArgument = errors.New("argument contains a line break (CR or LF) or NUL")

// checkArg rejects text that must never reach the control connection.
func checkArg(args ...string) error {
	for _, a := range args {
		if strings.ContainsAny(a, "\r\n\x00") {
			return fmt.Errorf("%q: %w", a, ErrBadArgument)
		}
	}
	return nil
}

// parseReplyLine splits "NNN-text" / "NNN text" into code and whether more
// lines follow. ok is false when the line does not start a reply.
func parseReplyLine(line string) (code int, more bool, ok bool) {
	if len(line) < 3 {
		return 0, false, false
	}
	c, err := strconv.Atoi(line[:3])
	if err != nil || c < 100 || c > 599 {
		return 0, false, false
	}
	return c, len(line) > 3 && line[3] == '-', true
}
