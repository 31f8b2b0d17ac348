package shell

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ftpane/ftpane/session/ftpd"
)

// BenchmarkMirrorWalk: mirror of a tree of 100 folders of 100 files that
// is already up to date, against the embedded server: both trees are
// walked and nothing is copied, so the time is the walk's. get mirrors
// the server's tree down, put (-R) the local tree up; over loopback, and
// over a link of 10 ms round trip (the control connection delayed 5 ms
// each way), where a walk spends its time waiting for replies.
func BenchmarkMirrorWalk(b *testing.B) {
	root, local := b.TempDir(), b.TempDir()
	for d := range 100 {
		for f := range 100 {
			p := filepath.Join(root, "src", fmt.Sprintf("d%03d", d), fmt.Sprintf("f%03d.txt", f))
			if f == 0 {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					b.Fatal(err)
				}
			}
			if err := os.WriteFile(p, []byte(p), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw-secret"})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for i, link := range []struct {
		name  string
		delay time.Duration
	}{{"loopback", 0}, {"rtt10ms", 5 * time.Millisecond}} {
		addr := srv.Addr()
		if link.delay > 0 {
			addr = slowLink(b, addr, link.delay)
		}
		out := &lockedBuffer{}
		sh := New(Options{Out: out, LocalDir: local, NoNetrc: true, Batch: true})
		run := func(b *testing.B, line string) string {
			if err := sh.Run(context.Background(), line); err != nil {
				b.Fatalf("%s: %v\n%s", line, err, out.take())
			}
			return out.take()
		}
		host, port, _ := net.SplitHostPort(addr)
		run(b, "open "+host+" "+port)
		run(b, "user u pw-secret")
		if i == 0 {
			run(b, "mirror src")       // the local copy, and
			run(b, "mirror -R src up") // the server's second one
		}
		for _, c := range []struct{ name, line string }{{"get", "mirror src"}, {"put", "mirror -R src up"}} {
			b.Run(link.name+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					if got := run(b, c.line); !strings.Contains(got, "Total: 101 directories, 10000 files; 0 transferred") {
						b.Fatalf("%s: %s", c.line, got)
					}
				}
			})
		}
		sh.Close()
	}
}

// slowLink forwards connections to target with every byte arriving delay
// later, each way, as over a link of that one-way latency. Data
// connections (passive) go to the server directly.
func slowLink(tb testing.TB, target string, delay time.Duration) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, c, s)
			mu.Unlock()
			wg.Add(2)
			go func() { defer wg.Done(); delayCopy(s, c, delay) }()
			go func() { defer wg.Done(); delayCopy(c, s, delay) }()
		}
	}()
	tb.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

// delayCopy copies src to dst, each read delivered delay after it
// arrived; when src ends, both are closed.
func delayCopy(dst, src net.Conn, delay time.Duration) {
	type chunk struct {
		at time.Time
		b  []byte
	}
	ch := make(chan chunk, 256)
	go func() {
		defer close(ch)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				ch <- chunk{time.Now().Add(delay), buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	broken := false
	for c := range ch {
		if broken {
			continue // drained, so the reader can end
		}
		time.Sleep(time.Until(c.at)) // the link's latency
		_, err := dst.Write(c.b)
		broken = err != nil
	}
	dst.Close()
	src.Close()
}
