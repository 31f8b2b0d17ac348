package shell

import (
	"net"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestOpenWithTLS opens the embedded server with explicit and implicit TLS
// taken from Options.Template, as batch mode passes --tls on.
func TestOpenWithTLS(t *testing.T) {
	for _, tg := range testsrv.Embedded(t) {
		t.Run(tg.Name, func(t *testing.T) {
			mode := session.TLSExplicit
			if tg.Implicit {
				mode = session.TLSImplicit
			}
			out := &lockedBuffer{}
			e := &env{t: t, out: out, local: t.TempDir(), root: tg.Root}
			e.sh = New(Options{Out: out, LocalDir: e.local, NoNetrc: true,
				Template: session.Config{TLS: mode, RootCAs: tg.RootCAs}})
			defer e.sh.Close()
			e.run("open " + tg.Host + " " + strconv.Itoa(tg.Port))
			e.run("user " + tg.User + " " + tg.Pass)
			mustContain(t, "status", e.run("status"), mode.String())
			writeFile(t, filepath.Join(e.local, "s.bin"), bigContent(4000))
			e.run("put s.bin " + tg.Name + ".bin")
			if sum(t, filepath.Join(tg.Root, tg.Name+".bin")) != sumOf(bigContent(4000)) {
				t.Fatal("put over TLS: bytes differ")
			}
			e.run("close")
			if !tg.Implicit {
				// a URL's scheme decides over the template: plain FTP here
				e.run("open ftp://" + tg.User + ":" + tg.Pass + "@" + net.JoinHostPort(tg.Host, strconv.Itoa(tg.Port)))
				mustContain(t, "plain status", e.run("status"), "no TLS")
			}
		})
	}
}
