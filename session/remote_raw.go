package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// dataVerbs need a data connection; quote refuses them and names the
// command that does the job.
var dataVerbs = map[string]string{
	"RETR": "get", "STOR": "put", "STOU": "put with sunique", "APPE": "append",
	"LIST": "ls", "NLST": "nlist", "MLSD": "ls", "PASV": "passive", "EPSV": "passive",
	"PORT": "passive", "EPRT": "passive",
	"AUTH": "--tls", "PBSZ": "--tls", "PROT": "--tls", "CCC": "--tls",
}

// Quote sends one command verbatim and returns the server's whole reply.
// A negative reply is not an error: it is the answer. Commands that need a
// data connection or would change TLS under the session are refused with
// the command to use instead.
func (r *Remote) Quote(ctx context.Context, line string) (Reply, error) {
	if err := checkArg(line); err != nil {
		return Reply{}, fmt.Errorf("quote: %w", err)
	}
	line = strings.TrimSpace(line)
	verb, _, _ := strings.Cut(line, " ")
	verb = strings.ToUpper(verb)
	if verb == "" {
		return Reply{}, errors.New("quote: no command given")
	}
	if alt, ok := dataVerbs[verb]; ok {
		return Reply{}, fmt.Errorf("quote %s: ftpane manages data connections and TLS itself; use %s", verb, alt)
	}
	var rep Reply
	err := r.do(ctx, strings.ToLower(verb), false, func() (err error) {
		rep, err = r.w.cmd(line)
		return err
	})
	if err == nil && verb == "TYPE" && rep.Code == codeCommandOK {
		t := TypeBinary
		if arg := strings.ToUpper(strings.TrimSpace(line[4:])); strings.HasPrefix(arg, "A") {
			t = TypeASCII
		}
		r.typ.Store(int32(t))
	}
	return rep, err
}

// Site sends SITE args (CHMOD, UMASK, IDLE, ...).
func (r *Remote) Site(ctx context.Context, args string) (Reply, error) {
	return r.Quote(ctx, "SITE "+args)
}

// Account sends ACCT (masked in the transcript).
func (r *Remote) Account(ctx context.Context, acct string) (Reply, error) {
	return r.Quote(ctx, "ACCT "+acct)
}

// System asks for the server's system type (SYST).
func (r *Remote) System(ctx context.Context) (Reply, error) { return r.Quote(ctx, "SYST") }

// Status asks for the server's status, or a file's (STAT).
func (r *Remote) Status(ctx context.Context, p string) (Reply, error) {
	return r.Quote(ctx, strings.TrimSpace("STAT "+p))
}

// Help asks for the server's own help (HELP).
func (r *Remote) Help(ctx context.Context, topic string) (Reply, error) {
	return r.Quote(ctx, strings.TrimSpace("HELP "+topic))
}

// Mode sets the transfer mode: S(tream), B(lock) or C(ompressed).
func (r *Remote) Mode(ctx context.Context, m string) (Reply, error) {
	return r.Quote(ctx, "MODE "+m)
}

// Stru sets the file structure: F(ile), R(ecord) or P(age).
func (r *Remote) Stru(ctx context.Context, s string) (Reply, error) {
	return r.Quote(ctx, "STRU "+s)
}

// Form sets the format control of ASCII and EBCDIC types (TYPE A N, ...).
func (r *Remote) Form(ctx context.Context, form string) (Reply, error) {
	code := "N"
	switch strings.ToLower(form) {
	case "telnet", "t":
		code = "T"
	case "carriage-control", "asa", "c":
		code = "C"
	}
	return r.Quote(ctx, "TYPE A "+code)
}

// Checksum is a server-computed digest of a file.
type Checksum struct {
	Algo string // SHA-256, SHA-1, MD5, CRC32
	Hex  string
}

// Checksum asks the server to hash a file: HASH (draft-bryan-ftpext-hash)
// when announced, else XSHA256, XSHA1, XMD5 or XCRC. ok is false when the
// server offers none.
func (r *Remote) Checksum(ctx context.Context, p string) (sum Checksum, ok bool, err error) {
	feats := r.Features()
	if _, has := feats["HASH"]; has {
		rep, err := r.Quote(ctx, "HASH "+p)
		if err != nil || rep.Code != codeFileStatus {
			return sum, false, replyOrErr("hash "+p, rep, err)
		}
		f := strings.Fields(rep.Text()) // ALGO RANGE HEX NAME
		if len(f) < 3 {
			return sum, false, fmt.Errorf("hash %s: malformed reply %q", p, rep.Text())
		}
		return Checksum{Algo: strings.ToUpper(f[0]), Hex: strings.ToLower(f[2])}, true, nil
	}
	for _, v := range checksumVerbs {
		if _, has := feats[v.verb]; !has {
			continue
		}
		rep, err := r.Quote(ctx, v.verb+" "+p)
		if err != nil || (rep.Code != codeFileStatus && rep.Code != codeFileActionOK) {
			return sum, false, replyOrErr(v.verb+" "+p, rep, err)
		}
		f := strings.Fields(rep.Text())
		return Checksum{Algo: v.algo, Hex: strings.ToLower(f[len(f)-1])}, true, nil
	}
	return sum, false, nil
}

// checksumVerbs are the one-algorithm checksum commands, best first;
// HASH (which names its algorithm) is asked before them.
var checksumVerbs = []struct{ verb, algo string }{{"XSHA256", "SHA-256"}, {"XSHA1", "SHA-1"}, {"XMD5", "MD5"}, {"XCRC", "CRC32"}}

func replyOrErr(op string, rep Reply, err error) error {
	if err != nil {
		return err
	}
	return &ReplyError{Op: op, Code: rep.Code, Msg: rep.Text()}
}
