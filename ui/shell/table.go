package shell

import (
	"context"
	"sort"
)

// command is one entry of the command table: its name and aliases, the
// number of arguments it takes (max -1: any), whether it needs a logged-in
// connection, and its handler. Help texts live in assets/help.
type command struct {
	name    string
	aliases []string
	min     int
	max     int
	conn    bool
	run     func(s *Shell, ctx context.Context, args []string) error
}

// commands is the whole language, one row per command (shared/COMMANDS.md).
var commands = []*command{
	// connection and login (conn.go, proxy.go)
	{name: "open", min: 0, max: 2, run: (*Shell).cmdOpen},
	{name: "user", min: 0, max: 3, run: (*Shell).cmdUser},
	{name: "account", min: 0, max: 1, conn: true, run: (*Shell).cmdAccount},
	{name: "close", aliases: []string{"disconnect"}, max: 0, run: (*Shell).cmdClose},
	{name: "bye", aliases: []string{"quit"}, max: 0, run: (*Shell).cmdBye},
	{name: "proxy", min: 1, max: -1, run: (*Shell).cmdProxy},
	{name: "idle", max: 1, conn: true, run: (*Shell).cmdIdle},
	{name: "reset", max: 0, conn: true, run: (*Shell).cmdReset},
	// navigation and listing (nav.go, list.go)
	{name: "cd", aliases: []string{"cwd"}, min: 1, max: 1, conn: true, run: (*Shell).cmdCd},
	{name: "cdup", min: 0, max: 0, conn: true, run: (*Shell).cmdCdup},
	{name: "pwd", max: 0, conn: true, run: (*Shell).cmdPwd},
	{name: "lcd", max: 1, run: (*Shell).cmdLcd},
	{name: "lpwd", max: 0, run: (*Shell).cmdLpwd},
	{name: "ls", aliases: []string{"dir"}, max: -1, conn: true, run: (*Shell).cmdLs},
	{name: "nlist", max: 2, conn: true, run: (*Shell).cmdNlist},
	{name: "find", max: -1, conn: true, run: (*Shell).cmdFind},
	{name: "mdir", min: 2, max: -1, conn: true, run: (*Shell).cmdMdir},
	{name: "mls", min: 2, max: -1, conn: true, run: (*Shell).cmdMls},
	{name: "modtime", min: 1, max: 1, conn: true, run: (*Shell).cmdModtime},
	{name: "size", min: 1, max: 1, conn: true, run: (*Shell).cmdSize},
	{name: "system", max: 0, conn: true, run: (*Shell).cmdSystem},
	{name: "rstatus", max: 1, conn: true, run: (*Shell).cmdRstatus},
	{name: "rhelp", max: 1, conn: true, run: (*Shell).cmdRhelp},
	{name: "status", max: 0, run: (*Shell).cmdStatus},
	// transfers (xfer.go, multi.go, mirror.go)
	{name: "get", aliases: []string{"recv"}, min: 1, max: 2, conn: true, run: (*Shell).cmdGet},
	{name: "put", aliases: []string{"send"}, min: 1, max: 2, conn: true, run: (*Shell).cmdPut},
	{name: "append", min: 1, max: 2, conn: true, run: (*Shell).cmdAppend},
	{name: "mget", min: 1, max: -1, conn: true, run: (*Shell).cmdMget},
	{name: "mput", min: 1, max: -1, conn: true, run: (*Shell).cmdMput},
	{name: "reget", min: 1, max: 2, conn: true, run: (*Shell).cmdReget},
	{name: "restart", max: 1, run: (*Shell).cmdRestart},
	{name: "retries", max: 1, run: (*Shell).cmdRetries},
	{name: "rate", max: 1, run: (*Shell).cmdRate},
	{name: "newer", min: 1, max: 2, conn: true, run: (*Shell).cmdNewer},
	{name: "runique", max: 1, run: toggle("Receive unique", func(s *settings) *bool { return &s.runique })},
	{name: "sunique", max: 1, run: toggle("Store unique", func(s *settings) *bool { return &s.sunique })},
	{name: "mirror", min: 1, max: -1, conn: true, run: (*Shell).cmdMirror},
	// remote file operations (ops.go)
	{name: "delete", min: 1, max: 1, conn: true, run: (*Shell).cmdDelete},
	{name: "mdelete", min: 1, max: -1, conn: true, run: (*Shell).cmdMdelete},
	{name: "mkdir", min: 1, max: 1, conn: true, run: (*Shell).cmdMkdir},
	{name: "rmdir", min: 1, max: 1, conn: true, run: (*Shell).cmdRmdir},
	{name: "rename", min: 2, max: 2, conn: true, run: (*Shell).cmdRename},
	{name: "chmod", min: 2, max: 2, conn: true, run: (*Shell).cmdChmod},
	{name: "umask", max: 1, conn: true, run: (*Shell).cmdUmask},
	{name: "quote", aliases: []string{"literal"}, min: 1, max: -1, conn: true, run: (*Shell).cmdQuote},
	{name: "site", min: 1, max: -1, conn: true, run: (*Shell).cmdSite},
	// transfer parameters (params.go)
	{name: "type", max: 1, run: (*Shell).cmdType},
	{name: "ascii", max: 0, run: typeCmd("ascii")},
	{name: "binary", aliases: []string{"bin"}, max: 0, run: typeCmd("binary")},
	{name: "image", max: 0, run: typeCmd("image")},
	{name: "tenex", max: 0, run: typeCmd("tenex")},
	{name: "ebcdic", max: 0, run: typeCmd("ebcdic")},
	{name: "cr", max: 1, run: toggle("Carriage Return stripping", func(s *settings) *bool { return &s.cr })},
	{name: "mode", max: 1, run: (*Shell).cmdMode},
	{name: "struct", max: 1, run: (*Shell).cmdStruct},
	{name: "form", max: 1, run: (*Shell).cmdForm},
	{name: "passive", max: 1, run: (*Shell).cmdPassive},
	{name: "charset", max: 1, conn: true, run: (*Shell).cmdCharset},
	{name: "sendport", max: 1, run: toggle("Use of PORT/LPRT cmds", func(s *settings) *bool { return &s.sendport })},
	// name handling (names.go)
	{name: "glob", max: 1, run: toggle("Globbing", func(s *settings) *bool { return &s.glob })},
	{name: "case", max: 1, run: toggle("Case mapping", func(s *settings) *bool { return &s.mcase })},
	{name: "nmap", max: 2, run: (*Shell).cmdNmap},
	{name: "ntrans", max: 2, run: (*Shell).cmdNtrans},
	// feedback and session (toggles.go, macros.go, local.go, help.go)
	{name: "hash", max: 1, run: (*Shell).cmdHash},
	{name: "tick", max: 1, run: toggle("Tick counter printing", func(s *settings) *bool { return &s.tick })},
	{name: "bell", max: 1, run: toggle("Bell mode", func(s *settings) *bool { return &s.bell })},
	{name: "prompt", max: 1, run: toggle("Interactive mode", func(s *settings) *bool { return &s.prompt })},
	{name: "verbose", max: 1, run: (*Shell).cmdVerbose},
	{name: "debug", max: 1, run: (*Shell).cmdDebug},
	{name: "trace", max: 1, run: (*Shell).cmdTrace},
	{name: "!", max: 1, run: (*Shell).cmdBang},
	{name: "macdef", min: 1, max: 1, run: (*Shell).cmdMacdef},
	{name: "$", min: 1, max: -1, run: (*Shell).cmdMacro},
	{name: "help", aliases: []string{"?"}, max: -1, run: (*Shell).cmdHelp},
	// the site manager and the screen (sites.go)
	{name: "theme", max: 1, run: (*Shell).cmdTheme},
	{name: "watch", max: 2, run: (*Shell).cmdWatch}, // watch.go
}

// byName maps every name and alias to its command. It is filled once, in
// init, because the handlers refer back to the table (proxy, macros).
var byName = map[string]*command{}

func init() {
	for _, c := range commands {
		byName[c.name] = c
		for _, a := range c.aliases {
			byName[a] = c
		}
	}
}

// Names lists every command name and alias, sorted (for completion).
func Names() []string {
	out := make([]string, 0, len(byName))
	for n := range byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
