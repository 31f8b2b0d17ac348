package session

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"io"
	"net"
	"testing"
	"time"
)

// A TLS download's read takes every whole record that has arrived, up to
// the buffer, not one record (16 KiB) a call: 512 KiB sent and waiting
// come in reads of well over 16 KiB, every byte intact.
func TestTLSReadTakesWhatHasArrived(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	want := make([]byte, 512<<10)
	rand.Read(want)
	sent := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			sent <- err
			return
		}
		defer c.Close()
		c.(*net.TCPConn).SetWriteBuffer(1 << 20) // room for all of it
		srv := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}})
		_, err = srv.Write(want)
		sent <- err
		io.Copy(io.Discard, srv) // until the client is done
	}()
	raw, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.(*net.TCPConn).SetReadBuffer(1 << 20)
	d := &dataConn{w: &wire{timeout: 5 * time.Second}, raw: raw, tlsConf: &tls.Config{InsecureSkipVerify: true}}
	if err := d.ready(); err != nil {
		t.Fatal(err)
	}
	if err := <-sent; err != nil { // all of it is in the kernel's buffers
		t.Fatal(err)
	}
	var got []byte
	most := 0
	buf := make([]byte, 256<<10)
	for len(got) < len(want) {
		n, err := d.Read(buf)
		if err != nil {
			t.Fatalf("read after %d bytes: %v", len(got), err)
		}
		got = append(got, buf[:n]...)
		most = max(most, n)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the bytes read differ from those sent")
	}
	if most < 64<<10 {
		t.Errorf("the largest read was %d bytes, want at least 64 KiB of the 256 KiB asked", most)
	}
}
