// Package trust decides whether ftpane trusts a server's TLS certificate
// when no certificate authority vouches for it, as ssh and FileZilla do:
// trust on first use. The user compares the certificate's SHA-256
// fingerprint with what the server's owner published and trusts it once
// or always; "always" pins it in a known_hosts file. A pinned host that
// later shows another certificate is refused, loudly.
package trust

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Cert is a certificate as people check it: what the trust dialog, the
// errors and the certificate view (key F) show.
type Cert struct {
	Fingerprint string // SHA-256 of the DER, colon-separated upper-case hex
	Subject     string
	Issuer      string
	NotBefore   time.Time
	NotAfter    time.Time
	TLSVersion  string // of the connection: "TLS 1.3"
}

// Describe is the leaf certificate of a TLS connection; the zero Cert
// when the server sent none.
func Describe(cs tls.ConnectionState) Cert {
	if len(cs.PeerCertificates) == 0 {
		return Cert{}
	}
	leaf := cs.PeerCertificates[0]
	return Cert{Fingerprint: Fingerprint(leaf.Raw), Subject: leaf.Subject.String(), Issuer: leaf.Issuer.String(),
		NotBefore: leaf.NotBefore, NotAfter: leaf.NotAfter, TLSVersion: tls.VersionName(cs.Version)}
}

// Lines is the certificate for a dialog or an error, one fact a line.
func (c Cert) Lines() []string {
	const day = "2006-01-02 15:04 MST"
	return []string{
		"SHA-256 fingerprint:", "  " + c.Fingerprint[:min(len(c.Fingerprint), 48)],
		"  " + c.Fingerprint[min(len(c.Fingerprint), 48):],
		"Subject:  " + c.Subject, "Issuer:   " + c.Issuer,
		"Valid:    " + c.NotBefore.UTC().Format(day) + " to " + c.NotAfter.UTC().Format(day),
		"Protocol: " + c.TLSVersion,
	}
}

// Fingerprint is the SHA-256 of a certificate's DER bytes as colon-
// separated upper-case hex, the form openssl and browsers show.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return colonHex(sum[:])
}

func colonHex(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}

// ParseFingerprint reads a SHA-256 fingerprint as users copy it: colon-
// separated or plain hex in either case, or ssh's base64, each with or
// without a "SHA256:" prefix. It returns the colon-separated form.
func ParseFingerprint(s string) (string, error) {
	v := strings.TrimSpace(s)
	if len(v) > 7 && strings.EqualFold(v[:7], "sha256:") {
		v = v[7:]
	}
	if b, err := hex.DecodeString(strings.ReplaceAll(v, ":", "")); err == nil && len(b) == sha256.Size {
		return colonHex(b), nil
	}
	if b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(v, "=")); err == nil && len(b) == sha256.Size {
		return colonHex(b), nil
	}
	return "", fmt.Errorf("fingerprint %q: want the SHA-256 as 64 hex digits (colons allowed) or SHA256:base64", s)
}
