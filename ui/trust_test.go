package ui

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/session/trust"
	"github.com/ftpane/ftpane/ui/internal/fakefs"
)

// certServer is a fake TLS server: dialling it runs the real trust
// policy on its certificate, as the session's handshake does.
type certServer struct {
	fs    *fakefs.FS
	state tls.ConnectionState
	tried []session.Config
}

func newCertServer(t *testing.T) *certServer {
	t.Helper()
	conf, _, err := ftpd.SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(conf.Certificates[0].Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	return &certServer{fs: sampleRemote(), state: tls.ConnectionState{Version: tls.VersionTLS13,
		PeerCertificates: []*x509.Certificate{c}}}
}

func (s *certServer) fingerprint() string { return trust.Describe(s.state).Fingerprint }

func (s *certServer) dial(_ context.Context, cfg session.Config, _ ...session.DialOption) (session.FS, error) {
	s.tried = append(s.tried, cfg)
	if err := cfg.Trust.Check(cfg.Addr(), cfg.Host, nil, s.state); err != nil {
		return nil, err
	}
	return certFS{s.fs, trust.Describe(s.state)}, nil
}

// certFS is a connected fake that shows its certificate.
type certFS struct {
	*fakefs.FS
	cert trust.Cert
}

func (certFS) TLS() session.TLSMode                                { return session.TLSExplicit }
func (f certFS) Certificate() (trust.Cert, bool)                   { return f.cert, true }
func (f certFS) Fingerprint() string                               { return f.cert.Fingerprint }
func (certFS) Type() session.TransferType                          { return session.TypeBinary }
func (certFS) Passive() bool                                       { return true }
func (certFS) SetType(context.Context, session.TransferType) error { return nil }
func (certFS) SetPassive(bool)                                     {}

func newTrustTest(t *testing.T, s *certServer, kh string) Model {
	t.Helper()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Dial: s.dial,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw", TLS: session.TLSExplicit,
			Trust: trust.Policy{KnownHosts: kh}}})
	m = send(t, m, windowSize(120, 50))
	return run(t, m, m.Init())
}

func TestTrustAlwaysPinsTheCertificate(t *testing.T) {
	kh := filepath.Join(t.TempDir(), "ftpane", "known_hosts")
	s := newCertServer(t)
	fp := s.fingerprint()
	m := newTrustTest(t, s, kh)
	wantScreen(t, m, "Unknown server certificate", "ftp.example.org:21", "x509: certificate is valid for", fp[:48], fp[48:],
		"Subject:  CN=ftpane self-signed,O=ftpane", "Protocol: TLS 1.3", "‹ once ›")
	m = press(t, m, "right", "enter")
	wantScreen(t, m, "connected to ann@ftp.example.org:21", "README.md")
	data, err := os.ReadFile(kh)
	if err != nil || !strings.HasSuffix(string(data), "ftp.example.org:21 SHA256:"+fp+"\n") {
		t.Fatalf("known_hosts %q %v", data, err)
	}
	m = press(t, m, "F")
	wantScreen(t, m, "Server certificate", "Trust:    verified (certificate authority or known_hosts)",
		fp[:48], "Issuer:   CN=ftpane self-signed,O=ftpane", "Valid:", "Protocol: TLS 1.3")

	again := newTrustTest(t, s, kh) // pinned: no dialog
	wantScreen(t, again, "connected to ann@ftp.example.org:21")
	dontWantScreen(t, again, "Unknown server certificate")

	changed := newCertServer(t)
	loud := newTrustTest(t, changed, kh)
	wantScreen(t, loud, "WARNING: SERVER CERTIFICATE CHANGED", "Pinned SHA-256:", fp[:48],
		changed.fingerprint()[:48], "delete the", "known_hosts", "Now shown:")
	dontWantScreen(t, loud, "connected to")
}

func TestTrustOnceIsForTheSession(t *testing.T) {
	kh := filepath.Join(t.TempDir(), "known_hosts")
	s := newCertServer(t)
	m := newTrustTest(t, s, kh)
	m = press(t, m, "enter")
	wantScreen(t, m, "connected to ann@ftp.example.org:21")
	if _, err := os.Stat(kh); err == nil {
		t.Fatal("trust once wrote known_hosts")
	}
	if got := m.links[1].cfg.Trust.Fingerprints; len(got) != 1 || got[0] != s.fingerprint() {
		t.Fatalf("the connection's config accepts %q (reconnections and transfers use it)", got)
	}
	m = press(t, m, "F")
	wantScreen(t, m, "Trust:    trusted for this session")

	cancelled := newTrustTest(t, newCertServer(t), kh)
	cancelled = press(t, cancelled, "esc")
	dontWantScreen(t, cancelled, "Unknown server certificate", "connected to")
}
