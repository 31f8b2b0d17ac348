package transfer

import (
	"context"
	"crypto/md5"  //nolint:gosec // matching the server's XMD5, not security
	"crypto/sha1" //nolint:gosec // matching the server's XSHA1
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"strings"

	"github.com/ftpane/ftpane/session"
)

// verify checks a finished .part: its size against the source's, then a
// checksum when a server offers one (both servers' when they use the same
// algorithm, else the server's against a hash of the local file). ASCII
// copies are not compared: their sizes differ by design.
func (q *Queue) verify(ctx context.Context, js JobState, c conns, part string, size int64) error {
	if js.Type != session.TypeBinary {
		return nil
	}
	if err := setTypes(ctx, js, c); err != nil {
		return err
	}
	e, ok, err := existing(ctx, c.dst, part)
	if err != nil {
		return wrap(opVerify, part, err)
	}
	if !ok {
		return &Error{Reason: ReasonMismatch, Op: opVerify, Path: part, Err: errors.New("the copy is gone")}
	}
	if size >= 0 && e.Size != size {
		return &Error{Reason: ReasonMismatch, Op: opVerify, Path: part,
			Err: fmt.Errorf("the copy has %d bytes, the source %d", e.Size, size)}
	}
	return verifySum(ctx, js, c, part)
}

func verifySum(ctx context.Context, js JobState, c conns, part string) error {
	ss, err := serverSum(ctx, js.Src, c.src, js.SrcPath)
	if err != nil {
		return err
	}
	ds, err := serverSum(ctx, js.Dst, c.dst, part)
	if err != nil {
		return err
	}
	switch {
	case ss != nil && ds == nil && js.Dst.IsLocal():
		ds, err = localSum(ctx, c.dst, part, ss.Algo)
	case ds != nil && ss == nil && js.Src.IsLocal():
		ss, err = localSum(ctx, c.src, js.SrcPath, ds.Algo)
	}
	if err != nil || ss == nil || ds == nil || ss.Algo != ds.Algo {
		return err
	}
	if normHex(ss.Hex) != normHex(ds.Hex) {
		return &Error{Reason: ReasonMismatch, Op: opVerify, Path: part,
			Err: fmt.Errorf("%s %s, the source's %s", ss.Algo, ds.Hex, ss.Hex)}
	}
	return nil
}

// serverSum asks a remote side for a file's checksum. A refusal means no
// checksum (not every server hashes every file); a broken connection is
// an error to retry.
func serverSum(ctx context.Context, ep Endpoint, fs session.FS, p string) (*session.Checksum, error) {
	cs, ok := fs.(session.Checksummer)
	if ep.IsLocal() || !ok {
		return nil, nil
	}
	sum, ok, err := cs.Checksum(ctx, p)
	var re *session.ReplyError
	switch {
	case errors.As(err, &re):
		return nil, nil
	case err != nil:
		return nil, wrap(opVerify, p, err)
	case !ok || newHash(sum.Algo) == nil:
		return nil, nil
	}
	return &sum, nil
}

// localSum hashes a file on a side that cannot hash it itself.
func localSum(ctx context.Context, fs session.FS, p, algo string) (*session.Checksum, error) {
	h := newHash(algo)
	r, err := fs.Open(ctx, p, 0)
	if err != nil {
		return nil, wrap(opVerify, p, err)
	}
	defer r.Close()
	if _, err := io.Copy(h, r); err != nil {
		return nil, wrap(opVerify, p, err)
	}
	return &session.Checksum{Algo: algo, Hex: hex.EncodeToString(h.Sum(nil))}, nil
}

func newHash(algo string) hash.Hash {
	switch strings.ToUpper(strings.ReplaceAll(algo, "-", "")) {
	case "SHA256":
		return sha256.New()
	case "SHA512":
		return sha512.New()
	case "SHA1":
		return sha1.New() //nolint:gosec
	case "MD5":
		return md5.New() //nolint:gosec
	case "CRC32":
		return crc32.NewIEEE()
	}
	return nil
}

// normHex compares digests whatever their case and leading zeros (XCRC
// replies are not always padded).
func normHex(s string) string {
	s = strings.TrimLeft(strings.ToLower(strings.TrimSpace(s)), "0")
	return s
}
