package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"

	"github.com/ftpane/ftpane/session"
)

// FTP reply codes the queue acts on.
const (
	codeTooMany        = 421
	codeCantOpenData   = 425
	codeAborted        = 426
	codeBusy           = 450
	codeLocalError     = 451
	codeUnavailable    = 550
	codeQuotaExceeded  = 552
	codeNameNotAllowed = 553
)

// Reason is why a job failed, in words a user can act on.
type Reason int

// The reasons. Transient ones (network, server busy) are retried; the
// others fail the job and the rest of the queue goes on.
const (
	ReasonOther Reason = iota
	ReasonNetwork
	ReasonTooMany
	ReasonDiskFull
	ReasonPermission
	ReasonIsFolder
	ReasonVanished
	ReasonQuota
	ReasonBadName
	ReasonMismatch
	ReasonUnsafeName
	ReasonNoFolder
	ReasonNoFile
	ReasonReadOnly
	ReasonNameTooLong
	ReasonRefused
	ReasonLink
)

var reasonWords = [...]string{"error", "connection problem", "too many connections",
	"disk full", "permission denied", "target is a folder", "file vanished on the server",
	"quota exceeded on the server", "name not allowed by the server", "verification failed",
	"unsafe name from the server", "no such folder", "no such file", "read-only file system",
	"name too long", "refused by the server", "a symbolic link is in the way"}

func (r Reason) String() string {
	if r < 0 || int(r) >= len(reasonWords) {
		return "error"
	}
	return reasonWords[r]
}

// Error is a job's failure: the reason in words, the operation and path
// it happened in, and the underlying error (a *session.ReplyError keeps
// the server's code).
type Error struct {
	Reason Reason
	Op     string
	Path   string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Reason.String())
	if e.Op != "" || e.Path != "" {
		fmt.Fprintf(&b, ": %s %s", e.Op, e.Path)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, " (%v)", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Transient reports whether retrying may help.
func (e *Error) Transient() bool { return e.Reason == ReasonNetwork || e.Reason == ReasonTooMany }

// wrap classifies err as an *Error for op on path; nil stays nil and an
// *Error passes through unchanged.
func wrap(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var te *Error
	if errors.As(err, &te) {
		return err
	}
	return &Error{Reason: classify(op, err), Op: op, Path: path, Err: err}
}

func classify(op string, err error) Reason {
	var re *session.ReplyError
	if errors.As(err, &re) {
		return replyReason(op, re.Code)
	}
	if r, ok := localReason(op, err); ok {
		return r
	}
	if isNetwork(err) {
		return ReasonNetwork
	}
	return ReasonOther
}

// localReason names a local file system's refusal. None of them is
// retried: waiting does not create a folder or free a disk.
func localReason(op string, err error) (Reason, bool) {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ReasonDiskFull, true
	case errors.Is(err, syscall.EROFS):
		return ReasonReadOnly, true
	case errors.Is(err, fs.ErrPermission):
		return ReasonPermission, true
	case errors.Is(err, syscall.EISDIR):
		return ReasonIsFolder, true
	case errors.Is(err, syscall.ENAMETOOLONG):
		return ReasonNameTooLong, true
	case errors.Is(err, syscall.ENOTDIR):
		return ReasonNoFolder, true
	case errors.Is(err, fs.ErrNotExist) && op == opRead:
		return ReasonNoFile, true
	case errors.Is(err, fs.ErrNotExist):
		return ReasonNoFolder, true
	}
	return ReasonOther, false
}

func replyReason(op string, code int) Reason {
	switch {
	case code == codeTooMany:
		return ReasonTooMany
	case code >= 400 && code < 500:
		// 425, 426, 450, 451, 452...: the server says "not now".
		return ReasonNetwork
	case code == codeQuotaExceeded:
		return ReasonQuota
	case code == codeNameNotAllowed:
		return ReasonBadName
	case code == codeUnavailable && op == opRead:
		return ReasonVanished
	case code == codeUnavailable && op == opStream:
		// ftpserverlib's verdict on a data connection that broke.
		return ReasonNetwork
	case code == codeUnavailable:
		// A missing folder, a refused name or a permission: the server's
		// own words (kept in Err) say which.
		return ReasonRefused
	case code == 530:
		return ReasonPermission
	}
	return ReasonOther
}

// isNetwork recognises a connection that broke or timed out, however it
// was wrapped on its way up.
func isNetwork(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errShort) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrClosedPipe) || errors.Is(err, io.EOF) {
		return true
	}
	for _, e := range []error{session.ErrConnClosed, session.ErrTimeout, session.ErrStalled, session.ErrSessionClosed} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// isNotExist recognises "no such file" from either side.
func isNotExist(err error) bool {
	var re *session.ReplyError
	if errors.As(err, &re) {
		return re.Code == codeUnavailable
	}
	return errors.Is(err, fs.ErrNotExist)
}

// notImplemented recognises a server without the command (500, 502, 504).
func notImplemented(err error) bool {
	var re *session.ReplyError
	return errors.As(err, &re) && (re.Code == 500 || re.Code == 502 || re.Code == 504)
}

// isTooMany recognises a server's 421 "too many connections".
func isTooMany(err error) bool {
	var re *session.ReplyError
	return errors.As(err, &re) && re.Code == codeTooMany
}

// Operations named in errors.
const (
	opRead   = "read"
	opStream = "transfer" // a reply after the data connection was open
	opWrite  = "write"
	opVerify = "verify"
	opList   = "list"
	opDial   = "connect"
	opCommit = "rename into place"
	opDelete = "delete source"
)

var (
	errShort    = errors.New("transfer ended early")
	errPaused   = errors.New("paused")
	errCanceled = errors.New("canceled")
	errClosed   = errors.New("queue closed")
)
