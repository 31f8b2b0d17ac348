package session

import (
	"crypto/tls"
	"fmt"

	"github.com/ftpane/ftpane/session/trust"
)

// tlsConfig builds the client TLS settings. The session cache lets data
// connections resume the control connection's TLS session, which vsftpd
// requires by default (522 otherwise). The certificate is checked by
// verifyCert, not by crypto/tls: besides the authorities it knows pins
// and fingerprints accepted for this run (trust on first use).
func (c Config) tlsConfig() *tls.Config {
	return &tls.Config{
		ServerName:         c.Host,
		InsecureSkipVerify: true, //nolint:gosec // verified in VerifyConnection (verifyCert)
		VerifyConnection:   c.verifyCert,
		ClientSessionCache: tls.NewLRUClientSessionCache(16),
		MinVersion:         tls.VersionTLS12,
	}
}

// verifyCert accepts what the trust policy accepts, or anything with
// --insecure. Its errors are *trust.UnknownError and *trust.ChangedError
// for the front ends to act on.
func (c Config) verifyCert(cs tls.ConnectionState) error {
	if c.Insecure {
		return nil
	}
	return c.Trust.Check(c.Addr(), c.Host, c.RootCAs, cs)
}

// dataTLS is conf for data connections: they must show the certificate
// the control connection showed, fingerprint fp, else a server (or
// someone between) could hand data to another party.
func dataTLS(conf *tls.Config, fp string) *tls.Config {
	d := conf.Clone()
	d.VerifyConnection = func(cs tls.ConnectionState) error {
		if got := trust.Describe(cs).Fingerprint; got != fp {
			return fmt.Errorf("the data connection showed another TLS certificate (SHA-256 %s) than the "+
				"control connection (SHA-256 %s): refused", got, fp)
		}
		return nil
	}
	return d
}

// warnInsecure tells the front end, on every connection, that --insecure
// accepted a certificate nobody checked.
func (r *Remote) warnInsecure() {
	if r.cfg.Insecure && r.cfg.TLS != TLSNone {
		r.emit(Event{Kind: EventInsecure, Err: fmt.Errorf("TLS certificate NOT verified (--insecure); SHA-256 %s",
			r.certificate.Fingerprint)})
	}
}

// Certificate is the server's TLS certificate as people check it; false
// without TLS.
func (r *Remote) Certificate() (trust.Cert, bool) {
	return r.certificate, r.certificate.Fingerprint != ""
}

// Fingerprint is the SHA-256 of the server's TLS certificate as colon-
// separated hex (as browsers and openssl show it), empty without TLS.
func (r *Remote) Fingerprint() string { return r.certificate.Fingerprint }
