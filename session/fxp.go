package session

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"
)

// FXP copies a file from one server straight to another (server to
// server): the destination listens (PASV), the source is told to connect
// there (PORT), then STOR and RETR run at the same time. No byte passes
// through ftpane. Most servers refuse a PORT naming a host other than the
// client's; that refusal comes back as *FXPRefusedError so the caller can
// offer to relay the file instead.
func FXP(ctx context.Context, src *Remote, srcPath string, dst *Remote, dstPath string) error {
	if err := checkArg(srcPath, dstPath); err != nil {
		return fmt.Errorf("fxp: %w", err)
	}
	if err := src.acquire(ctx); err != nil {
		return err
	}
	defer src.release()
	if err := dst.acquire(ctx); err != nil {
		return err
	}
	defer dst.release()
	return src.run(ctx, "fxp "+srcPath, false, func() error {
		return dst.run(ctx, "fxp "+dstPath, false, func() error {
			return fxp(src.w, srcPath, dst.w, dstPath)
		})
	})
}

// FXPRefusedError is a server's refusal to take part in a server-to-server
// transfer (typically "500 Illegal PORT command").
type FXPRefusedError struct {
	Server string
	Reply  Reply
}

func (e *FXPRefusedError) Error() string {
	return fmt.Sprintf("%s refuses server-to-server transfers (%s); relay the file through ftpane instead",
		e.Server, e.Reply.String())
}

func fxp(sw *wire, srcPath string, dw *wire, dstPath string) error {
	rep, err := dw.cmd("PASV")
	if err != nil {
		return err
	}
	if rep.Code != codePassive {
		return &FXPRefusedError{Server: "the destination", Reply: rep}
	}
	port, err := parsePASV(rep.Text())
	if err != nil {
		return err
	}
	// As for our own data connections, the address is the destination's
	// control peer, never what its PASV reply claims.
	ip := dw.serverIP.To4()
	if ip == nil {
		return fmt.Errorf("fxp: the destination %s is not IPv4; PORT cannot name it", dw.serverIP)
	}
	rep, err = sw.cmd(fmt.Sprintf("PORT %d,%d,%d,%d,%d,%d", ip[0], ip[1], ip[2], ip[3], port>>8, port&0xff))
	if err != nil {
		return err
	}
	if rep.Code != codeCommandOK {
		return &FXPRefusedError{Server: "the source", Reply: rep}
	}
	// Neither server answers 150 before its data connection exists, so
	// both commands go out before either reply is read.
	if err := dw.send("STOR " + dstPath); err != nil {
		return err
	}
	if err := sw.send("RETR " + srcPath); err != nil {
		return err
	}
	return fxpReplies(sw, dw, dstPath, net.JoinHostPort(dw.serverIP.String(), strconv.Itoa(port)))
}

// fxpReplies reads the preliminary and final replies of both servers. The
// final replies may take as long as the copy does.
func fxpReplies(sw, dw *wire, dstPath, dstData string) error {
	if err := preliminary(sw, "source"); err != nil {
		settleDestination(dw, dstPath, dstData)
		return err
	}
	if err := preliminary(dw, "destination"); err != nil {
		_ = sw.abortTransfer()
		return err
	}
	for _, side := range []*wire{sw, dw} {
		rep, err := side.readReplyWithin(24 * time.Hour)
		if err == nil && rep.Code >= 400 {
			err = &ReplyError{Op: "fxp to " + dstPath, Code: rep.Code, Msg: rep.Text()}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// preliminary reads a side's answer to its transfer command: 125/150, or
// a refusal. A side that already refused has nothing more to send.
func preliminary(w *wire, name string) error {
	rep, err := w.readReply()
	if err == nil && rep.Code != codeAboutToSend && rep.Code != codeAlreadyOpen {
		err = &ReplyError{Op: "fxp: the " + name, Code: rep.Code, Msg: rep.Text()}
	}
	return err
}

// settleDestination ends the destination's STOR after the source refused:
// it waits for a data connection that will never come from the source and
// not every server answers ABOR in that state. ftpane connects to it and
// closes at once (an empty upload), reads the verdict and removes the
// empty file, so nothing half-made looks complete.
func settleDestination(dw *wire, dstPath, dstData string) {
	if c, err := net.DialTimeout("tcp", dstData, dw.timeout); err == nil {
		c.Close()
	}
	for {
		rep, err := dw.readReply()
		if err != nil {
			return
		}
		if rep.Code >= 200 {
			break
		}
	}
	_, _ = dw.cmd("DELE " + dstPath)
}
