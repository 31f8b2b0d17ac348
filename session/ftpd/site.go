package ftpd

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
)

// minIdle is the lowest idle limit SITE IDLE accepts.
const minIdle = 30 * time.Second

var _ ftpserver.ClientDriverExtensionSite = (*sessionFs)(nil)

// Site answers the SITE subcommands ftpane adds (IDLE, UMASK, HELP) and the
// commands the front end routes through SITE (siteMarker). Nil leaves the
// library's own (CHMOD, MKDIR, RMDIR, ...).
func (s *sessionFs) Site(param string) *ftpserver.AnswerCommand {
	if rest, ok := strings.CutPrefix(param, siteMarker); ok {
		verb, arg, _ := strings.Cut(rest, " ")
		code, text := answer(s.ctl, s, verb, arg)
		return &ftpserver.AnswerCommand{Code: code, Message: text}
	}
	sub, arg, _ := strings.Cut(strings.TrimSpace(param), " ")
	arg = strings.TrimSpace(arg)
	var code int
	var text string
	switch strings.ToUpper(sub) {
	case "IDLE":
		code, text = s.siteIdle(arg)
	case "UMASK":
		code, text = s.siteUmask(arg)
	case "HELP":
		code, text = helpSite()
	default:
		return nil
	}
	return &ftpserver.AnswerCommand{Code: code, Message: text}
}

// answer is the reply to a command the front end does not hand the library
// as it is. sfs is nil before login.
func answer(st *ctrl, sfs *sessionFs, verb, arg string) (int, string) {
	switch verb {
	case "HELP":
		return help(arg)
	case "STRU":
		return stru(arg)
	case "ACCT":
		return codeSuperfluous, "ACCT not needed: this server has no accounts"
	case "OPTS":
		_, facts, _ := strings.Cut(arg, " ")
		f := parseFacts(facts)
		st.setFacts(f)
		return codeOK, strings.TrimRight("MLST OPTS "+f.opts(), " ")
	case "MLST":
		if sfs != nil {
			return sfs.mlst(arg)
		}
	}
	return codeNotImplemented, verb + " not implemented"
}

// stru accepts RFC 959's minimum, file structure.
func stru(arg string) (int, string) {
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "F":
		return codeOK, "Structure set to F (file)"
	case "R", "P":
		return codeParamNotImplemented, "Only STRU F (file structure) is supported"
	}
	return codeBadParam, fmt.Sprintf("STRU %q: structure must be F, R or P", arg)
}

// siteIdle shows or sets this session's idle limit: a client may lower it
// (a shared server's limit stays the most it can ask for).
func (s *sessionFs) siteIdle(arg string) (int, string) {
	limit := s.maxIdle
	if arg == "" {
		return codeOK, fmt.Sprintf("Current idle time limit is %d seconds; max %d",
			idleSeconds(s.ctl.idleLimit()), idleSeconds(limit))
	}
	low := min(minIdle, limit)
	n, err := strconv.Atoi(arg)
	if err != nil || time.Duration(n)*time.Second < low || time.Duration(n)*time.Second > limit {
		return codeBadParam, fmt.Sprintf("SITE IDLE takes seconds from %d to %d", idleSeconds(low), idleSeconds(limit))
	}
	s.ctl.setIdle(time.Duration(n) * time.Second)
	return codeOK, fmt.Sprintf("Maximum idle time set to %d seconds", n)
}

// siteUmask shows or sets the mask applied to the modes of files (0666)
// and folders (0777) this session creates.
func (s *sessionFs) siteUmask(arg string) (int, string) {
	old := fs.FileMode(s.umask.Load())
	if arg == "" {
		return codeOK, fmt.Sprintf("Current UMASK is %03o", old)
	}
	n, err := strconv.ParseUint(arg, 8, 32)
	if err != nil || n > 0o777 {
		return codeBadParam, fmt.Sprintf("UMASK %q: want an octal number from 000 to 777", arg)
	}
	s.umask.Store(uint32(n))
	return codeOK, fmt.Sprintf("UMASK set to %03o (was %03o)", n, old)
}
