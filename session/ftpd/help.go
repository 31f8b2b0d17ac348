package ftpd

import (
	"fmt"
	"slices"
	"strings"
)

// commandHelp is the syntax of every command the server answers, for HELP
// and HELP CMD (RFC 959 4.1.3).
func commandHelp() map[string]string {
	return map[string]string{
		"ABOR": "ABOR (abort the transfer in progress)",
		"ACCT": "ACCT <sp> account (accepted; no accounts here)",
		"ALLO": "ALLO <sp> bytes (accepted; nothing to reserve here)",
		"APPE": "APPE <sp> file (append to a file)",
		"AUTH": "AUTH <sp> TLS (switch the control connection to TLS)",
		"CDUP": "CDUP (go to the parent folder)",
		"CLNT": "CLNT <sp> name (name the client)",
		"CWD":  "CWD <sp> folder (change the working folder)",
		"DELE": "DELE <sp> file (delete a file)",
		"EPRT": "EPRT <sp> |proto|address|port| (active data connection)",
		"EPSV": "EPSV (extended passive data connection)",
		"FEAT": "FEAT (list the extensions)",
		"HASH": "HASH <sp> file (checksum of a file, see OPTS HASH)",
		"HELP": "HELP [<sp> command] (this help)",
		"LIST": "LIST [<sp> folder or glob] (long listing)",
		"MDTM": "MDTM <sp> file (modification time)",
		"MFMT": "MFMT <sp> time <sp> file (set the modification time)",
		"MKD":  "MKD <sp> folder (make a folder)",
		"MLSD": "MLSD [<sp> folder] (machine listing, see OPTS MLST)",
		"MLST": "MLST [<sp> path] (machine listing of one entry)",
		"MODE": "MODE <sp> S (stream mode)",
		"NLST": "NLST [<sp> folder or glob] (names)",
		"NOOP": "NOOP (do nothing)",
		"OPTS": "OPTS <sp> UTF8 ON | HASH algorithm | MLST facts (options)",
		"PASS": "PASS <sp> password (log in)",
		"PASV": "PASV (passive data connection)",
		"PBSZ": "PBSZ <sp> 0 (protection buffer size)",
		"PORT": "PORT <sp> h1,h2,h3,h4,p1,p2 (active data connection)",
		"PROT": "PROT <sp> C | P (data connections in clear or private)",
		"PWD":  "PWD (print the working folder)",
		"QUIT": "QUIT (log out)",
		"REST": "REST <sp> offset (restart the next transfer there)",
		"RETR": "RETR <sp> file (download a file)",
		"RMD":  "RMD <sp> folder (remove an empty folder)",
		"RNFR": "RNFR <sp> name (rename from)",
		"RNTO": "RNTO <sp> name (rename to)",
		"SITE": "SITE <sp> CHMOD | IDLE | UMASK | MKDIR | RMDIR | HELP (see SITE HELP)",
		"SIZE": "SIZE <sp> file (size in bytes)",
		"STAT": "STAT [<sp> path] (status)",
		"STOR": "STOR <sp> file (upload a file)",
		"STOU": "STOU [<sp> name] (upload under a unique name)",
		"STRU": "STRU <sp> F (file structure)",
		"SYST": "SYST (system type)",
		"TYPE": "TYPE <sp> A | I (ASCII or binary)",
		"USER": "USER <sp> name (log in)",
		"XCRC": "XCRC <sp> file (CRC-32 of a file)",
		"XCUP": "XCUP (same as CDUP)",
		"XCWD": "XCWD <sp> folder (same as CWD)",
		"XMD5": "XMD5 <sp> file (MD5 of a file)",
		"XMKD": "XMKD <sp> folder (same as MKD)",
		"XPWD": "XPWD (same as PWD)",
		"XRMD": "XRMD <sp> folder (same as RMD)",
		"XSHA": "XSHA <sp> file (SHA-1 of a file; also XSHA256, XSHA512)",
	}
}

// help answers HELP and HELP CMD.
func help(arg string) (int, string) {
	cmds := commandHelp()
	arg = strings.ToUpper(strings.TrimSpace(arg))
	switch {
	case arg == "SITE":
		return helpSite()
	case arg != "":
		if h, ok := cmds[arg]; ok {
			return codeHelp, "Syntax: " + h
		}
		return codeNotImplemented, fmt.Sprintf("Unknown command %s: HELP lists the known ones", arg)
	}
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	slices.Sort(names)
	lines := []string{"The following commands are recognized:"}
	for chunk := range slices.Chunk(names, 12) {
		var row strings.Builder
		for _, name := range chunk {
			fmt.Fprintf(&row, "%-5s", name)
		}
		lines = append(lines, contLine+strings.TrimRight(row.String(), " "))
	}
	lines = append(lines, "HELP CMD shows one command's syntax.")
	return codeHelp, strings.Join(lines, "\n")
}

// helpSite answers SITE HELP and HELP SITE.
func helpSite() (int, string) {
	return codeHelp, strings.Join([]string{
		"SITE commands:",
		contLine + "CHMOD mode path   change permissions",
		contLine + "IDLE [seconds]    show or lower this session's idle limit",
		contLine + "UMASK [mask]      show or set the mask of new files' modes",
		contLine + "MKDIR path        make a folder and its parents",
		contLine + "RMDIR path        remove a folder and all it holds",
		"SITE HELP lists these.",
	}, "\n")
}
