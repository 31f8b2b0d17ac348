package main

import (
	"crypto/tls"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
	"github.com/ftpane/ftpane/session/ftpd"
	"github.com/ftpane/ftpane/session/trust"
)

// tlsServer serves a folder with explicit TLS under a fresh self-signed
// certificate; it returns the address and the certificate's fingerprint.
func tlsServer(t *testing.T, conf *tls.Config) (string, string) {
	t.Helper()
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "secret-plans.txt"), []byte("x"), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-secret", TLS: conf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.Addr(), trust.Fingerprint(conf.Certificates[0].Certificate[0])
}

func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	conf, _, err := ftpd.SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	return conf
}

// withDataHome points the XDG data folder (known_hosts) at a fresh one.
func withDataHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	return filepath.Join(dir, "ftpane", "known_hosts")
}

func TestBatchUnknownCertificate(t *testing.T) {
	kh := withDataHome(t)
	addr, fp := tlsServer(t, selfSigned(t))
	url := "ftp://u@" + addr
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	code, out, errs := runBatchScript(t, t.TempDir(), "nlist\n", "--tls", url)
	if code != 1 || strings.Contains(out, "secret-plans") {
		t.Fatalf("unknown certificate: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"x509", "not trusted", fp, "--trust-fingerprint SHA256:" + fp} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	plain := strings.ToLower(strings.ReplaceAll(fp, ":", ""))
	code, out, errs = runBatchScript(t, t.TempDir(), "nlist\n", "--tls", "--trust-fingerprint", plain, url)
	if code != 0 || !strings.Contains(out, "secret-plans.txt") {
		t.Fatalf("--trust-fingerprint: exit %d\n%s\n%s", code, out, errs)
	}
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	other := strings.Repeat("AB", 32)
	if code, _, errs = runBatchScript(t, t.TempDir(), "nlist\n", "--tls", "--trust-fingerprint", other, url); code != 1 ||
		!strings.Contains(errs, fp) {
		t.Fatalf("another fingerprint: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(kh); err == nil {
		t.Fatal("batch mode wrote known_hosts")
	}
	if code, _, errs := runBatchScript(t, t.TempDir(), "", "--trust-fingerprint", "AB:CD", url); code != 2 ||
		!strings.Contains(errs, "64 hex digits") {
		t.Fatalf("a malformed fingerprint: exit %d %q", code, errs)
	}
}

// TestBatchPinnedCertificate: a pinned host connects without a flag; a
// changed certificate is refused with both fingerprints and the way out.
func TestBatchPinnedCertificate(t *testing.T) {
	kh := withDataHome(t)
	addr, fp := tlsServer(t, selfSigned(t))
	trust.Store{Path: kh}.Pin(addr, fp)
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	code, out, errs := runBatchScript(t, t.TempDir(), "nlist\n", "--tls", "ftp://u@"+addr)
	if code != 0 || !strings.Contains(out, "secret-plans.txt") {
		t.Fatalf("pinned: exit %d\n%s\n%s", code, out, errs)
	}
	addr2, fp2 := tlsServer(t, selfSigned(t))
	host, port, _ := net.SplitHostPort(addr2)
	trust.Store{Path: kh}.Pin(addr2, fp) // the old certificate pinned for the new server
	t.Setenv("FTPANE_PASSWORD", "pw-secret")
	code, out, errs = runBatchScript(t, t.TempDir(), "nlist\n", "--tls", "ftp://u@"+host+":"+port)
	if code != 1 || strings.Contains(out, "secret-plans") {
		t.Fatalf("changed: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"HAS CHANGED", fp, fp2, kh, "delete the line for " + addr2} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestBatchInsecureWarnsEveryConnection(t *testing.T) {
	withDataHome(t)
	addr, fp := tlsServer(t, selfSigned(t))
	host, port, _ := net.SplitHostPort(addr)
	script := "user u pw-secret\nnlist\nclose\nopen " + host + " " + port + "\nuser u pw-secret\nnlist\n"
	code, out, errs := runBatchScript(t, t.TempDir(), script, "-n", "--tls", "--insecure", host, port)
	if code != 0 || strings.Count(out, "secret-plans.txt") != 2 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if n := strings.Count(errs, "ftpane: warning: u@"+addr+": TLS certificate NOT verified (--insecure); SHA-256 "+fp); n != 2 {
		t.Fatalf("%d warnings, want one per connection:\n%s", n, errs)
	}
}
