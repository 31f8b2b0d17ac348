package transfer

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/faultproxy"
	"github.com/ftpane/ftpane/session"
)

// TestCrashRecoveryContinuesOnTheServer kills a queue mid-transfer (its
// journal as it was on disk is all that survives; its connections die
// with it) and checks that a new queue on that journal shows the job
// paused and, resumed, continues it with REST and ends with equal bytes.
func TestCrashRecoveryContinuesOnTheServer(t *testing.T) {
	eachProxiedSite(t, func(t *testing.T, s site, p *faultproxy.Proxy, up bool) {
		dir := t.TempDir()
		live, crashed := filepath.Join(dir, "live.jsonl"), filepath.Join(dir, "crashed.jsonl")
		data := randBytes(t, faultSize)
		local := filepath.Join(dir, "f.bin")
		remote := path.Join(s.dir, "crash.bin")
		j := Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: remote, DstPath: local}
		if up {
			writeFile(t, local, data)
			j = Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: local, DstPath: remote}
		} else {
			writeFile(t, s.disk(remote), data)
		}
		hit, release := p.StallDataAfter(2 << 20)
		a, err := New(Options{JournalPath: live})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		id := a.Add(j)
		<-hit
		part := local + ".part"
		if up {
			part = s.disk(remote) + ".part"
		}
		waitSize(t, part, 1<<20) // the bytes relayed before the stall are on disk
		b := readFlushed(t, a, live)
		if strings.Contains(strings.ToLower(string(b)), "pass") ||
			s.cfg.Password != s.cfg.User && strings.Contains(string(b), s.cfg.Password) {
			t.Fatal("the journal holds the password")
		}
		writeFile(t, crashed, b)
		a.Close() // the killed process's sockets close
		release()
		pass := s.cfg.Password
		q := realQueue(t, Options{JournalPath: crashed,
			Restore: func(c session.Config) session.Config { c.Password = pass; return c }})
		if js, ok := q.Get(id); !ok || js.State != Paused {
			t.Fatalf("after the crash: %+v, want the job paused", js)
		}
		q.ResumeAll()
		if js := waitState(t, q, id, Done, Failed); js.State != Done {
			t.Fatalf("%v: %v", js.State, js.Err)
		}
		if up {
			mustDisk(t, s.disk(remote), data)
		} else {
			mustDisk(t, local, data)
		}
		rest := false
		for _, c := range p.Commands() {
			rest = rest || strings.HasPrefix(c, "REST ") && c != "REST 0"
		}
		if !rest {
			t.Errorf("no REST after the restart: %v", p.Commands())
		}
	})
}

// waitSize polls until the file at p has at least n bytes.
func waitSize(t *testing.T, p string, n int64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st, err := os.Stat(p); err == nil && st.Size() >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never reached %d bytes", p, n)
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}
