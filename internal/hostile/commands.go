package hostile

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// defaults answer what a client needs to log in and list.
var defaults = map[string]string{
	"USER": "331 password please",
	"PASS": "230 logged in",
	"ACCT": "230 account ok",
	"FEAT": "211 no features",
	"SYST": "215 UNIX Type: L8",
	"TYPE": "200 type set",
	"PWD":  `257 "/" is the current folder`,
	"CWD":  "250 folder changed",
	"NOOP": "200 ok",
	"OPTS": "200 ok",
	"MODE": "200 ok",
	"STRU": "200 ok",
}

// command answers one command; false ends the session.
func (ss *session) command(verb, arg string) bool {
	text, ok := ss.s.script.Replies[verb+" "+arg]
	if !ok {
		text, ok = ss.s.script.Replies[verb]
	}
	if ok && verb != "EPSV" && verb != "PASV" {
		if verb == "LIST" || verb == "NLST" || verb == "MLSD" {
			ss.closeData()
		}
		ss.reply(text)
		return verb != "QUIT"
	}
	switch verb {
	case "QUIT":
		ss.reply("221 bye")
		return false
	case "EPSV", "PASV":
		ss.passive(verb)
	case "LIST", "NLST":
		ss.list(verb == "NLST")
	case "RETR":
		ss.retr(arg)
	default:
		if text, ok := defaults[verb]; ok {
			ss.reply(text)
		} else {
			ss.reply("502 " + verb + " not implemented")
		}
	}
	return true
}

// passive opens a data listener on 127.0.0.1 and says where.
func (ss *session) passive(verb string) {
	ss.closeData()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		ss.reply("425 cannot listen")
		return
	}
	ss.pasv = ln
	port := ln.Addr().(*net.TCPAddr).Port
	if verb == "EPSV" {
		ss.reply(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", port))
		return
	}
	ss.reply(fmt.Sprintf("227 Entering Passive Mode (127,0,0,1,%d,%d)", port>>8, port&0xff))
}

// list sends the script's names over the data connection: as ls -l lines,
// or bare names for NLST.
func (ss *session) list(names bool) {
	var b strings.Builder
	if !names && ss.s.script.Lines != nil {
		for _, l := range ss.s.script.Lines {
			b.WriteString(l + "\r\n")
		}
		ss.send(b.String())
		return
	}
	for _, n := range ss.s.script.Names {
		if names {
			b.WriteString(n + "\r\n")
			continue
		}
		fmt.Fprintf(&b, "-rw-r--r--   1 owner    group          5 Jan 02  2024 %s\r\n", n)
	}
	ss.send(b.String())
}

// retr sends a file of the script.
func (ss *session) retr(name string) {
	data, ok := ss.s.script.Files[strings.TrimPrefix(name, "/")]
	if !ok {
		ss.closeData()
		ss.reply("550 no such file")
		return
	}
	ss.send(data)
}

// send accepts the passive data connection and writes data over it.
func (ss *session) send(data string) {
	if ss.pasv == nil {
		ss.reply("425 use PASV or EPSV first")
		return
	}
	_ = ss.pasv.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
	dc, err := ss.pasv.Accept()
	ss.closeData()
	if err != nil {
		ss.reply("425 no data connection")
		return
	}
	ss.reply("150 here it comes")
	_, _ = dc.Write([]byte(data))
	dc.Close()
	ss.reply("226 done")
}

func (ss *session) closeData() {
	if ss.pasv != nil {
		ss.pasv.Close()
		ss.pasv = nil
	}
}
