// Package hostile is a scripted FTP server for tests: a misbehaving server
// whose banner, replies and listing names carry whatever a test gives it
// (terminal escape sequences, bidi overrides, bytes that are not UTF-8).
// It speaks just enough FTP for a client to log in, list and ask raw
// commands, on 127.0.0.1 only, and records every command it receives.
package hostile

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// Script is what the server says. Replies are whole replies, one line or
// several joined by "\n" (the server sends CRLF); a verb missing from
// Replies gets a plain default (331 to USER, 230 to PASS, 502 to
// anything unknown).
type Script struct {
	Banner string // default "220 hostile ready"
	// Replies by whole command ("CWD nowhere") or, failing that, by
	// upper-case verb ("FEAT", "SYST", "HELP", "STAT" ...).
	Replies map[string]string
	Names   []string          // the folder's entries, for LIST and NLST
	Files   map[string]string // contents by name, for RETR

	// Lines, when set, are LIST's answer as they are (a listing fixture);
	// Names then only answer NLST.
	Lines []string
}

// Server is a running scripted server.
type Server struct {
	ln     net.Listener
	script Script
	wg     sync.WaitGroup
	mu     sync.Mutex
	got    []string
	conns  map[net.Conn]bool
}

// Start listens on 127.0.0.1:0 and serves every connection with script.
func Start(script Script) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("hostile server: %w", err)
	}
	s := &Server{ln: ln, script: script, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Addr is host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Received is every command line received so far, in order, as sent
// (without CRLF).
func (s *Server) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

// Close stops listening, cuts every connection and waits for the
// server's goroutines.
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
			s.serve(c)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// session is one control connection and its pending passive listener.
type session struct {
	s    *Server
	c    net.Conn
	pasv net.Listener
}

func (s *Server) serve(c net.Conn) {
	ss := &session{s: s, c: c}
	defer ss.closeData()
	banner := s.script.Banner
	if banner == "" {
		banner = "220 hostile ready"
	}
	ss.reply(banner)
	r := bufio.NewReader(c)
	for {
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		s.mu.Lock()
		s.got = append(s.got, line)
		s.mu.Unlock()
		verb, arg, _ := strings.Cut(line, " ")
		if !ss.command(strings.ToUpper(verb), arg) {
			return
		}
	}
}

// reply sends a reply of one or more lines.
func (ss *session) reply(text string) {
	for _, l := range strings.Split(text, "\n") {
		fmt.Fprintf(ss.c, "%s\r\n", l)
	}
}
