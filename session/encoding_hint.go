package session

import (
	"context"
	"fmt"
)

// The session's name charset can change while it is connected (:charset
// in the shell), and a listing whose names are not UTF-8 carries a hint
// naming the charset they look like (encoding_detect.go).

// nameSample keeps the raw non-ASCII names of one listing, bounded, for
// the charset guess.
type nameSample struct {
	names []string
	bytes int
}

const (
	sampleNames = 256
	sampleBytes = 32 << 10
)

func (s *nameSample) add(name string) {
	if isASCII(name) || len(s.names) >= sampleNames || s.bytes+len(name) > sampleBytes {
		return
	}
	s.names = append(s.names, name)
	s.bytes += len(name)
}

// charsetHint guesses the charset of a listing's names when the session
// reads them as UTF-8 and they are not: the guess becomes a warning of the
// listing and an EventCharset, the first time it is made.
func (r *Remote) charsetHint(s *nameSample) []string {
	if r.codec != nil || len(s.names) == 0 {
		return nil // the user chose a charset
	}
	g := GuessCharset(s.names)
	if g.Charset == "" || g.Charset == "utf-8" {
		return nil
	}
	hint := fmt.Sprintf("names are not UTF-8; they look like %s (%q): use :charset %s", g.Charset, g.Sample, g.Charset)
	if r.hinted != g.Charset {
		r.hinted = g.Charset
		r.emit(Event{Kind: EventCharset, Dir: r.cwd, Charset: g.Charset, Hint: hint})
	}
	return []string{hint}
}

// Encoding is the charset names are read and written in ("" for UTF-8).
func (r *Remote) Encoding() string {
	if p := r.encoding.Load(); p != nil {
		return *p
	}
	return r.cfg.Encoding
}

// SetEncoding switches the charset of names while connected: commands,
// replies and listings from now on, and the connections transfers dial
// (they take Config). A server that turned UTF-8 on at our OPTS UTF8 ON
// is told OPTS UTF8 OFF for a legacy charset, and ON again for UTF-8.
func (r *Remote) SetEncoding(ctx context.Context, name string) error {
	codec, err := newNameCodec(name)
	if err != nil {
		return fmt.Errorf("charset: %w", err)
	}
	if codec == nil {
		name = ""
	}
	return r.do(ctx, "charset "+name, false, func() error {
		r.codec, r.w.codec, r.hinted = codec, codec, ""
		r.encoding.Store(&name)
		return r.w.tellUTF8(codec == nil)
	})
}

// tellUTF8 brings the server's UTF-8 option in line with the session's
// charset. A refusal is not an error: the server then has no such option.
func (w *wire) tellUTF8(on bool) error {
	if _, ok := w.feats["UTF8"]; !ok || w.utf8On == on {
		return nil
	}
	rep, err := w.cmd("OPTS UTF8 " + map[bool]string{true: "ON", false: "OFF"}[on])
	if err != nil {
		return err
	}
	if rep.Code/100 == 2 {
		w.utf8On = on
	}
	return nil
}
