package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// Settle is two writes: the fake reads SIZE and RNFR before it answers
// either, then RNTO and MFMT (a client waiting for a reply in between
// would stall it). A wrong size stops it before RNTO, a refused RNTO is
// reported as not renamed, a missing file in the server's words, and the
// connection stays in step through all of them.
func TestSettleIsTwoRoundTrips(t *testing.T) {
	when := time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	cfg := startFake(t, func(c *fakeConn) {
		c.loginWith(" MFMT", " SIZE")
		c.expect("SIZE /a.part")
		c.expect("RNFR /a.part")
		c.send("213 5", "350 ready")
		c.expect("RNTO /a")
		c.expect("MFMT 20250607080910 /a")
		c.send("250 renamed", "213 Modify=20250607080910; /a")
		// a wrong size: no RNTO follows
		c.expect("SIZE /b.part")
		c.expect("RNFR /b.part")
		c.send("213 4", "350 ready")
		c.expect("MKD /d")
		c.send(`257 "/d" created`)
		// RNTO refused: the time is still answered
		c.expect("SIZE /c.part")
		c.expect("RNFR /c.part")
		c.send("213 5", "350 ready")
		c.expect("RNTO /c")
		c.expect("MFMT")
		c.send("553 not allowed", "550 /c: no such file")
		// the .part is gone
		c.expect("SIZE /e.part")
		c.expect("RNFR /e.part")
		c.send("550 /e.part: no such file", "550 /e.part: no such file")
		c.expect("QUIT")
		c.send("221 bye")
	})
	r := dialFake(t, cfg)
	ctx := context.Background()
	want5 := func(n int64) error {
		if n != 5 {
			return errors.New("wrong size")
		}
		return nil
	}
	got, err := r.Settle(ctx, Settle{Part: "/a.part", Target: "/a", Check: want5, ModTime: when})
	if err != nil || !got.Renamed || !got.TimeSet {
		t.Fatalf("settle: %+v %v", got, err)
	}
	if _, err := r.Settle(ctx, Settle{Part: "/b.part", Target: "/b", Check: want5, ModTime: when}); err == nil || err.Error() != "settle /b.part: wrong size" {
		t.Fatalf("wrong size: %v", err)
	}
	if err := r.Mkdir(ctx, "/d"); err != nil {
		t.Fatalf("the connection is out of step after a wrong size: %v", err)
	}
	got, err = r.Settle(ctx, Settle{Part: "/c.part", Target: "/c", Check: want5, ModTime: when})
	if err != nil || got.Renamed || got.TimeSet {
		t.Fatalf("refused RNTO: %+v %v", got, err)
	}
	_, err = r.Settle(ctx, Settle{Part: "/e.part", Target: "/e", Check: want5})
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 550 || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("missing .part: %v", err)
	}
}

// vsftpd sets a time with MDTM's two-argument form; a server with
// neither MFMT nor MDTM gets no time command.
func TestSettleTimeCommand(t *testing.T) {
	when := time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	ok := func(int64) error { return nil }
	cfg := startFake(t, func(c *fakeConn) {
		c.loginWith(" MDTM", " SIZE")
		c.expect("SIZE /a.part")
		c.expect("RNFR /a.part")
		c.send("213 1", "350 ready")
		c.expect("RNTO /a")
		c.expect("MDTM 20250607080910 /a")
		c.send("250 renamed", "213 ok")
		c.expect("QUIT")
		c.send("221 bye")
	})
	r := dialFake(t, cfg)
	if got, err := r.Settle(context.Background(), Settle{Part: "/a.part", Target: "/a", Check: ok, ModTime: when}); err != nil || !got.TimeSet {
		t.Fatalf("settle: %+v %v", got, err)
	}
	cfg = startFake(t, func(c *fakeConn) {
		c.loginWith(" SIZE")
		c.expect("SIZE /a.part")
		c.expect("RNFR /a.part")
		c.send("213 1", "350 ready")
		c.expect("RNTO /a")
		c.send("250 renamed")
		c.expect("NOOP")
		c.send("200 ok")
		c.expect("QUIT")
		c.send("221 bye")
	})
	r = dialFake(t, cfg)
	if got, err := r.Settle(context.Background(), Settle{Part: "/a.part", Target: "/a", Check: ok, ModTime: when}); err != nil || !got.Renamed || got.TimeSet {
		t.Fatalf("settle without a time command: %+v %v", got, err)
	}
	if _, err := r.Quote(context.Background(), "NOOP"); err != nil {
		t.Fatalf("out of step: %v", err)
	}
}
