package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
)

// The tnftp comparison runs each script with tnftp (the classic client,
// Debian's reference) and with ftpane -n -b, each against its own fresh
// copy of the same remote tree on vsftpd and its own fresh local folder,
// and requires the resulting local and remote trees to be identical:
// names, sizes, sha256 and modes.
//
// testdata/tnftp_basic.txt uses these commands:
// user, prompt, verbose, binary, type, image, cd, pwd, status, system,
// size, modtime, rstatus, rhelp, lcd, get, recv, put, send, append, mkdir,
// rmdir, rename, delete, mdelete, chmod, site, quote, umask, dir, mdir,
// nlist, mls, mget, mput, case, nmap, ntrans, runique, restart, reget,
// newer, ascii, cr, hash, bell, trace, glob, mode, struct, form,
// macdef, $, !, cdup, close, bye (57 commands). tick is not among them:
// tnftp has no tick command. testdata/tnftp_names.txt adds names with
// blanks (double quotes and backslashes; a single quote is an ordinary
// character, as in tnftp), a macro looping with $i, ntrans and nmap on
// put, restart on put, glob off and on, mget into an lcd folder, runique
// and case on get. sunique is only toggled: session.StoreUnique sends STOU
// without a name, so vsftpd names the file STOU.1 where tnftp's "STOU up.txt"
// gives up.txt.1 (a session change is requested).
func TestTnftpComparison(t *testing.T) {
	tnftp := toolOrSkip(t, "tnftp")
	vsftpd := vsftpdTarget(t)
	bin := buildFtpane(t)
	for _, name := range []string{"basic", "names"} {
		t.Run(name, func(t *testing.T) {
			compareScript(t, tnftp, bin, vsftpd, name)
		})
	}
}

// mustHave are entries each script must leave behind (remote, then
// local), so that two clients failing alike cannot pass.
var mustHave = map[string][2][]string{
	"basic": {
		{"a.txt -rw-r--r-- 16 ", "renamed.txt -rw-------", "up.txt -rw-r-----", "quoted d",
			"newdir/in_newdir.txt", "after_umask.txt -rw-rw-r--", "mac.txt.back", "lp1.txt", "ascii_up.txt"},
		{"b.bin.1", "upper.txt", "a1.a2 ", "LLR", "dir.txt", "mdir.txt", "nlist.txt", "mls.txt", "m1.dat",
			"old.txt -rw-r--r-- 10 ", "bang.txt", "mac.txt", "crlf_down.txt -rw-r--r-- 6",
			"crlf_kept.txt -rw-r--r-- 8"},
	},
	"names": {
		{"renamed space.txt", "a.txt.up", "m1.dat.up", "uP.TxT", "txt.lp1", "restart_put.txt", "d1/lp2.txt"},
		{"local space.txt", "back slashed.txt", "don't.txt", "a.txt.1", "a.TxT", "dat.m2", "sub/m1.dat", "upper.txt"},
	},
}

// compareScript runs testdata/tnftp_NAME.txt with both clients.
func compareScript(t *testing.T, tnftp, bin string, vsftpd testsrv.Target, name string) {
	script, err := os.ReadFile("testdata/tnftp_" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	run := fmt.Sprintf("cmp-%s-%d", name, time.Now().UnixNano())
	port := strconv.Itoa(vsftpd.Port)
	clients := []struct{ name, bin string }{{"tnftp", tnftp}, {"ftpane", bin}}
	var remote, local [2][]string
	for i, c := range clients {
		dir := run + "-" + c.name
		seedRemote(t, vsftpd, dir)
		ldir := seedLocal(t)
		text := strings.ReplaceAll(string(script), "RUNDIR", dir)
		args := []string{"-n", vsftpd.Host, port}
		if c.name == "ftpane" {
			args = []string{"-n", "-b", filepath.Join(t.TempDir(), "script"), vsftpd.Host, port}
			os.WriteFile(args[2], []byte(text), 0o644)
			text = ""
		}
		code, out := runClient(t, c.bin, ldir, text, args)
		t.Logf("%s output:\n%s", c.name, out)
		if c.name == "ftpane" && code != 0 && name == "basic" {
			t.Errorf("ftpane exited %d: a command of the script failed", code)
		}
		remote[i] = snapshot(t, filepath.Join(vsftpd.Root, dir))
		local[i] = snapshot(t, ldir)
	}
	requireEntries(t, remote[1], mustHave[name][0]...)
	requireEntries(t, local[1], mustHave[name][1]...)
	compareTrees(t, "remote", remote[0], remote[1])
	compareTrees(t, "local", local[0], local[1])
}

// vsftpdTarget is the running vsftpd, whose files the test can read.
func vsftpdTarget(t *testing.T) testsrv.Target {
	t.Helper()
	for _, tg := range testsrv.Real(t) {
		if tg.Name == "vsftpd" {
			if _, err := os.Stat(tg.Root); err != nil {
				t.Skipf("vsftpd's folder %s is not readable here: %v", tg.Root, err)
			}
			return tg
		}
	}
	if testsrv.InCI() {
		t.Fatal("vsftpd is not running")
	}
	t.Skip("vsftpd is not running")
	return testsrv.Target{}
}

// runClient runs one client in dir with script on stdin; the exit status
// is not compared (tnftp's differs by design), the trees are.
func runClient(t *testing.T, bin, dir, script string, args []string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(script)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s timed out:\n%s", bin, out)
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("%s: %v", bin, err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

func compareTrees(t *testing.T, what string, want, got []string) {
	t.Helper()
	w, g := strings.Join(want, "\n"), strings.Join(got, "\n")
	if w != g {
		t.Errorf("%s trees differ\ntnftp:\n%s\n\nftpane:\n%s", what, w, g)
	}
}

// requireEntries checks that the script did its work (so that two clients
// failing alike cannot pass): each prefix starts some snapshot line.
func requireEntries(t *testing.T, snap []string, prefixes ...string) {
	t.Helper()
	for _, p := range prefixes {
		found := false
		for _, line := range snap {
			found = found || strings.HasPrefix(line, p)
		}
		if !found {
			t.Errorf("no entry %q in\n%s", p, strings.Join(snap, "\n"))
		}
	}
}
