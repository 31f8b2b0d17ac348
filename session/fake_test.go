package session

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

func TestSilentServerIsAnError(t *testing.T) {
	hold := make(chan struct{})
	cfg := startFake(t, func(c *fakeConn) { <-hold }) // never greets
	defer close(hold)
	cfg.Timeout = 300 * time.Millisecond
	start := time.Now()
	_, err := Dial(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "did not answer within 300ms") {
		t.Fatalf("want a timeout error naming the limit, got %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("Dial hung for %v", time.Since(start))
	}
}

func TestDialCancelled(t *testing.T) {
	hold := make(chan struct{})
	cfg := startFake(t, func(c *fakeConn) { <-hold })
	defer close(hold)
	cfg.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel) // cancel while Dial waits for the greeting
	if _, err := Dial(ctx, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}

func TestAccountSentOn332(t *testing.T) {
	var acct string
	cfg := startFake(t, func(c *fakeConn) {
		c.send("220 fake")
		c.expect("USER u")
		c.send("331 pass")
		c.expect("PASS secret-pw")
		c.send("332 need account")
		acct = c.expect("ACCT")
		c.send("230 ok")
		c.expect("FEAT")
		c.send("502 no")
		c.expect("TYPE I")
		c.send("200 binary")
		c.expect("PWD")
		c.send(`257 "/home/u"`)
		c.expect("QUIT")
	})
	cfg.Account = "acct-secret"
	var trace []string
	r, err := Dial(context.Background(), cfg, WithTrace(func(d TraceDir, l string) { trace = append(trace, l) }))
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if acct != "ACCT acct-secret" {
		t.Fatalf("server got %q", acct)
	}
	all := strings.Join(trace, "\n")
	if strings.Contains(all, "secret") || !strings.Contains(all, "ACCT ****") {
		t.Fatalf("transcript must mask PASS and ACCT:\n%s", all)
	}
	if r.home != "/home/u" {
		t.Fatalf("home %q", r.home)
	}
}

func TestWrongPasswordKeepsServerWords(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) {
		c.send("220 fake")
		c.expect("USER")
		c.send("331 pass")
		c.expect("PASS")
		c.send("530 Login incorrect.")
	})
	_, err := Dial(context.Background(), cfg)
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 530 || re.Msg != "Login incorrect." {
		t.Fatalf("want ReplyError 530 'Login incorrect.', got %#v", err)
	}
}

func TestTooManyConnectionsAtGreeting(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) { c.send("421 Too many connections (8) from this IP") })
	_, err := Dial(context.Background(), cfg)
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 421 || !strings.Contains(re.Msg, "Too many") {
		t.Fatalf("want the server's 421, got %v", err)
	}
}

// TestAuthTLSInjection: plain-text bytes after 234 must not be taken as
// if they came over TLS (the STARTTLS injection attack).
func TestAuthTLSInjection(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) {
		c.send("220 fake")
		c.expect("AUTH TLS")
		// One segment, as the attack sends it: the injected line is
		// already buffered when the client starts TLS.
		c.conn.Write([]byte("234 go ahead\r\n230 injected login\r\n"))
		c.r.ReadByte()
	})
	cfg.TLS = TLSExplicit
	_, err := Dial(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "unencrypted data after its 234") {
		t.Fatalf("want the injection refused, got %v", err)
	}
}

func TestCertificateVerified(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) {
		c.send("220 fake")
		c.expect("AUTH TLS")
		c.send("234 go ahead")
		cert := selfSigned(t)
		tc := tls.Server(c.conn, &tls.Config{Certificates: []tls.Certificate{cert}})
		tc.Handshake()
	})
	cfg.TLS = TLSExplicit
	_, err := Dial(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("a self-signed certificate must be refused without --insecure, got %v", err)
	}
}

// TestHostilePASVAddress: the data connection goes to the control
// connection's peer, whatever address the PASV reply names.
func TestHostilePASVAddress(t *testing.T) {
	data := newFakeData(t)
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("EPSV")
		c.send("500 no EPSV")
		c.expect("PASV")
		c.send(data.pasv("10,9,8,7"))
		c.expect("NLST")
		data.serve(c, "a\r\nb")
		c.expect("QUIT")
	})
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	names, err := r.NameList(context.Background(), "")
	if err != nil || strings.Join(names, ",") != "a,b" {
		t.Fatalf("NLST through a PASV naming 10.9.8.7: %q, %v", names, err)
	}
}

func TestMalformedReply(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) { c.send("hello, I am not FTP") })
	_, err := Dial(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "malformed server reply") {
		t.Fatalf("got %v", err)
	}
}

// TestLibraryReadsOneLineAtATime pins the property the wire relies on.
func TestLibraryReadsOneLineAtATime(t *testing.T) {
	w := &wire{}
	w.queue(Reply{Code: 211, Lines: []string{"211-a", " b", "211 c"}})
	buf := make([]byte, 1024)
	for _, want := range []string{"211-a\r\n", " b\r\n", "211 c\r\n"} {
		n, err := w.Read(buf)
		if err != nil || string(buf[:n]) != want {
			t.Fatalf("Read gave %q, %v; want %q", buf[:n], err, want)
		}
	}
}

// TestEPRTFallsBackToPORT: a server without EPRT gets PORT, and the data
// connection it opens is accepted.
func TestEPRTFallsBackToPORT(t *testing.T) {
	var portCmd string
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("EPRT |1|127.0.0.1|")
		c.send("500 EPRT not understood")
		portCmd = c.expect("PORT 127,0,0,1,")
		c.send("200 PORT ok")
		c.expect("NLST")
		c.send("150 here")
		var h1, h2, h3, h4, p1, p2 int
		fmt.Sscanf(portCmd, "PORT %d,%d,%d,%d,%d,%d", &h1, &h2, &h3, &h4, &p1, &p2)
		dc, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p1*256+p2))
		if err != nil {
			t.Error(err)
			return
		}
		fmt.Fprintf(dc, "x\r\n")
		dc.Close()
		c.send("226 done")
		c.expect("QUIT")
	})
	cfg.Active = true
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	names, err := r.NameList(context.Background(), "")
	if err != nil || len(names) != 1 || names[0] != "x" {
		t.Fatalf("NLST in active mode via PORT: %q, %v", names, err)
	}
}

// TestPipelinedEPSV: once an EPSV has worked, the next goes out in one
// packet with its transfer command (the fake reads both before answering,
// so a client waiting for 229 first would hang here). When a pipelined
// EPSV fails, the command's own refusal is dropped, the data connection is
// negotiated step by step and the command sent again: the caller sees only
// its listing.
func TestPipelinedEPSV(t *testing.T) {
	data := newFakeData(t)
	serve, epsv := data.serve, data.epsv()
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("EPSV") // the first: alone
		c.send(epsv)
		c.expect("NLST")
		serve(c, "a")
		c.expect("EPSV") // the second: with its command
		c.expect("NLST")
		c.send(epsv)
		serve(c, "b")
		c.expect("EPSV") // the third fails
		c.expect("NLST")
		c.send("500 EPSV not now", "425 Use PORT or PASV first")
		c.expect("EPSV")
		c.send("500 EPSV not understood")
		c.expect("PASV")
		c.send(data.pasv("127,0,0,1"))
		c.expect("NLST")
		serve(c, "c")
		c.expect("PASV") // and no more pipelining
		c.send(data.pasv("127,0,0,1"))
		c.expect("NLST")
		serve(c, "d")
		c.expect("QUIT")
	})
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, want := range []string{"a", "b", "c", "d"} {
		names, err := r.NameList(context.Background(), "")
		if err != nil || strings.Join(names, ",") != want {
			t.Fatalf("NLST: %q, %v; want %q", names, err, want)
		}
	}
}

// TestFirstEPSVPipelinedWhenListed: a server whose FEAT lists EPSV gets
// even the first EPSV in one packet with its command.
func TestFirstEPSVPipelinedWhenListed(t *testing.T) {
	data := newFakeData(t)
	cfg := startFake(t, func(c *fakeConn) {
		c.send("220 fake")
		c.expect("USER")
		c.send("331 pass")
		c.expect("PASS")
		c.send("230 ok")
		c.expect("FEAT")
		c.send("211-Features:", " EPSV", " MDTM", "211 End")
		c.expect("TYPE I")
		c.send("200 binary")
		c.expect("PWD")
		c.send(`257 "/" is cwd`)
		c.expect("EPSV") // read both before answering either
		c.expect("NLST")
		c.send(data.epsv())
		data.serve(c, "a")
		c.expect("QUIT")
	})
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	names, err := r.NameList(context.Background(), "")
	if err != nil || strings.Join(names, ",") != "a" {
		t.Fatalf("NLST: %q, %v", names, err)
	}
}

// A rename is RNFR and RNTO in one write: the fake reads both before it
// answers either (a client waiting for RNFR's reply would stall it). A
// refused RNFR is reported in the server's words, RNTO's 503 is read
// with it, and the next command gets its own reply.
func TestRenameIsOneRoundTrip(t *testing.T) {
	cfg := startFake(t, func(c *fakeConn) {
		c.login()
		c.expect("RNFR /a.part")
		c.expect("RNTO /a")
		c.send("350 ready", "250 renamed")
		c.expect("RNFR /gone")
		c.expect("RNTO /b")
		c.send("550 /gone: no such file", "503 RNFR first")
		c.expect("RNFR /c.part")
		c.expect("RNTO /c")
		c.send("350 ready", "553 not allowed")
		c.expect("MKD /d")
		c.send(`257 "/d" created`)
		c.expect("QUIT")
		c.send("221 bye")
	})
	r, err := Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	if err := r.Rename(ctx, "/a.part", "/a"); err != nil {
		t.Fatalf("rename: %v", err)
	}
	err = r.Rename(ctx, "/gone", "/b")
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 550 || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("refused RNFR: %v", err)
	}
	if err := r.Rename(ctx, "/c.part", "/c"); !errors.As(err, &re) || re.Code != 553 {
		t.Fatalf("refused RNTO: %v", err)
	}
	if err := r.Mkdir(ctx, "/d"); err != nil {
		t.Fatalf("the connection is out of step after the refusals: %v", err)
	}
}
