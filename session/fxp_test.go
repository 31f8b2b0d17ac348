package session_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestFXP copies between two servers on 127.0.0.1: the embedded server
// twice, and vsftpd to pure-ftpd when they run.
func TestFXP(t *testing.T) {
	pairs := [][2]testsrv.Target{{testsrv.Embedded(t)[0], testsrv.Embedded(t)[0]}}
	if real := testsrv.Real(t); len(real) >= 2 {
		pairs = append(pairs, [2]testsrv.Target{real[0], real[1]})
	}
	for _, p := range pairs {
		t.Run(p[0].Name+"-to-"+p[1].Name, func(t *testing.T) {
			src, _ := dial(t, p[0], variant{})
			dst, _ := dial(t, p[1], variant{})
			data := randomBytes(t, 2<<20)
			put(t, src, "/fxp-src.bin", data, 0)
			if err := session.FXP(context.Background(), src, "/fxp-src.bin", dst, "/fxp-dst.bin"); err != nil {
				t.Fatalf("fxp: %v", err)
			}
			if got := onDisk(t, p[1], "/fxp-dst.bin"); sum(got) != sum(data) {
				t.Fatalf("copied %d bytes, sha256 differs", len(got))
			}
			for _, r := range []*session.Remote{src, dst} {
				if _, err := r.Pwd(context.Background()); err != nil {
					t.Fatalf("session out of step after FXP: %v", err)
				}
			}
			src.Delete(context.Background(), "/fxp-src.bin")
			dst.Delete(context.Background(), "/fxp-dst.bin")
		})
	}
}

func TestFXPMissingSource(t *testing.T) {
	tg := testsrv.Embedded(t)[0]
	src, _ := dial(t, tg, variant{})
	dst, _ := dial(t, tg, variant{})
	err := session.FXP(context.Background(), src, "/nope", dst, "/out")
	var re *session.ReplyError
	if !errors.As(err, &re) || re.Code != 550 {
		t.Fatalf("want the source's 550, got %v", err)
	}
	for _, r := range []*session.Remote{src, dst} {
		if _, err := r.Pwd(context.Background()); err != nil {
			t.Fatalf("session out of step after a refused FXP: %v", err)
		}
	}
	if _, err := dst.Size(context.Background(), "/out"); err == nil {
		t.Fatal("the destination keeps an empty /out that looks complete")
	}
}
