package session

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ftpane/ftpane/session/trust"
	"github.com/jlaffaye/ftp"
)

// TransferType is the FTP representation type (TYPE A or TYPE I).
type TransferType int

// Binary is the default; ASCII converts line ends on the wire.
const (
	TypeBinary TransferType = iota
	TypeASCII
)

func (t TransferType) String() string {
	if t == TypeASCII {
		return "ascii"
	}
	return "binary"
}

// Remote is one login to one FTP server. Its methods are safe for
// concurrent use: they take turns on the one control connection (a
// transfer holds it until its reader or writer is closed).
type Remote struct {
	cfg   Config
	hooks Hooks         // from Dial's options; never in cfg, which callers copy
	sem   chan struct{} // the connection lock
	w     *wire
	c     *ftp.ServerConn
	home  string
	cwd   string

	passive     atomic.Bool
	typ         atomic.Int32 // a TransferType
	codec       *nameCodec
	certificate trust.Cert             // the server's certificate, with TLS
	lsArgs      atomic.Bool            // the server lists through /bin/ls (list_folder.go)
	encoding    atomic.Pointer[string] // set by SetEncoding (encoding_hint.go)
	hinted      string                 // the charset last suggested
	lastUse     atomic.Int64
	done        chan struct{}
	once        sync.Once
}

var _ FS = (*Remote)(nil)

// Dial connects, logs in and, when the config names a folder, enters it.
// The options set the hooks the connection reports to for its lifetime.
func Dial(ctx context.Context, cfg Config, opts ...DialOption) (*Remote, error) {
	if err := checkArg(cfg.Host, cfg.User, cfg.Dir); err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := checkSecret(cfg.Password, cfg.Account); err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	codec, err := newNameCodec(cfg.Encoding)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	r := &Remote{cfg: cfg, hooks: HooksOf(opts...), sem: make(chan struct{}, 1), done: make(chan struct{}), codec: codec}
	r.passive.Store(!cfg.Active)
	if err := r.connect(ctx); err != nil {
		return nil, err
	}
	if dir := urlDir(cfg.Dir); dir != "" {
		if _, err := r.Chdir(ctx, dir); err != nil {
			r.Close()
			return nil, err
		}
	}
	if cfg.Keepalive > 0 {
		go r.keepalive(cfg.Keepalive)
	}
	return r, nil
}

// urlDir reads a URL path as RFC 1738 does: relative to the login folder,
// absolute when it starts with an encoded slash (ftp://host/%2Fetc).
func urlDir(p string) string {
	if strings.HasPrefix(p, "//") {
		return p[1:]
	}
	return strings.TrimPrefix(p, "/")
}

// connect dials, does TLS, and logs in through the library.
func (r *Remote) connect(ctx context.Context) error {
	cfg := r.cfg
	d := net.Dialer{Timeout: cfg.timeout()}
	tcp, err := d.DialContext(ctx, "tcp", cfg.Addr())
	if err != nil {
		return fmt.Errorf("connect %s: %w", cfg.Addr(), err)
	}
	w := newWire(tcp, cfg.timeout(), r.hooks.Trace)
	w.account, w.passive, w.codec = cfg.Account, r.passive.Load(), r.codec
	stop := context.AfterFunc(ctx, func() { w.interrupt(true) })
	defer stop()
	c, err := r.login(w)
	if err != nil {
		w.Close()
		if ctx.Err() != nil {
			return fmt.Errorf("connect %s: %w", cfg.Addr(), ctx.Err())
		}
		return mapErr("connect "+cfg.Addr(), err)
	}
	r.w, r.c = w, c
	r.touch()
	r.warnInsecure()
	return nil
}

func (r *Remote) login(w *wire) (*ftp.ServerConn, error) {
	banner, err := r.greet(w)
	if err != nil {
		return nil, err
	}
	w.queue(banner) // the library reads the greeting itself
	if listsThroughLs(banner) {
		r.lsArgs.Store(true)
	}
	first := true
	dial := func(network, address string) (net.Conn, error) {
		if first {
			first = false
			return w, nil
		}
		return w.takeData()
	}
	// OPTS UTF8 ON only when names are UTF-8: some servers switch their
	// names to UTF-8 on it, which would undo a legacy --encoding.
	c, err := ftp.Dial(r.cfg.Addr(), ftp.DialWithDialFunc(dial), ftp.DialWithWritingMDTM(true),
		ftp.DialWithDisabledUTF8(r.codec != nil))
	if err != nil {
		return nil, err
	}
	user, pass := loginNames(r.cfg)
	if err := c.Login(user, pass); err != nil {
		return nil, loginError(err)
	}
	if r.Type() == TypeASCII {
		if err := c.Type(ftp.TransferTypeASCII); err != nil {
			return nil, err
		}
	}
	if r.home, err = c.CurrentDir(); err != nil {
		return nil, err
	}
	if r.cwd == "" {
		r.cwd = r.home
	}
	return c, nil
}

// greet reads the server's greeting and sets up TLS (implicit before the
// greeting, explicit after it), protecting data connections too.
func (r *Remote) greet(w *wire) (Reply, error) {
	conf := r.cfg.tlsConfig()
	if r.cfg.TLS == TLSImplicit {
		if err := w.handshake(conf); err != nil {
			return Reply{}, err
		}
	}
	banner, err := w.readReply()
	if err != nil {
		return banner, err
	}
	if banner.Code != codeReady {
		return banner, &ReplyError{Op: "connect", Code: banner.Code, Msg: banner.Text()}
	}
	if r.cfg.TLS == TLSExplicit {
		if err := w.startTLS(conf); err != nil {
			return banner, err
		}
	}
	if r.cfg.TLS != TLSNone {
		r.certificate = w.certificate()
		if err := w.protectData(dataTLS(conf, r.certificate.Fingerprint)); err != nil {
			return banner, err
		}
	}
	return banner, nil
}

func loginNames(cfg Config) (string, string) {
	user, pass := cfg.User, cfg.Password
	if user == "" {
		user = "anonymous"
	}
	if pass == "" && (user == "anonymous" || user == "ftp") {
		pass = "ftpane@"
	}
	return user, pass
}

func loginError(err error) error {
	var re *ReplyError
	if errors.As(mapErr("login", err), &re) && re.Code == codeNeedAccount {
		re.Msg += " (the server wants an account: give one with the account command or in ~/.netrc)"
		return re
	}
	return mapErr("login", err)
}

// mapErr turns the library's protocol errors into ReplyErrors named after
// the operation, keeping the server's code and text.
func mapErr(op string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		return &ReplyError{Op: op, Code: te.Code, Msg: strings.TrimSpace(te.Msg)}
	}
	var re *ReplyError
	if errors.As(err, &re) {
		if re.Op == "" {
			re.Op = op
		}
		return re
	}
	return fmt.Errorf("%s: %w", op, err)
}

func (r *Remote) touch() { r.lastUse.Store(time.Now().UnixNano()) }

func (r *Remote) acquire(ctx context.Context) error {
	select {
	case r.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-r.done:
		return ErrSessionClosed
	}
}

func (r *Remote) release() { r.touch(); <-r.sem }

// ErrSessionClosed: the Remote was closed while an operation waited for it.
var ErrSessionClosed = errors.New("session closed")

// do runs f holding the connection. A connection that dropped is
// re-established first; when retry is set (the operation is safe to
// repeat) one that drops during f is re-established and f runs once more.
func (r *Remote) do(ctx context.Context, op string, retry bool, f func() error) error {
	if err := r.acquire(ctx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer r.release()
	return r.run(ctx, op, retry, f)
}

func (r *Remote) run(ctx context.Context, op string, retry bool, f func() error) error {
	for attempt := 0; ; attempt++ {
		if r.w == nil || r.w.broken {
			if err := r.reconnect(ctx); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
		}
		w := r.w
		stop := context.AfterFunc(ctx, func() { w.interrupt(true) })
		err := f()
		stop()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			w.broken = true
			return fmt.Errorf("%s: %w", op, ctx.Err())
		}
		if !w.broken || !retry || attempt > 0 {
			return mapErr(op, err)
		}
	}
}

// reconnect logs in again and returns to the folder the session was in.
// It never lands silently elsewhere: failing to return is an error.
func (r *Remote) reconnect(ctx context.Context) error {
	dropped := r.w != nil
	if dropped {
		r.w.Close()
		r.emit(Event{Kind: EventDisconnected, Dir: r.cwd, Err: ErrConnClosed})
	}
	if err := r.connect(ctx); err != nil {
		return err
	}
	if r.cwd != r.home {
		if err := r.c.ChangeDir(r.cwd); err != nil {
			err = fmt.Errorf("reconnected, but could not return to %s: %w", r.cwd, mapErr("cd", err))
			r.emit(Event{Kind: EventReconnected, Dir: r.home, Err: err})
			r.cwd = r.home
			return err
		}
	}
	if dropped {
		r.emit(Event{Kind: EventReconnected, Dir: r.cwd})
	}
	return nil
}

func (r *Remote) emit(e Event) {
	e.Label = r.cfg.Label()
	if r.hooks.OnEvent != nil {
		r.hooks.OnEvent(e)
	}
}

// keepalive sends NOOP when the connection has been idle for every, so
// servers with short idle timers do not drop a browsing session.
func (r *Remote) keepalive(every time.Duration) {
	t := time.NewTicker(every / 4)
	defer t.Stop()
	for {
		select {
		case <-r.done:
			return
		case <-t.C:
		}
		if time.Since(time.Unix(0, r.lastUse.Load())) < every {
			continue
		}
		select {
		case r.sem <- struct{}{}:
		default:
			continue // busy: that is activity enough
		}
		if r.w != nil && !r.w.broken {
			if _, err := r.w.cmd("NOOP"); err != nil {
				r.emit(Event{Kind: EventDisconnected, Dir: r.cwd, Err: err})
			}
		}
		r.release()
	}
}

// Close logs out (QUIT) and closes the connection. A transfer still
// holding the connection is cut.
func (r *Remote) Close() error {
	r.once.Do(func() { close(r.done) })
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
		if r.c != nil && !r.w.broken {
			return r.c.Quit()
		}
	default:
	}
	if r.w != nil {
		r.w.interrupt(true)
		return r.w.Close()
	}
	return nil
}

// Label is "user@host:port".
func (r *Remote) Label() string { return r.cfg.Label() }

// Config returns the settings the session was dialled with, and the
// charset it uses now.
func (r *Remote) Config() Config {
	c := r.cfg
	c.Encoding = r.Encoding()
	return c
}

// Home is the folder the server put the user in at login.
func (r *Remote) Home(context.Context) (string, error) { return r.home, nil }

// Join and Dir use slash-separated paths, whatever the local OS.
func (r *Remote) Join(elem ...string) string { return path.Join(elem...) }

// Dir is the parent folder of p.
func (r *Remote) Dir(p string) string { return path.Dir(p) }
