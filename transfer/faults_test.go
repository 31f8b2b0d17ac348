package transfer

import (
	"context"
	"fmt"
	"github.com/ftpane/ftpane/session"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/faultproxy"
	"github.com/ftpane/ftpane/session/ftpd"
)

// proxied puts a fault proxy in front of a site; data connections go
// through it as well (it rewrites the passive replies).
func proxied(t *testing.T, s site) (site, *faultproxy.Proxy) {
	t.Helper()
	p, err := faultproxy.Start(s.cfg.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	s.cfg = cfgFor(p.Addr(), s.cfg.User, s.cfg.Password)
	s.cfg.Timeout = 2 * time.Second // a stalled connection is noticed soon
	return s, p
}

// eachProxiedSite runs f for a download and an upload through a proxy in
// front of the embedded server and of vsftpd.
func eachProxiedSite(t *testing.T, f func(t *testing.T, s site, p *faultproxy.Proxy, up bool)) {
	eachSite(t, func(t *testing.T, s site) {
		for _, up := range []bool{false, true} {
			name := "download"
			if up {
				name = "upload"
			}
			t.Run(name, func(t *testing.T) {
				ps, p := proxied(t, s)
				f(t, ps, p, up)
			})
		}
	})
}

// faultSize is well beyond what socket buffers hold (the proxy keeps its
// own small, but the client's send buffer grows to 4 MiB on loopback):
// a fault at 2 MiB must find most of the file not yet sent.
const faultSize = 16<<20 + 11

// copyThrough runs one 6 MiB copy and checks the bytes at the target.
// arm is called before the job is queued, during in a goroutine after.
func copyThrough(t *testing.T, s site, up bool, arm func(), during func(q *Queue, id ID)) JobState {
	t.Helper()
	q := realQueue(t, Options{})
	data := randBytes(t, faultSize)
	local := filepath.Join(t.TempDir(), "f.bin")
	remote := path.Join(s.dir, "f-"+map[bool]string{true: "up", false: "down"}[up]+".bin")
	j := Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: remote, DstPath: local}
	if up {
		writeFile(t, local, data)
		j = Job{Src: LocalEndpoint(), Dst: RemoteEndpoint(s.cfg), SrcPath: local, DstPath: remote}
	} else {
		writeFile(t, s.disk(remote), data)
	}
	arm()
	id := q.Add(j)
	finished := make(chan struct{})
	if during != nil {
		go func() { defer close(finished); during(q, id) }()
	} else {
		close(finished)
	}
	js := waitState(t, q, id, Done, Failed)
	<-finished
	if js.State != Done {
		t.Fatalf("%v: %v", js.State, js.Err)
	}
	if up {
		mustDisk(t, s.disk(remote), data)
	} else {
		mustDisk(t, local, data)
	}
	return js
}

func TestFaultDataCutResumesAtTheByteItStopped(t *testing.T) {
	eachProxiedSite(t, func(t *testing.T, s site, p *faultproxy.Proxy, up bool) {
		var hit <-chan struct{}
		js := copyThrough(t, s, up, func() { hit = p.CutDataAfter(2 << 20) }, nil)
		<-hit
		if js.Attempts < 2 {
			t.Errorf("attempts %d, want a retry after the cut", js.Attempts)
		}
		// Starting again from zero would relay 2 MiB more than the file.
		if n := p.DataBytes(); n > faultSize+(1<<20) {
			t.Errorf("relayed %d bytes for a %d-byte file: the retry did not resume", n, faultSize)
		}
	})
}

func TestFaultStalledDataIsRetried(t *testing.T) {
	eachProxiedSite(t, func(t *testing.T, s site, p *faultproxy.Proxy, up bool) {
		var hit <-chan struct{}
		var release func()
		// The stalled connection is let go once the client has given up
		// on it, as a server's data timeout would (vsftpd locks a file
		// being uploaded until its session ends).
		js := copyThrough(t, s, up, func() { hit, release = p.StallDataAfter(1 << 20) },
			func(q *Queue, id ID) {
				defer release()
				<-hit
				waitAttempts(t, q, id, 2)
			})
		if js.Attempts < 2 {
			t.Errorf("attempts %d, want a retry after the stall", js.Attempts)
		}
	})
}

func TestFaultControlConnectionDropped(t *testing.T) {
	eachProxiedSite(t, func(t *testing.T, s site, p *faultproxy.Proxy, up bool) {
		var hit <-chan struct{}
		copyThrough(t, s, up, func() { hit = p.DropControlAfterData(1 << 20) }, nil)
		<-hit
	})
}

func TestFaultServerRestartedMidTransfer(t *testing.T) {
	for _, up := range []bool{false, true} {
		t.Run(map[bool]string{true: "upload", false: "download"}[up], func(t *testing.T) {
			root := t.TempDir()
			srv := startEmbedded(t, root, "127.0.0.1:0")
			addr := srv.Addr()
			s, p := proxied(t, newSite(t, "embedded", root, cfgFor(addr, "test", "s3cret-pw")))
			var hit <-chan struct{}
			var release func()
			js := copyThrough(t, s, up, func() { hit, release = p.StallDataAfter(2 << 20) },
				func(*Queue, ID) {
					<-hit
					defer release()
					srv.Close() // cuts every session, mid-transfer
					again, err := ftpd.Start(ftpd.Options{Dir: root, Addr: addr, User: "test", Pass: "s3cret-pw"})
					if err != nil {
						t.Errorf("restart: %v", err)
						return
					}
					t.Cleanup(func() { again.Close() })
				})
			if js.Attempts < 2 {
				t.Errorf("attempts %d, want a retry after the restart", js.Attempts)
			}
		})
	}
}

// waitAttempts waits until the job has started its n-th try or ended.
func waitAttempts(t *testing.T, q *Queue, id ID, n int) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		js, _ := q.Get(id)
		if js.Attempts >= n || js.State == Waiting || js.State.Final() {
			return
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

func TestFaultSegmentedDownloadResumesEachSegment(t *testing.T) {
	eachSite(t, func(t *testing.T, s site) {
		s, p := proxied(t, s)
		q := realQueue(t, Options{SegmentThreshold: 1 << 20, Segments: 4})
		data := randBytes(t, 12<<20+5)
		writeFile(t, s.disk(path.Join(s.dir, "seg.bin")), data)
		hit := p.CutDataAfter(1 << 20)
		dst := filepath.Join(t.TempDir(), "seg.bin")
		js := waitState(t, q, q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: path.Join(s.dir, "seg.bin"), DstPath: dst}), Done, Failed)
		if js.State != Done {
			t.Fatalf("%v: %v", js.State, js.Err)
		}
		<-hit
		mustDisk(t, dst, data)
		if js.Attempts < 2 {
			t.Errorf("attempts %d, want a retry after the cut", js.Attempts)
		}
		// Segments start at multiples of a quarter; a REST elsewhere is a
		// segment continued where the cut stopped it.
		quarter := (int64(len(data)) + 3) / 4
		resumed := false
		for _, c := range p.Commands() {
			var off int64
			if _, err := fmt.Sscanf(c, "REST %d", &off); err == nil && off%quarter != 0 {
				resumed = true
			}
		}
		if !resumed {
			t.Errorf("no REST inside a segment after the cut: %v", p.Commands())
		}
	})
}

func TestFaultTooManyConnectionsLowersTheLimit(t *testing.T) {
	eachSite(t, func(t *testing.T, s site) {
		s, p := proxied(t, s)
		p.LimitControl(2)
		// Two other sessions hold the server's two slots until the queue
		// has been refused at least once.
		var others []*session.Remote
		for range 2 {
			r, err := session.Dial(context.Background(), s.cfg)
			if err != nil {
				t.Fatal(err)
			}
			others = append(others, r)
		}
		q := realQueue(t, Options{Workers: 4})
		local := t.TempDir()
		var ids []ID
		datas := map[string][]byte{}
		for i := range 6 {
			name := fmt.Sprintf("f%d.bin", i)
			datas[name] = randBytes(t, 300_000+i)
			writeFile(t, s.disk(path.Join(s.dir, name)), datas[name])
			ids = append(ids, q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(),
				SrcPath: path.Join(s.dir, name), DstPath: filepath.Join(local, name)}))
		}
		for deadline := time.Now().Add(20 * time.Second); p.Refused() == 0; {
			if time.Now().After(deadline) {
				t.Fatal("the proxy refused no connection: the test tested nothing")
			}
			time.Sleep(time.Millisecond) // polling with a deadline
		}
		for _, r := range others {
			r.Close()
		}
		for _, id := range ids {
			if js := waitState(t, q, id, Done, Failed); js.State != Done {
				t.Fatalf("%s: %v %v", js.SrcPath, js.State, js.Err)
			}
		}
		for name, d := range datas {
			mustDisk(t, filepath.Join(local, name), d)
		}
		if n := q.Limit(s.cfg); n > 2 {
			t.Errorf("limit %d after 421s, want at most 2", n)
		}
	})
}

func TestPauseAndResumeOnARealServer(t *testing.T) {
	eachSite(t, func(t *testing.T, s site) {
		for _, segments := range []int{1, 4} {
			t.Run(fmt.Sprintf("segments=%d", segments), func(t *testing.T) {
				s, p := proxied(t, s)
				q := realQueue(t, Options{SegmentThreshold: 1 << 20, Segments: segments})
				data := randBytes(t, faultSize)
				writeFile(t, s.disk(path.Join(s.dir, "pause.bin")), data)
				hit, release := p.StallDataAfter(1 << 20)
				defer release()
				dst := filepath.Join(t.TempDir(), "pause.bin")
				id := q.Add(Job{Src: RemoteEndpoint(s.cfg), Dst: LocalEndpoint(), SrcPath: path.Join(s.dir, "pause.bin"), DstPath: dst})
				<-hit
				waitBytes(t, q, id, 512<<10) // what was relayed before the stall is written
				q.Pause(id)
				waitState(t, q, id, Paused)
				release()
				if _, err := os.Stat(dst); err == nil {
					t.Fatal("a paused download is under its final name")
				}
				q.Resume(id)
				if js := waitState(t, q, id, Done, Failed); js.State != Done {
					t.Fatalf("%v: %v", js.State, js.Err)
				}
				mustDisk(t, dst, data)
				rest := 0
				for _, c := range p.Commands() {
					if strings.HasPrefix(c, "REST ") && c != "REST 0" {
						rest++
					}
				}
				if rest == 0 {
					t.Errorf("resumed without REST: %v", p.Commands())
				}
			})
		}
	})
}

// waitBytes polls until the job has written at least n bytes.
func waitBytes(t *testing.T, q *Queue, id ID, n int64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if js, _ := q.Get(id); js.Done >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %v never wrote %d bytes", id, n)
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}
