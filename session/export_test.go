package session

import "crypto/tls"

// DataTLSForTest is the data connections' TLS settings for a control
// connection that showed the certificate fp.
func DataTLSForTest(fp string) *tls.Config {
	return dataTLS(Config{Host: "127.0.0.1"}.tlsConfig(), fp)
}
