package trust

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Policy is what a connection trusts besides the certificate authorities:
// the pins of a known_hosts file and fingerprints accepted for this run
// (--trust-fingerprint, or "trust once" in the dialog).
type Policy struct {
	KnownHosts   string   // the known_hosts file; "" reads and pins nothing
	Fingerprints []string // colon-separated SHA-256, as ParseFingerprint gives
}

// WithFingerprint is p also accepting fp (a copy: configs share slices).
func (p Policy) WithFingerprint(fp string) Policy {
	p.Fingerprints = append(slices.Clone(p.Fingerprints), fp)
	return p
}

func (p Policy) accepts(fp string) bool {
	return slices.ContainsFunc(p.Fingerprints, func(f string) bool { return strings.EqualFold(f, fp) })
}

// Check decides on the certificate a server at addr presented. A pinned
// host must show its pinned certificate (or one accepted for this run);
// otherwise a certificate accepted for this run or one that verifies
// against roots (nil: the system's) for serverName passes. Anything else
// is an *UnknownError, a changed pin a *ChangedError.
func (p Policy) Check(addr, serverName string, roots *x509.CertPool, cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("the server sent no certificate")
	}
	cert := Describe(cs)
	if p.KnownHosts != "" {
		pinned, ok, err := Store{Path: p.KnownHosts}.Lookup(addr)
		if err != nil {
			return err
		}
		if ok && pinned != cert.Fingerprint && !p.accepts(cert.Fingerprint) {
			return &ChangedError{Addr: addr, Pinned: pinned, Cert: cert, File: p.KnownHosts}
		}
		if ok {
			return nil
		}
	}
	if p.accepts(cert.Fingerprint) {
		return nil
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{DNSName: serverName, Roots: roots, Intermediates: inter})
	if err != nil {
		return &UnknownError{Addr: addr, Cert: cert, Reason: err}
	}
	return nil
}

// UnknownError: no authority vouches for the certificate and nothing pins
// it. The user decides, after comparing the fingerprint.
type UnknownError struct {
	Addr   string
	Cert   Cert
	Reason error // the x509 verdict
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("the TLS certificate of %s is not trusted (%v); its SHA-256 fingerprint is %s: "+
		"if the server's owner confirms it, connect with --trust-fingerprint SHA256:%s "+
		"(or trust it in the TUI's dialog, which can pin it in known_hosts)",
		e.Addr, e.Reason, e.Cert.Fingerprint, e.Cert.Fingerprint)
}

func (e *UnknownError) Unwrap() error { return e.Reason }

// ChangedError: a pinned host showed another certificate. Either the
// server's owner replaced it or someone is in between.
type ChangedError struct {
	Addr   string
	Pinned string // the fingerprint in known_hosts
	Cert   Cert   // what the server showed now
	File   string // the known_hosts file
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("WARNING: THE TLS CERTIFICATE OF %s HAS CHANGED: refused. Someone may be intercepting "+
		"the connection, or the server's owner replaced the certificate. Pinned SHA-256 %s; "+
		"the server now shows SHA-256 %s. If the owner confirms the new one, delete the line for %s "+
		"from %s and connect again to trust it (or, for one run, give --trust-fingerprint SHA256:%s)",
		e.Addr, e.Pinned, e.Cert.Fingerprint, e.Addr, e.File, e.Cert.Fingerprint)
}
