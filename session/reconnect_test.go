package session_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

// proxy forwards TCP connections to a server and can cut them all, as a
// dropped network or a restarted server would.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	go p.serve(target)
	t.Cleanup(func() { ln.Close(); p.cut() })
	return p
}

func (p *proxy) serve(target string) {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close() }()
		go func() { io.Copy(c, s); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func TestReconnectReturnsToTheSameFolder(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	px := startProxy(t, target.Addr())
	events := make(chan session.Event, 4)
	cfg := session.Config{Host: "127.0.0.1", Port: px.port(), User: target.User, Password: target.Pass,
		Timeout: 5 * time.Second}
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg, session.WithEvents(func(e session.Event) { events <- e }))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Mkdir(ctx, "/deep"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Chdir(ctx, "/deep"); err != nil {
		t.Fatal(err)
	}
	px.cut()
	l, err := r.List(ctx, "") // the current folder, after the drop
	if err != nil {
		t.Fatalf("list after the connection dropped: %v", err)
	}
	if pwd, err := r.Pwd(ctx); err != nil || pwd != "/deep" {
		t.Fatalf("after reconnecting the session is in %q (%v), want /deep", pwd, err)
	}
	if len(l.Entries) != 0 {
		t.Fatalf("listing of the empty /deep shows %v", l.Entries)
	}
	var kinds []string
	for len(kinds) < 2 {
		select {
		case e := <-events:
			kinds = append(kinds, e.Kind.String()+" "+e.Dir)
		case <-time.After(5 * time.Second):
			t.Fatalf("events so far %v: want disconnected and reconnected", kinds)
		}
	}
	if strings.Join(kinds, ",") != "disconnected /deep,reconnected /deep" {
		t.Fatalf("events %v", kinds)
	}
}

// TestReconnectNeverLandsElsewhere: when the folder is gone after the
// reconnect, the operation fails and says so.
func TestReconnectNeverLandsElsewhere(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	px := startProxy(t, target.Addr())
	cfg := session.Config{Host: "127.0.0.1", Port: px.port(), User: target.User, Password: target.Pass, Timeout: 5 * time.Second}
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.Mkdir(ctx, "/gone")
	if _, err := r.Chdir(ctx, "/gone"); err != nil {
		t.Fatal(err)
	}
	other, err := session.Dial(ctx, session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Remove(ctx, "/gone"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	px.cut()
	_, err = r.List(ctx, "")
	if err == nil || !strings.Contains(err.Error(), "could not return to /gone") {
		t.Fatalf("want an error naming /gone, got %v", err)
	}
}

func TestKeepaliveSendsNoop(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	noops := make(chan struct{}, 8)
	cfg := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass,
		Keepalive: 100 * time.Millisecond}
	r, err := session.Dial(context.Background(), cfg, session.WithTrace(func(d session.TraceDir, l string) {
		if d == session.TraceSent && l == "NOOP" {
			select {
			case noops <- struct{}{}:
			default:
			}
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	select {
	case <-noops:
	case <-time.After(10 * time.Second):
		t.Fatal("no NOOP sent by an idle session with keepalive on")
	}
	if _, err := r.Pwd(context.Background()); err != nil {
		t.Fatalf("after keepalive: %v", err)
	}
}

func TestAnonymousLogin(t *testing.T) {
	dir := t.TempDir()
	srv, err := ftpd.Start(ftpd.Options{Dir: dir, Addr: "127.0.0.1:0", Anonymous: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, err := session.ParseURL("ftp://" + srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	r, err := session.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("anonymous login: %v", err)
	}
	defer r.Close()
	err = r.Mkdir(context.Background(), "/x")
	var re *session.ReplyError
	if !errors.As(err, &re) || re.Code != 550 || !strings.Contains(re.Msg, "read-only") {
		t.Fatalf("mkdir on a read-only server: want its 550 saying read-only, got %v", err)
	}
}

func TestInsecureAcceptsSelfSigned(t *testing.T) {
	target := testsrv.Embedded(t)[0]
	base := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass, TLS: session.TLSExplicit}
	if _, err := session.Dial(context.Background(), base); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("self-signed without --insecure: want a certificate error, got %v", err)
	}
	base.Insecure = true
	r, err := session.Dial(context.Background(), base)
	if err != nil {
		t.Fatalf("--insecure: %v", err)
	}
	defer r.Close()
	if fp := r.Fingerprint(); len(fp) != 95 || strings.Count(fp, ":") != 31 {
		t.Fatalf("fingerprint %q: want 32 colon-separated hex bytes", fp)
	}
	if _, err := r.List(context.Background(), "/"); err != nil {
		t.Fatalf("list over TLS: %v", err)
	}
}
