package session

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Settle is an upload's last steps, as a Settler takes them.
type Settle struct {
	Part, Target string
	// Check judges the size the server reports for Part; an error stops
	// the settling before anything is renamed, and is returned.
	Check func(size int64) error
	// ModTime, when not zero, is set on Target once it is in place (MFMT,
	// or vsftpd's MDTM form), best effort. Only for a target that did not
	// exist: were the rename refused, the time would land on the file in
	// the way.
	ModTime time.Time
}

// Settled says how far Settle got once the size was accepted.
type Settled struct {
	// Renamed: Part is now Target. False with no error: the server
	// refused RNFR or RNTO (a file in the way, say); the caller renames
	// the slow way, which reports the refusal in the server's words.
	Renamed bool
	// TimeSet: the server accepted the modification time.
	TimeSet bool
}

// Settler finishes an upload in two round trips where a size check, a
// rename and a time take three or four: SIZE and RNFR go in one write,
// and, when the size is right, RNTO and the time command in another.
type Settler interface {
	Settle(ctx context.Context, s Settle) (Settled, error)
	// Hashes reports whether the server hashes files (HASH, XSHA256,
	// XSHA1, XMD5, XCRC): a copy to it is verified by a checksum, which
	// comes between the size check and the rename, so Settle does not
	// fit.
	Hashes() bool
}

// Hashes reports whether the server's FEAT offers a checksum command.
func (r *Remote) Hashes() bool {
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	if _, ok := r.w.feats["HASH"]; ok {
		return true
	}
	for _, v := range checksumVerbs {
		if _, ok := r.w.feats[v.verb]; ok {
			return true
		}
	}
	return false
}

// Settle checks an upload's size and renames it into place, with its
// time, in two writes. A server without SIZE answers with a ReplyError
// (500, 502) the caller can tell; the RNFR sent with it is then simply
// not followed by RNTO (a server drops a rename source at the next
// command).
func (r *Remote) Settle(ctx context.Context, s Settle) (Settled, error) {
	var out Settled
	if err := checkArg(s.Part, s.Target); err != nil {
		return out, fmt.Errorf("settle: %w", err)
	}
	err := r.do(ctx, "settle "+s.Part, false, func() error {
		reps, err := r.w.batch([]string{"SIZE " + s.Part, "RNFR " + s.Part}, 0)
		if err != nil {
			return err
		}
		size, err := parseSize(s.Part, reps[0])
		if err != nil {
			return err
		}
		if err := s.Check(size); err != nil {
			return err
		}
		if reps[1].Code != codePending {
			return nil
		}
		lines := []string{"RNTO " + s.Target}
		timed := !s.ModTime.IsZero()
		if verb := r.w.timeVerb(); timed && verb != "" {
			lines = append(lines, verb+" "+s.ModTime.UTC().Format("20060102150405")+" "+s.Target)
		}
		reps, err = r.w.batch(lines, codeFileActionOK)
		if err != nil {
			return err
		}
		out.Renamed = reps[0].Code/100 == 2
		out.TimeSet = out.Renamed && len(reps) > 1 && reps[1].Code/100 == 2
		return nil
	})
	return out, err
}

// parseSize reads a SIZE reply.
func parseSize(p string, rep Reply) (int64, error) {
	if rep.Code != codeFileStatus {
		return 0, &ReplyError{Op: "size " + p, Code: rep.Code, Msg: rep.Text()}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(rep.Text()), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("size %s: malformed reply %q", p, clip(rep.Text()))
	}
	return n, nil
}

// timeVerb is the command that sets a file's time here, as the library's
// SetTime chooses it: MFMT where FEAT lists it, else vsftpd's two-argument
// MDTM where FEAT lists MDTM; "" where neither is listed.
func (w *wire) timeVerb() string {
	if _, ok := w.feats["MFMT"]; ok {
		return "MFMT"
	}
	if _, ok := w.feats["MDTM"]; ok {
		return "MDTM"
	}
	return ""
}
