// Package bigdir is a scripted FTP server on loopback for memory tests:
// every folder lists N generated names, written one line at a time as the
// client reads, so the server keeps nothing per name and a test measures
// only the client. It speaks just enough FTP for session.Dial, cd and a
// passive LIST; other commands get 502.
package bigdir

import (
	"bufio"
	"fmt"
	"net"
	"path"
	"strings"
	"sync"
	"time"
)

// Options say what every folder lists.
type Options struct {
	N int
	// Name is entry i's name; nil: "file-0000123.dat".
	Name func(i int) string
	// Hold, when set, is called once all lines of a listing are written
	// and before the listing ends: the client has everything it will get
	// and waits, so a test can measure what it holds.
	Hold func()
}

// Server is a running fake.
type Server struct {
	ln    net.Listener
	opts  Options
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]bool
}

// User and Pass are the login the server accepts (it accepts any).
const (
	User = "big"
	Pass = "dir"
)

// Start listens on 127.0.0.1 and serves until Close.
func Start(opts Options) (*Server, error) {
	if opts.Name == nil {
		opts.Name = func(i int) string { return fmt.Sprintf("file-%07d.dat", i) }
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bigdir: listen: %w", err)
	}
	s := &Server{ln: ln, opts: opts, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Addr is the control port's host and port.
func (s *Server) Addr() (host string, port int) {
	a := s.ln.Addr().(*net.TCPAddr)
	return a.IP.String(), a.Port
}

// Close stops listening, drops every connection and waits for them.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			(&session{srv: s, c: c, r: bufio.NewReader(c), cwd: "/"}).serve()
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// session is one control connection.
type session struct {
	srv  *Server
	c    net.Conn
	r    *bufio.Reader
	cwd  string
	data net.Listener // the passive port opened by EPSV/PASV
}

func (s *session) reply(lines ...string) {
	for _, l := range lines {
		fmt.Fprintf(s.c, "%s\r\n", l)
	}
}

func (s *session) serve() {
	defer s.closeData()
	s.reply("220 bigdir ready")
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		if !s.command(strings.ToUpper(verb), arg) {
			return
		}
	}
}

// command answers one command; false ends the connection.
func (s *session) command(verb, arg string) bool {
	switch verb {
	case "USER":
		s.reply("331 password please")
	case "PASS":
		s.reply("230 logged in")
	case "FEAT":
		s.reply("211-Features:", " UTF8", "211 End")
	case "TYPE", "OPTS", "NOOP", "MODE", "STRU":
		s.reply("200 ok")
	case "SYST":
		s.reply("215 UNIX Type: L8")
	case "PWD", "XPWD":
		s.reply(fmt.Sprintf("257 %q is the current folder", s.cwd))
	case "CWD":
		s.cwd = path.Join(s.cwd, arg)
		s.reply("250 ok")
	case "CDUP":
		s.cwd = path.Dir(s.cwd)
		s.reply("250 ok")
	case "EPSV", "PASV":
		s.passive(verb)
	case "LIST", "NLST":
		s.list(verb == "NLST")
	case "QUIT":
		s.reply("221 bye")
		return false
	default:
		s.reply("502 not here")
	}
	return true
}

func (s *session) passive(verb string) {
	s.closeData()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.reply("425 no data port")
		return
	}
	s.data = ln
	p := ln.Addr().(*net.TCPAddr).Port
	if verb == "EPSV" {
		s.reply(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", p))
		return
	}
	s.reply(fmt.Sprintf("227 Entering Passive Mode (127,0,0,1,%d,%d)", p>>8, p&255))
}

func (s *session) closeData() {
	if s.data != nil {
		s.data.Close()
		s.data = nil
	}
}

// list writes the N lines on the data connection as the client reads them.
func (s *session) list(namesOnly bool) {
	if s.data == nil {
		s.reply("425 use EPSV or PASV first")
		return
	}
	s.reply("150 here it comes")
	s.data.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
	dc, err := s.data.Accept()
	s.closeData()
	if err != nil {
		s.reply("425 no data connection")
		return
	}
	w := bufio.NewWriterSize(dc, 32<<10)
	for i := 0; i < s.srv.opts.N && err == nil; i++ {
		name := s.srv.opts.Name(i)
		if namesOnly {
			_, err = fmt.Fprintf(w, "%s\r\n", name)
		} else {
			_, err = fmt.Fprintf(w, "-rw-r--r--   1 ftp      ftp      %10d Jan 02 15:04 %s\r\n", i%100000, name)
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil && s.srv.opts.Hold != nil {
		s.srv.opts.Hold()
	}
	dc.Close()
	if err != nil {
		s.reply("426 transfer aborted")
		return
	}
	s.reply("226 done")
}
