package session_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// interopColumns are the capability columns of INTEROP.md's table, in
// order after the server's name.
var interopColumns = []string{"MLSD", "EPSV", "EPRT", "REST STREAM", "MFMT", "SITE UTIME", "UTF8", "TLS",
	"LIST through ls"}

// TestInteropTable keeps INTEROP.md true: every server's row says what
// the server is probed to do here.
func TestInteropTable(t *testing.T) {
	table := readInteropTable(t)
	for _, target := range allTargets(t) {
		if target.Implicit {
			continue // the same server as "embedded"
		}
		t.Run(target.Name, func(t *testing.T) {
			row, ok := table[target.Name]
			if !ok {
				t.Fatalf("INTEROP.md has no row for %s", target.Name)
			}
			got := probe(t, target)
			for i, col := range interopColumns {
				if want := row[i] == "yes"; got[col] != want {
					t.Errorf("INTEROP.md says %s %s: %q; probed: %v", target.Name, col, row[i], got[col])
				}
			}
		})
	}
}

// readInteropTable reads the rows of INTEROP.md's capability table: the
// server's name, then one yes/no cell per column.
func readInteropTable(t *testing.T) map[string][]string {
	b, err := os.ReadFile("../INTEROP.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	header := false
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`*")
		}
		switch {
		case len(cells) == len(interopColumns)+1 && slices.Equal(cells[1:], interopColumns):
			header = true
		case header && len(cells) == len(interopColumns)+1 && !strings.HasPrefix(cells[0], "-"):
			name, _, _ := strings.Cut(cells[0], " ")
			for i, c := range cells[1:] {
				cells[i+1], _, _ = strings.Cut(c, " ") // "yes (note)" is yes
			}
			rows[name] = cells[1:]
		case header && !strings.HasPrefix(line, "|"):
			header = false
		}
	}
	if len(rows) == 0 {
		t.Fatal("INTEROP.md: no capability table found")
	}
	return rows
}

// probe finds out what a server does, by FEAT and by trying.
func probe(t *testing.T, target testsrv.Target) map[string]bool {
	ctx := context.Background()
	r, trace := dial(t, target, variant{tls: session.TLSNone})
	f := r.Features()
	_, mlst := f["MLST"]
	_, mfmt := f["MFMT"]
	_, utf8 := f["UTF8"]
	got := map[string]bool{"MLSD": mlst, "MFMT": mfmt, "UTF8": utf8,
		"REST STREAM": strings.EqualFold(f["REST"], "STREAM"), "TLS": strings.Contains(strings.ToUpper(f["AUTH"]), "TLS"),
		"LIST through ls": r.ListsInFolder()}
	dir := target.Path(fmt.Sprintf("/i-%d", time.Now().UnixNano()))
	if err := r.Mkdir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.RemoveAll(context.Background(), dir) })
	file := path.Join(dir, "f")
	put(t, r, file, []byte("x"), 0)
	got["EPSV"] = replied(*trace, "---> EPSV", 229)
	got["SITE UTIME"] = siteUtime(t, r, target, file)
	ra, traceA := dial(t, target, variant{tls: session.TLSNone, active: true})
	if _, err := ra.List(ctx, dir); err != nil {
		t.Fatal(err)
	}
	got["EPRT"] = replied(*traceA, "---> EPRT", 200)
	return got
}

// replied reports whether a command sent as prefix got code as its
// reply: the first reply line after it (replies keep the order of
// commands, also when EPSV is pipelined with its transfer command).
func replied(trace []string, prefix string, code int) bool {
	for i, l := range trace {
		if !strings.HasPrefix(l, prefix) {
			continue
		}
		for _, next := range trace[i+1:] {
			if !strings.HasPrefix(next, "---> ") && !strings.HasPrefix(next, "# ") {
				if strings.HasPrefix(next, fmt.Sprint(code)) {
					return true
				}
				break
			}
		}
	}
	return false
}

// siteUtime tries proftpd's and pure-ftpd's SITE UTIME forms and checks
// the time on disk.
func siteUtime(t *testing.T, r *session.Remote, target testsrv.Target, file string) bool {
	for _, args := range []string{"UTIME 202001020304.05 " + file, "UTIME " + file +
		" 20200102030405 20200102030405 20200102030405 UTC"} {
		if rep, err := r.Site(context.Background(), args); err != nil || rep.Code/100 != 2 {
			continue
		}
		st, err := os.Stat(filepath.Join(target.Root, filepath.FromSlash(file)))
		return err == nil && st.ModTime().UTC().Year() == 2020
	}
	return false
}
