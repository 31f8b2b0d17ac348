package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/jlaffaye/ftp"
)

// Chdir enters dir (CWD) and returns the server's name for it (PWD).
func (r *Remote) Chdir(ctx context.Context, dir string) (string, error) {
	if err := checkArg(dir); err != nil {
		return "", fmt.Errorf("cd: %w", err)
	}
	var pwd string
	err := r.do(ctx, "cd "+dir, true, func() error {
		if err := r.c.ChangeDir(dir); err != nil {
			return err
		}
		p, err := r.c.CurrentDir()
		pwd = p
		return err
	})
	if err != nil {
		return "", err
	}
	r.cwd = pwd
	return pwd, nil
}

// Cdup goes to the parent folder (CDUP).
func (r *Remote) Cdup(ctx context.Context) (string, error) {
	var pwd string
	err := r.do(ctx, "cdup", true, func() error {
		if err := r.c.ChangeDirToParent(); err != nil {
			return err
		}
		p, err := r.c.CurrentDir()
		pwd = p
		return err
	})
	if err == nil {
		r.cwd = pwd
	}
	return pwd, err
}

// Getwd is the server's current folder as last seen (PWD after each cd).
func (r *Remote) Getwd() string { return r.cwd }

// Pwd asks the server for its current folder.
func (r *Remote) Pwd(ctx context.Context) (string, error) {
	var pwd string
	err := r.do(ctx, "pwd", true, func() error {
		p, err := r.c.CurrentDir()
		pwd = p
		return err
	})
	return pwd, err
}

// Mkdir creates a folder (MKD).
func (r *Remote) Mkdir(ctx context.Context, p string) error {
	return r.simple(ctx, "mkdir", p, func() error { return r.c.MakeDir(p) })
}

// Rmdir removes an empty folder (RMD).
func (r *Remote) Rmdir(ctx context.Context, p string) error {
	return r.simple(ctx, "rmdir", p, func() error { return r.c.RemoveDir(p) })
}

// Delete removes a file (DELE).
func (r *Remote) Delete(ctx context.Context, p string) error {
	return r.simple(ctx, "delete", p, func() error { return r.c.Delete(p) })
}

func (r *Remote) simple(ctx context.Context, op, p string, f func() error) error {
	if err := checkArg(p); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return r.do(ctx, op+" "+p, false, f)
}

// Remove deletes a file, or an empty folder when DELE is refused.
func (r *Remote) Remove(ctx context.Context, p string) error {
	err := r.Delete(ctx, p)
	var re *ReplyError
	if errors.As(err, &re) && re.Code >= 500 {
		if r.Rmdir(ctx, p) == nil {
			return nil
		}
	}
	return err
}

// RemoveAll deletes a folder and everything in it, files first.
func (r *Remote) RemoveAll(ctx context.Context, p string) error {
	st, err := r.Stat(ctx, p)
	if err != nil {
		return err
	}
	if st.Kind != KindDir {
		return r.Delete(ctx, p)
	}
	l, err := r.List(ctx, p)
	if err != nil {
		return err
	}
	for _, e := range l.Entries {
		child := path.Join(p, e.Name)
		if e.Kind == KindDir {
			err = r.RemoveAll(ctx, child)
		} else {
			err = r.Delete(ctx, child)
		}
		if err != nil {
			return err
		}
	}
	return r.Rmdir(ctx, p)
}

// Rename moves a file or folder (RNFR, RNTO).
func (r *Remote) Rename(ctx context.Context, from, to string) error {
	if err := checkArg(from, to); err != nil {
		return fmt.Errorf("rename: %w", err)
	}
	return r.do(ctx, "rename "+from, false, func() error {
		r1, r2, err := r.w.pair("RNFR "+from, "RNTO "+to, codePending)
		switch {
		case err != nil:
			return err
		case r1.Code != codePending:
			return &ReplyError{Code: r1.Code, Msg: r1.Text()}
		case r2.Code/100 != 2:
			return &ReplyError{Code: r2.Code, Msg: r2.Text()}
		}
		return nil
	})
}

// Chmod sets permission bits with SITE CHMOD.
func (r *Remote) Chmod(ctx context.Context, p string, mode fs.FileMode) error {
	rep, err := r.Quote(ctx, fmt.Sprintf("SITE CHMOD %03o %s", mode.Perm(), p))
	if err != nil {
		return err
	}
	if rep.Code != codeCommandOK {
		return &ReplyError{Op: "chmod " + p, Code: rep.Code, Msg: rep.Text()}
	}
	return nil
}

// Chtimes sets the modification time (MFMT, or vsftpd's MDTM form).
func (r *Remote) Chtimes(ctx context.Context, p string, mtime time.Time) error {
	return r.simple(ctx, "set time of", p, func() error { return r.c.SetTime(p, mtime) })
}

// Size asks the server for a file's size (SIZE).
func (r *Remote) Size(ctx context.Context, p string) (int64, error) {
	if err := checkArg(p); err != nil {
		return 0, fmt.Errorf("size: %w", err)
	}
	var n int64
	err := r.do(ctx, "size "+p, true, func() (err error) {
		n, err = r.c.FileSize(p)
		return err
	})
	return n, err
}

// ModTime asks for a file's modification time (MDTM), in UTC.
func (r *Remote) ModTime(ctx context.Context, p string) (time.Time, error) {
	rep, err := r.Quote(ctx, "MDTM "+p)
	if err != nil {
		return time.Time{}, err
	}
	if rep.Code != codeFileStatus {
		return time.Time{}, &ReplyError{Op: "modtime " + p, Code: rep.Code, Msg: rep.Text()}
	}
	f := strings.Fields(rep.Text())
	var t time.Time
	ok := len(f) > 0
	if ok {
		t, ok = parseFactTime(f[0])
	}
	if !ok {
		return time.Time{}, fmt.Errorf("modtime %s: malformed reply %q", p, rep.Text())
	}
	return t, nil
}

// NameList lists names only (NLST).
func (r *Remote) NameList(ctx context.Context, dir string) ([]string, error) {
	if err := checkArg(dir); err != nil {
		return nil, fmt.Errorf("nlist: %w", err)
	}
	var names []string
	err := r.do(ctx, "nlist "+dir, true, func() (err error) {
		names, err = r.c.NameList(dir)
		return err
	})
	return names, err
}

// SetType switches between binary (TYPE I) and ASCII (TYPE A).
func (r *Remote) SetType(ctx context.Context, t TransferType) error {
	tt := ftp.TransferTypeBinary
	if t == TypeASCII {
		tt = ftp.TransferTypeASCII
	}
	err := r.do(ctx, "type "+t.String(), true, func() error { return r.c.Type(tt) })
	if err == nil {
		r.typ.Store(int32(t))
	}
	return err
}

// Type is the current transfer type.
func (r *Remote) Type() TransferType { return TransferType(r.typ.Load()) }

// SetPassive chooses passive (true) or active data connections for every
// data connection from now on.
func (r *Remote) SetPassive(passive bool) {
	r.sem <- struct{}{}
	r.passive.Store(passive)
	if r.w != nil {
		r.w.passive = passive
	}
	<-r.sem
}

// Passive reports whether data connections are passive.
func (r *Remote) Passive() bool { return r.passive.Load() }

// TLS reports the connection's TLS mode.
func (r *Remote) TLS() TLSMode { return r.cfg.TLS }

// Features is what the server announced in FEAT (upper-case names).
func (r *Remote) Features() map[string]string {
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	out := make(map[string]string, len(r.w.feats))
	for k, v := range r.w.feats {
		out[k] = v
	}
	return out
}

// Noop sends NOOP.
func (r *Remote) Noop(ctx context.Context) error {
	_, err := r.expect(ctx, "NOOP", codeCommandOK)
	return err
}

// Reset brings the control connection back in step after a confused
// exchange: it discards every pending reply up to the answer to a PWD.
func (r *Remote) Reset(ctx context.Context) error {
	return r.do(ctx, "reset", false, func() error { return r.w.resync() })
}

func (r *Remote) expect(ctx context.Context, line string, code int) (Reply, error) {
	rep, err := r.Quote(ctx, line)
	if err == nil && rep.Code != code {
		verb, _, _ := strings.Cut(line, " ")
		err = &ReplyError{Op: strings.ToLower(verb), Code: rep.Code, Msg: rep.Text()}
	}
	return rep, err
}

// parseFactTime reads YYYYMMDDHHMMSS[.sss] (MDTM, MLSD modify) as UTC.
func parseFactTime(s string) (time.Time, bool) {
	if len(s) < 14 {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("20060102150405", s[:14], time.UTC)
	if err != nil {
		return time.Time{}, false
	}
	if len(s) > 15 && s[14] == '.' {
		if ms, err := strconv.Atoi(s[15:]); err == nil && len(s[15:]) <= 9 {
			t = t.Add(time.Duration(ms) * time.Duration(pow10(9-len(s[15:]))))
		}
	}
	return t, true
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}
