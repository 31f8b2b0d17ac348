package session

import (
	"context"
	"net"
	"strings"
	"testing"
)

// An upload whose data connection the server resets fails with the
// local error in its words, not only the 426 that follows it (the
// library reports the reply, and errors are mapped by their code).
func TestUploadCutSaysWhy(t *testing.T) {
	data := newFakeData(t)
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("EPSV")
		c.send(data.epsv())
		c.expect("STOR /big")
		c.send("150 go")
		dc, err := data.ln.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		dc.(*net.TCPConn).SetLinger(0)
		dc.Close() // reset
		c.expect("ABOR")
		c.send("426 aborted", "226 ABOR done")
		c.expect("PWD")
		c.send(`257 "/" is cwd`)
		c.expect("QUIT")
		c.send("221 bye")
	})
	r := dialFake(t, cfg)
	w, err := r.Create(context.Background(), "/big", 0)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		if _, err = w.Write(chunk); err != nil {
			break
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	// The session is free once Close has the verdict, so closing it now
	// says QUIT (which the fake waits for) instead of dropping the line.
	select {
	case r.sem <- struct{}{}:
		<-r.sem
	default:
		t.Error("the session is still busy after the upload's Close returned")
	}
	if err == nil || !strings.Contains(err.Error(), "426") ||
		!(strings.Contains(err.Error(), "reset") || strings.Contains(err.Error(), "broken pipe")) {
		t.Fatalf("cut upload: %v, want the 426 with the reset named", err)
	}
}
