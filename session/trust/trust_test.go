package trust

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned is a connection state showing a fresh self-signed
// certificate for 127.0.0.1, and a pool that trusts it.
func selfSigned(t *testing.T) (tls.ConnectionState, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:   pkix.Name{CommonName: "test server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.ConnectionState{Version: tls.VersionTLS13, PeerCertificates: []*x509.Certificate{c}}, pool
}

func TestParseFingerprint(t *testing.T) {
	cs, _ := selfSigned(t)
	fp := Describe(cs).Fingerprint
	plain := strings.ToLower(strings.ReplaceAll(fp, ":", ""))
	for _, in := range []string{fp, strings.ToLower(fp), "SHA256:" + fp, "sha256:" + plain, plain} {
		if got, err := ParseFingerprint(in); err != nil || got != fp {
			t.Errorf("ParseFingerprint(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "AB:CD", "SHA1:" + plain, plain + "00", "zz" + plain[2:]} {
		if _, err := ParseFingerprint(bad); err == nil {
			t.Errorf("ParseFingerprint(%q) accepted", bad)
		}
	}
}

func TestStorePinAndLookup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ftpane", "known_hosts")
	s := Store{Path: path}
	if _, ok, err := s.Lookup("127.0.0.1:21"); ok || err != nil {
		t.Fatalf("no file: %v %v", ok, err)
	}
	a, b := strings.Repeat("AA:", 31)+"AA", strings.Repeat("BB:", 31)+"BB"
	for _, step := range []struct{ addr, fp string }{{"127.0.0.1:21", a}, {"[::1]:990", b}, {"127.0.0.1:21", b}} {
		if err := s.Pin(step.addr, step.fp); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	if want := header + "[::1]:990 SHA256:" + b + "\n127.0.0.1:21 SHA256:" + b + "\n"; string(data) != want {
		t.Fatalf("file:\n%s\nwant:\n%s", data, want)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}
	if fp, ok, err := s.Lookup("127.0.0.1:21"); !ok || fp != b || err != nil {
		t.Fatalf("lookup: %q %v %v", fp, ok, err)
	}
	os.WriteFile(path, append(data, "garbage line here\n"...), 0o600)
	if _, _, err := s.Lookup("nowhere:21"); err == nil || !strings.Contains(err.Error(), ":5:") {
		t.Fatalf("a broken line: %v", err)
	}
}

func TestPolicyCheck(t *testing.T) {
	cs, pool := selfSigned(t)
	other, _ := selfSigned(t)
	fp := Describe(cs).Fingerprint
	kh := filepath.Join(t.TempDir(), "known_hosts")
	var unknown *UnknownError
	var changed *ChangedError
	if err := (Policy{}).Check("127.0.0.1:21", "127.0.0.1", nil, cs); !errors.As(err, &unknown) ||
		unknown.Cert.Fingerprint != fp || !strings.Contains(err.Error(), "--trust-fingerprint SHA256:"+fp) {
		t.Fatalf("unknown: %v", err)
	}
	if err := (Policy{}).Check("127.0.0.1:21", "127.0.0.1", pool, cs); err != nil {
		t.Fatalf("verified by the roots: %v", err)
	}
	if err := (Policy{Fingerprints: []string{fp}}).Check("127.0.0.1:21", "127.0.0.1", nil, cs); err != nil {
		t.Fatalf("accepted for the run: %v", err)
	}
	Store{Path: kh}.Pin("127.0.0.1:21", fp)
	p := Policy{KnownHosts: kh}
	if err := p.Check("127.0.0.1:21", "127.0.0.1", nil, cs); err != nil {
		t.Fatalf("pinned: %v", err)
	}
	err := p.Check("127.0.0.1:21", "127.0.0.1", nil, other)
	if !errors.As(err, &changed) || changed.Pinned != fp || !strings.Contains(err.Error(), "HAS CHANGED") ||
		!strings.Contains(err.Error(), fp) || !strings.Contains(err.Error(), Describe(other).Fingerprint) {
		t.Fatalf("changed: %v", err)
	}
	if err := p.Check("127.0.0.1:2121", "127.0.0.1", nil, other); !errors.As(err, &unknown) {
		t.Fatalf("another port is another host: %v", err)
	}
}
