// Package zonesrv is a test-only FTP server whose clock runs in another
// time zone: LIST shows modification times in that zone, as a server with
// TZ set to it does, while MDTM answers in UTC as RFC 3659 requires. MLSD
// is off, so a client has to work the offset out from LIST and MDTM.
package zonesrv

import (
	"crypto/tls"
	"errors"
	"os"
	"testing"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"
)

// User and Pass are the one login.
const (
	User = "zone"
	Pass = "zone-pw"
)

// Start serves dir on 127.0.0.1 with LIST times in zone and returns the
// address; the server stops when the test ends.
func Start(t testing.TB, dir string, zone *time.Location) string {
	t.Helper()
	d := &driver{fs: afero.NewBasePathFs(afero.NewOsFs(), dir), zone: zone}
	srv := ftpserver.NewFtpServer(d)
	if err := srv.Listen(); err != nil {
		t.Fatalf("zonesrv: %v", err)
	}
	done := make(chan struct{})
	go func() { srv.Serve(); close(done) }()
	t.Cleanup(func() { srv.Stop(); <-done })
	return srv.Addr()
}

type driver struct {
	fs   afero.Fs
	zone *time.Location
}

func (d *driver) GetSettings() (*ftpserver.Settings, error) {
	return &ftpserver.Settings{ListenAddr: "127.0.0.1:0", PublicHost: "127.0.0.1", DisableMLSD: true,
		DisableMLST: true, ActiveTransferPortNon20: true, DefaultTransferType: ftpserver.TransferTypeBinary}, nil
}

func (d *driver) ClientConnected(ftpserver.ClientContext) (string, error) { return "zonesrv", nil }
func (d *driver) ClientDisconnected(ftpserver.ClientContext)              {}
func (d *driver) GetTLSConfig() (*tls.Config, error)                      { return nil, errors.New("no TLS") }

func (d *driver) AuthUser(_ ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	if user != User || pass != Pass {
		return nil, errors.New("bad login")
	}
	return &client{Fs: d.fs, zone: d.zone}, nil
}

// client lists with times in its zone; Stat (MDTM) is left alone.
type client struct {
	afero.Fs
	zone *time.Location
}

// ReadDir is ftpserverlib's listing hook.
func (c *client) ReadDir(name string) ([]os.FileInfo, error) {
	infos, err := afero.ReadDir(c.Fs, name)
	if err != nil {
		return nil, err
	}
	for i, fi := range infos {
		infos[i] = zoned{fi, c.zone}
	}
	return infos, nil
}

type zoned struct {
	os.FileInfo
	zone *time.Location
}

func (z zoned) ModTime() time.Time { return z.FileInfo.ModTime().In(z.zone) }
