// Package faultproxy is a TCP proxy for FTP tests that breaks things on
// purpose: it sits between a client and a server on 127.0.0.1, relays the
// control connection, rewrites the server's passive replies (227 and 229)
// so that data connections go through the proxy too, and on request cuts
// or stalls a data connection after a number of bytes, or drops the
// control connections. Plain FTP in passive mode only: TLS hides the
// replies it rewrites, and active mode (PORT/EPRT) is not relayed.
package faultproxy

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	ln     net.Listener
	target string
	host   string // the server's host, for data connections

	mu    sync.Mutex
	conns map[net.Conn]bool // every open connection, to close them all
	ctrl  map[net.Conn]bool // client sides of control connections
	fault *fault            // armed for the next data connection that reaches it
	cmds  []string
	limit int // >0: control connections past this many get a 421
	wg    sync.WaitGroup

	done      chan struct{} // closed by Close
	dataBytes atomic.Int64
	dataConns atomic.Int32
	rate      atomic.Int64 // >0: data relayed at most this many bytes per second
	refused   atomic.Int32
}

// fault is one planned failure of a data connection.
type fault struct {
	after   int64
	kind    int
	release chan struct{} // stall: relaying continues when closed
	hit     chan struct{} // closed when the fault happens
	once    sync.Once
}

const (
	faultCut = iota
	faultStall
	faultDropControl
)

// Start listens on 127.0.0.1 and relays to target (host:port).
func Start(target string) (*Proxy, error) {
	host, _, err := net.SplitHostPort(target)
	if err != nil {
		return nil, fmt.Errorf("faultproxy: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: %w", err)
	}
	p := &Proxy{ln: ln, target: target, host: host, conns: map[net.Conn]bool{}, ctrl: map[net.Conn]bool{},
		done: make(chan struct{})}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the address clients connect to.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// DataBytes is the number of bytes relayed on data connections so far.
func (p *Proxy) DataBytes() int64 { return p.dataBytes.Load() }

// DataConns is the number of data connections relayed so far.
func (p *Proxy) DataConns() int { return int(p.dataConns.Load()) }

// CutDataAfter arms a cut: the first data connection to relay n bytes
// (either way) is closed at that point. The channel is closed when it
// happens.
func (p *Proxy) CutDataAfter(n int64) <-chan struct{} { return p.arm(n, faultCut).hit }

// ThrottleData relays data connections opened from now on at most
// bytesPerSecond each way (0: full speed again): a slow link.
func (p *Proxy) ThrottleData(bytesPerSecond int64) { p.rate.Store(bytesPerSecond) }

// StallDataAfter arms a stall: the first data connection to relay n bytes
// stops relaying, without closing, until release is called.
func (p *Proxy) StallDataAfter(n int64) (hit <-chan struct{}, release func()) {
	f := p.arm(n, faultStall)
	return f.hit, func() { f.once.Do(func() { close(f.release) }) }
}

// DropControlAfterData arms a drop of every control connection once a
// data connection has relayed n bytes (the data connection stays up
// until the server ends it).
func (p *Proxy) DropControlAfterData(n int64) <-chan struct{} {
	return p.arm(n, faultDropControl).hit
}

func (p *Proxy) arm(n int64, kind int) *fault {
	f := &fault{after: n, kind: kind, release: make(chan struct{}), hit: make(chan struct{})}
	p.mu.Lock()
	p.fault = f
	p.mu.Unlock()
	return f
}

// DropControl closes every control connection now.
func (p *Proxy) DropControl() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.ctrl {
		c.Close()
	}
}

// Close stops the proxy and closes every connection it relays.
func (p *Proxy) Close() error {
	err := p.ln.Close()
	p.mu.Lock()
	select {
	case <-p.done:
	default:
		close(p.done)
	}
	for c := range p.conns {
		c.Close()
	}
	if f := p.fault; f != nil {
		f.once.Do(func() { close(f.release) })
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.done:
		return false
	default:
	}
	for _, c := range cs {
		p.conns[c] = true
	}
	return true
}

func (p *Proxy) untrack(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		c.Close()
		delete(p.conns, c)
		delete(p.ctrl, c)
	}
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.admit(c) {
			c.Write([]byte("421 Too many connections from this IP\r\n"))
			c.Close()
			continue
		}
		p.wg.Add(1)
		go p.control(c)
	}
}

// LimitControl makes the proxy refuse control connections past n open
// ones with "421 Too many connections", as servers with a per-IP limit
// do. Zero lifts the limit.
func (p *Proxy) LimitControl(n int) {
	p.mu.Lock()
	p.limit = n
	p.mu.Unlock()
}

// Refused is the number of connections refused with a 421.
func (p *Proxy) Refused() int { return int(p.refused.Load()) }

// admit registers a new control connection unless the limit is reached.
func (p *Proxy) admit(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.limit > 0 && len(p.ctrl) >= p.limit {
		p.refused.Add(1)
		return false
	}
	p.ctrl[c] = true
	return true
}

// control relays one control connection, rewriting passive replies.
func (p *Proxy) control(client net.Conn) {
	defer p.wg.Done()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		p.untrack(client)
		return
	}
	p.track(client, server)
	defer p.untrack(client, server)
	go p.commands(client, server)
	rd := bufio.NewReader(server)
	for {
		line, err := rd.ReadString('\n')
		if line != "" {
			if _, werr := io.WriteString(client, p.rewrite(line)); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// commands relays the client's commands to the server and records them
// (PASS masked).
func (p *Proxy) commands(client, server net.Conn) {
	defer server.Close()
	rd := bufio.NewReader(client)
	for {
		line, err := rd.ReadString('\n')
		if line != "" {
			cmd := strings.TrimRight(line, "\r\n")
			if strings.HasPrefix(strings.ToUpper(cmd), "PASS ") {
				cmd = "PASS ****"
			}
			p.mu.Lock()
			p.cmds = append(p.cmds, cmd)
			p.mu.Unlock()
			if _, werr := io.WriteString(server, line); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Commands is every command clients sent so far, in order (PASS masked).
func (p *Proxy) Commands() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.cmds...)
}

var (
	epsvRe = regexp.MustCompile(`^229 (.*)\(\|\|\|(\d+)\|\)(.*)$`)
	pasvRe = regexp.MustCompile(`^227 (.*?)(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)(.*)$`)
)

// rewrite points a 227 or 229 reply at a new relay port of the proxy.
func (p *Proxy) rewrite(line string) string {
	body := strings.TrimRight(line, "\r\n")
	if m := epsvRe.FindStringSubmatch(body); m != nil {
		port, _ := strconv.Atoi(m[2])
		if lp, ok := p.relay(port); ok {
			return fmt.Sprintf("229 %s(|||%d|)%s\r\n", m[1], lp, m[3])
		}
	}
	if m := pasvRe.FindStringSubmatch(body); m != nil {
		hi, _ := strconv.Atoi(m[6])
		lo, _ := strconv.Atoi(m[7])
		if lp, ok := p.relay(hi*256 + lo); ok {
			return fmt.Sprintf("227 %s127,0,0,1,%d,%d%s\r\n", m[1], lp/256, lp%256, m[8])
		}
	}
	return line
}

// relay listens for the one data connection of a passive reply and
// relays it to the server's port.
func (p *Proxy) relay(port int) (int, bool) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, false
	}
	if !p.track() {
		ln.Close()
		return 0, false
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			select {
			case <-stop:
			case <-p.done:
			}
			ln.Close()
		}()
		c, err := ln.Accept()
		ln.Close()
		if err != nil {
			return
		}
		p.data(c, net.JoinHostPort(p.host, strconv.Itoa(port)))
	}()
	return ln.Addr().(*net.TCPAddr).Port, true
}
