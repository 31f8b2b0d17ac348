package session_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestSwitchModesMidSession: passive/active and ASCII/binary apply to the
// next data connection, without reconnecting.
func TestSwitchModesMidSession(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	var trace []string
	cfg := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass}
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg, session.WithTrace(func(d session.TraceDir, l string) {
		if d == session.TraceSent {
			trace = append(trace, l)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data := []byte("line one\nline two\n")
	for i, passive := range []bool{true, false, true} {
		r.SetPassive(passive)
		if r.Passive() != passive {
			t.Fatalf("Passive() = %v after SetPassive(%v)", r.Passive(), passive)
		}
		name := fmt.Sprintf("/m%d.txt", i)
		put(t, r, name, data, 0)
		if got := get(t, r, name, 0); string(got) != string(data) {
			t.Fatalf("round trip %d (passive=%v): %q", i, passive, got)
		}
	}
	all := strings.Join(trace, "\n")
	if strings.Count(all, "EPSV") != 4 || strings.Count(all, "EPRT") != 2 {
		t.Fatalf("want 4 EPSV (two passive rounds) and 2 EPRT (one active round):\n%s", all)
	}
	rep, err := r.Form(ctx, "non-print")
	if err != nil || rep.Code != 200 || r.Type() != session.TypeASCII {
		t.Fatalf("form non-print: %v %v, type %v", rep, err, r.Type())
	}
	if err := r.SetType(ctx, session.TypeBinary); err != nil || r.Type() != session.TypeBinary {
		t.Fatalf("back to binary: %v", err)
	}
}

// TestChecksum: the server's HASH of a file equals ours.
func TestChecksum(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	r, _ := dial(t, target, variant{})
	data := randomBytes(t, 100000)
	put(t, r, "/h.bin", data, 0)
	sum, ok, err := r.Checksum(context.Background(), "/h.bin")
	if err != nil || !ok {
		t.Fatalf("checksum: ok=%v err=%v", ok, err)
	}
	want := fmt.Sprintf("%x", sha256.Sum256(data))
	if sum.Algo != "SHA-256" || sum.Hex != want {
		t.Fatalf("server says %s %s, want SHA-256 %s", sum.Algo, sum.Hex, want)
	}
}
