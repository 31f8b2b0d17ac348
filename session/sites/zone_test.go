package sites

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ftpane/ftpane/internal/zonesrv"
	"github.com/ftpane/ftpane/session"
)

func TestDetectOffsetAgainstShiftedServer(t *testing.T) {
	for _, zone := range []*time.Location{time.FixedZone("IST", 5*3600+1800), time.FixedZone("EST", -5*3600), time.UTC} {
		t.Run(zone.String(), func(t *testing.T) {
			dir := t.TempDir()
			mtime := time.Now().Add(-90 * time.Minute).Truncate(time.Second)
			p := filepath.Join(dir, "report.csv")
			os.WriteFile(p, []byte("a,b\n"), 0o644)
			os.Chtimes(p, mtime, mtime)
			addr := zonesrv.Start(t, dir, zone)
			host, port, _ := net.SplitHostPort(addr)
			pn, _ := strconv.Atoi(port)
			ctx := context.Background()
			r, err := session.Dial(ctx, session.Config{Host: host, Port: pn, User: zonesrv.User, Password: zonesrv.Pass,
				Timeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			l, err := r.List(ctx, "/")
			if err != nil || len(l.Entries) == 0 {
				t.Fatalf("list: %v %+v", err, l)
			}
			_, want := mtime.In(zone).Zone()
			off, err := DetectOffset(ctx, r, l)
			if err != nil || off != time.Duration(want)*time.Second {
				t.Fatalf("offset %v, %v; want %ds (LIST line %q)", off, err, want, l.Entries[0].Raw)
			}
			shown := ShiftListing(l, off, time.Local).Entries[0].ModTime
			if d := shown.Sub(mtime); d < -time.Minute || d > time.Minute || shown.Location() != time.Local {
				t.Fatalf("shown %v, true %v", shown, mtime)
			}
			if raw := l.Entries[0].ModTime; off != 0 && raw.Sub(mtime).Abs() < time.Hour {
				t.Fatalf("the server did not shift its LIST: %v vs %v", raw, mtime)
			}
		})
	}
}

func TestDetectOffsetNeedsATimeOfDay(t *testing.T) {
	l := session.Listing{Dir: "/", Entries: []session.Entry{{Name: "old.txt", Kind: session.KindFile,
		ModTime: time.Date(2019, 1, 2, 0, 0, 0, 0, time.UTC), Raw: "-rw-r--r-- 1 ftp ftp 10 Jan  2  2019 old.txt"}}}
	if _, err := DetectOffset(context.Background(), nil, l); err == nil {
		t.Fatal("a date alone gave an offset")
	}
	mlsd := session.Listing{Dir: "/", Entries: []session.Entry{{Name: "a", Kind: session.KindFile,
		ModTime: time.Now().UTC(), Raw: "type=file;size=1;modify=20250101120000; a"}}}
	if off, err := DetectOffset(context.Background(), nil, mlsd); off != 0 || err != nil {
		t.Fatalf("MLSD: %v %v", off, err)
	}
	shifted := ShiftListing(l, 2*time.Hour, time.UTC)
	if !shifted.Entries[0].ModTime.Equal(l.Entries[0].ModTime) {
		t.Fatal("a date alone was moved")
	}
}
