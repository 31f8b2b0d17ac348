package session_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/session/trust"
)

// TestTrustOnFirstUse: a self-signed certificate is unknown (with its
// fingerprint), passes once accepted or pinned, and a pin for another
// certificate refuses it loudly. Data connections (a listing, a
// download) work under the accepted certificate.
func TestTrustOnFirstUse(t *testing.T) {
	for _, target := range testsrv.Embedded(t) {
		t.Run(target.Name, func(t *testing.T) {
			cfg := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass,
				TLS: session.TLSExplicit}
			if target.Implicit {
				cfg.TLS = session.TLSImplicit
			}
			_, err := session.Dial(context.Background(), cfg)
			var unknown *trust.UnknownError
			if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "x509") {
				t.Fatalf("self-signed: want an unknown certificate with the x509 reason, got %v", err)
			}
			fp := unknown.Cert.Fingerprint
			if unknown.Cert.TLSVersion != "TLS 1.3" || !strings.Contains(unknown.Cert.Subject, "ftpane self-signed") {
				t.Fatalf("certificate %+v", unknown.Cert)
			}
			cfg.Trust = cfg.Trust.WithFingerprint(fp)
			r, err := session.Dial(context.Background(), cfg)
			if err != nil {
				t.Fatalf("accepted once: %v", err)
			}
			if _, err := r.List(context.Background(), "/"); err != nil {
				t.Fatalf("list over TLS: %v", err)
			}
			if c, ok := r.Certificate(); !ok || c.Fingerprint != fp || r.Fingerprint() != fp {
				t.Fatalf("certificate of the session: %+v", c)
			}
			r.Close()

			kh := filepath.Join(t.TempDir(), "known_hosts")
			cfg.Trust = trust.Policy{KnownHosts: kh}
			trust.Store{Path: kh}.Pin(cfg.Addr(), fp)
			if r, err := session.Dial(context.Background(), cfg); err != nil {
				t.Fatalf("pinned: %v", err)
			} else {
				r.Close()
			}
			trust.Store{Path: kh}.Pin(cfg.Addr(), strings.Repeat("AB:", 31)+"AB")
			_, err = session.Dial(context.Background(), cfg)
			var changed *trust.ChangedError
			if !errors.As(err, &changed) || changed.Cert.Fingerprint != fp {
				t.Fatalf("changed: %v", err)
			}
		})
	}
}

// TestInsecureWarnsEveryConnection: --insecure accepts the certificate
// and says so on each connection.
func TestInsecureWarnsEveryConnection(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	var warnings []string
	cfg := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass,
		TLS: session.TLSExplicit, Insecure: true}
	warn := session.WithEvents(func(e session.Event) {
		if e.Kind == session.EventInsecure {
			warnings = append(warnings, e.Err.Error())
		}
	})
	for range 2 {
		r, err := session.Dial(context.Background(), cfg, warn)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "NOT verified (--insecure)") {
		t.Fatalf("warnings %q", warnings)
	}
}

// TestDataConnectionMustShowTheSameCertificate shakes hands with a TLS
// server using the data connections' settings: another certificate than
// the control connection's is refused.
func TestDataConnectionMustShowTheSameCertificate(t *testing.T) {
	control, _, _ := ftpd.SelfSignedTLS()
	other, _, _ := ftpd.SelfSignedTLS()
	fp := func(c *tls.Config) string { return trust.Fingerprint(c.Certificates[0].Certificate[0]) }
	for _, c := range []struct {
		server *tls.Config
		ok     bool
	}{{control, true}, {other, false}} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			if b, err := ln.Accept(); err == nil {
				tls.Server(b, c.server).Handshake()
				b.Close()
			}
		}()
		a, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		err = tls.Client(a, session.DataTLSForTest(fp(control))).Handshake()
		a.Close()
		<-done
		ln.Close()
		if (err == nil) != c.ok || !c.ok && !strings.Contains(err.Error(), "another TLS certificate") {
			t.Errorf("server with the %s certificate: %v", map[bool]string{true: "same", false: "other"}[c.ok], err)
		}
	}
}
