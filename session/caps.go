package session

import (
	"context"
	"io"
	"time"

	"github.com/ftpane/ftpane/session/trust"
)

// The optional abilities of an FS. Callers discover them with a type
// assertion (fs.(session.Sizer)); they are declared here, once, so that
// renaming a method of Remote breaks the build (the checks below) instead
// of silently turning an ability off in transfer or ui.

// Sizer tells a file's size without a listing (SIZE).
type Sizer interface {
	Size(ctx context.Context, p string) (int64, error)
}

// ModTimer tells a file's modification time, in UTC, without a listing
// (MDTM).
type ModTimer interface {
	ModTime(ctx context.Context, p string) (time.Time, error)
}

// Typer is a side with a transfer type (TYPE A or I).
type Typer interface {
	Type() TransferType
	SetType(ctx context.Context, t TransferType) error
}

// PassiveSetter is a side whose data connections can be passive or
// active; SetPassive applies to every data connection from then on.
type PassiveSetter interface {
	Passive() bool
	SetPassive(passive bool)
}

// TLSReporter says how a side's control connection is protected.
type TLSReporter interface {
	TLS() TLSMode
}

// Settable is what a connection's header shows and its toggles change:
// protection, transfer type and data-connection mode.
type Settable interface {
	TLSReporter
	Typer
	PassiveSetter
}

// Fingerprinter gives the SHA-256 fingerprint of the server's
// certificate ("" without TLS).
type Fingerprinter interface {
	Fingerprint() string
}

// CertificateHolder gives the server's certificate, for the trust dialog.
type CertificateHolder interface {
	Certificate() (trust.Cert, bool)
}

// FeatureLister gives the features a server announced (FEAT), keyed by
// name; an empty map means the server announced none.
type FeatureLister interface {
	Features() map[string]string
}

// Appender adds to the end of a file (APPE).
type Appender interface {
	Append(ctx context.Context, p string) (io.WriteCloser, error)
}

// UniqueStorer stores under a name the server chooses (STOU), hint being
// the name asked for; the reply says how the store ended.
type UniqueStorer interface {
	StoreUniqueAs(ctx context.Context, hint string, src io.Reader) (string, Reply, error)
}

// Checksummer asks a server to hash a file (HASH, XSHA256, ...); ok is
// false when it offers no hash for it.
type Checksummer interface {
	Checksum(ctx context.Context, p string) (sum Checksum, ok bool, err error)
}

// EachLister hands a listing over entry by entry, so a caller need not
// hold a whole folder as a []Entry.
type EachLister interface {
	ListEach(ctx context.Context, dir string, fn func(Entry) error) (warnings []string, err error)
}

// Getwder tells the folder a connection is in ("" before it knows).
type Getwder interface {
	Getwd() string
}

var (
	_ Sizer             = (*Remote)(nil)
	_ ModTimer          = (*Remote)(nil)
	_ Settable          = (*Remote)(nil)
	_ Fingerprinter     = (*Remote)(nil)
	_ CertificateHolder = (*Remote)(nil)
	_ FeatureLister     = (*Remote)(nil)
	_ Appender          = (*Remote)(nil)
	_ UniqueStorer      = (*Remote)(nil)
	_ Checksummer       = (*Remote)(nil)
	_ EachLister        = (*Remote)(nil)
	_ Getwder           = (*Remote)(nil)
	_ EachLister        = Local{}
)
