package shell

import (
	"context"
	"errors"
	"fmt"

	"github.com/ftpane/ftpane/session"
)

// cmdProxy runs a command on the second connection. proxy get copies a
// file from the main server to the proxy server, proxy put the other way,
// straight between the servers (FXP), relaying through ftpane when a
// server refuses.
func (s *Shell) cmdProxy(ctx context.Context, args []string) error {
	if s.proxy == nil {
		s.proxy = &conn{name: "proxy"}
	}
	if err := s.syncProxy(ctx); err != nil {
		return fmt.Errorf("proxy: %w", err)
	}
	c, err := lookup(args[0])
	if err != nil {
		return err
	}
	switch c.name {
	case "get", "put":
		if len(args) < 2 || len(args) > 3 {
			return &UsageError{Cmd: "proxy", Usage: "proxy " + c.name + " remote-file [remote-file]"}
		}
		return s.proxyCopy(ctx, c.name == "get", args[1], optArg(args, 2))
	case "mget", "mput":
		if len(args) < 2 {
			return &UsageError{Cmd: "proxy", Usage: "proxy " + c.name + " remote-files..."}
		}
		return s.proxyMulti(ctx, c.name == "mget", args[1:])
	case "proxy":
		return errors.New("proxy: the proxy connection has no proxy of its own")
	}
	s.cur = s.proxy
	defer func() { s.cur = s.main }()
	return s.exec(ctx, args)
}

// proxyCopy moves one file between the two servers: get is main to proxy,
// put is proxy to main (classic ftp's meaning).
func (s *Shell) proxyCopy(ctx context.Context, get bool, from, to string) error {
	src, dst := s.main.remote, s.proxy.remote
	if !get {
		src, dst = dst, src
	}
	if src == nil || dst == nil {
		return errors.New("proxy: both connections must be open (open HOST, then proxy open HOST)")
	}
	if to == "" {
		to = s.mapName(from, false)
	}
	err := s.fxp(ctx, src, from, dst, to)
	var refused *session.FXPRefusedError
	if !errors.As(err, &refused) {
		return err
	}
	s.printf("%v\n", refused)
	all := false
	if ok, _ := s.confirm("relay through ftpane:", from, &all); !ok && s.set.prompt {
		return fmt.Errorf("proxy %s: server-to-server transfer refused, relay declined", from)
	}
	c := copyReq{src: s.sideOn(src, from), dst: s.sideOn(dst, to)}
	_, err = s.copyFile(ctx, "relayed", from, to, c)
	return err
}

// proxyMulti is proxy mget (main to proxy server) and proxy mput (proxy
// to main server): the patterns are matched on the sending server.
func (s *Shell) proxyMulti(ctx context.Context, get bool, patterns []string) error {
	from := s.main
	if !get {
		from = s.proxy
	}
	if from.remote == nil || s.main.remote == nil || s.proxy.remote == nil {
		return errors.New("proxy: both connections must be open (open HOST, then proxy open HOST)")
	}
	s.cur = from
	names, err := s.remoteGlob(ctx, patterns, false)
	s.cur = s.main
	verb, all := "mput", false
	if get {
		verb = "mget"
	}
	for _, n := range names {
		ok, stop := s.confirm(verb, n, &all)
		if stop {
			break
		}
		if ok {
			err = errors.Join(err, s.proxyCopy(ctx, get, n, ""))
		}
	}
	return err
}
