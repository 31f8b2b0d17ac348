package session_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/ftpane/ftpane/internal/testsrv"
	"github.com/ftpane/ftpane/session"
)

// TestHooksAreDialOptions: the transcript goes to the hook given to Dial,
// and a connection dialled from a copy of its Config reports to nobody,
// since Config has no hooks to copy.
func TestHooksAreDialOptions(t *testing.T) {
	for _, name := range []string{"Trace", "OnEvent"} {
		if _, ok := reflect.TypeOf(session.Config{}).FieldByName(name); ok {
			t.Fatalf("session.Config has a %s field: hooks travel with every copy", name)
		}
	}
	target := testsrv.Embedded(t)[0]
	cfg := session.Config{Host: target.Host, Port: target.Port, User: target.User, Password: target.Pass}
	var mu sync.Mutex
	var lines []string
	trace := func(d session.TraceDir, l string) { mu.Lock(); lines = append(lines, d.Prefix()+l); mu.Unlock() }
	ctx := context.Background()
	r, err := session.Dial(ctx, cfg, session.WithTrace(trace), session.WithEvents(func(session.Event) {}))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mu.Lock()
	got := len(lines)
	sawUser := false
	for _, l := range lines {
		sawUser = sawUser || l == "---> USER "+target.User
	}
	mu.Unlock()
	if got == 0 || !sawUser {
		t.Fatalf("trace %q: want the login sent", lines)
	}
	r2, err := session.Dial(ctx, r.Config()) // as the queue dials its own connections
	if err != nil {
		t.Fatal(err)
	}
	r2.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(lines) != got {
		t.Fatalf("a copy of the config traced into the first hook: %q", lines[got:])
	}
}
