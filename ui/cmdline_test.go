package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/session"
	"github.com/ftpane/ftpane/session/ftpd"
)

// newCmdTest is a connected model whose command line cannot reach the
// network, keeping its history at hist.
func newCmdTest(t *testing.T, hist string) Model {
	t.Helper()
	remote := sampleRemote()
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, HistoryPath: hist,
		Remote: &session.Config{Host: "ftp.example.org", User: "ann", Password: "pw"},
		Dial:   func(context.Context, session.Config, ...session.DialOption) (session.FS, error) { return remote, nil },
		ShellDial: func(context.Context, session.Config, ...session.DialOption) (*session.Remote, error) {
			return nil, errors.New("no network in tests")
		}})
	m = send(t, m, windowSize(100, 30))
	return run(t, m, m.Init())
}

// drainSink delivers what the shell printed (tests have no listener).
func drainSink(t *testing.T, m Model) Model {
	t.Helper()
	for {
		select {
		case msg := <-m.sink.ch:
			m = send(t, m, msg)
		default:
			return m
		}
	}
}

func TestCommandLineRunsIntoTheLog(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "ftpane", "history")
	m := newCmdTest(t, hist)
	m = press(t, m, ":")
	wantScreen(t, m, ":")
	m = typeText(t, m, "status")
	m = press(t, m, "enter")
	m = drainSink(t, m)
	wantScreen(t, m, "─ log", "Mode: stream; Type: binary", "Passive mode: on", "done: status")

	m = press(t, m, ":")
	m = typeText(t, m, "user ann secret")
	m = press(t, m, "enter")
	data, _ := os.ReadFile(hist)
	if string(data) != "status\nuser ann ***\n" {
		t.Fatalf("history file = %q (a password must not be kept)", data)
	}

	again := newCmdTest(t, hist)             // history comes back on the next start
	again = press(t, again, ":", "up", "up") // user ann ***, then status
	wantScreen(t, again, ":status")
	again = press(t, again, "esc")
	dontWantScreen(t, again, ":status")
}

func TestCommandLineCompletes(t *testing.T) {
	m := newCmdTest(t, "")
	m = press(t, m, ":")
	m = typeText(t, m, "sta")
	m = press(t, m, "tab")
	if got := m.cmd.input.Value(); !strings.HasPrefix(got, "stat") {
		t.Fatalf("completed to %q", got)
	}
}

func TestHashCommandSwitchesTheBar(t *testing.T) {
	m := newCmdTest(t, "")
	m.queue.SetJobs(sampleJobs())
	m.showQueue = true
	m.layout()
	wantScreen(t, m, "[#####.....]")
	m = press(t, m, ":")
	m = typeText(t, m, "hash")
	m = press(t, m, "enter")
	wantScreen(t, m, "[█████     ]")
	m = press(t, m, ":")
	m = typeText(t, m, "hash on")
	m = press(t, m, "enter")
	wantScreen(t, m, "[#####.....]")
}

// TestCommandLineTypeFollowsTheHeader: ascii and passive typed at the
// command line (with prefixes) change the focused connection, so the
// header and new transfers use them, not only the shell's own connection.
func TestCommandLineTypeFollowsTheHeader(t *testing.T) {
	srv, err := ftpd.Start(ftpd.Options{Dir: t.TempDir(), Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, _ := session.ParseURL("ftp://u:pw@" + srv.Addr())
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(100, 30))
	m = run(t, m, m.Init())
	wantScreen(t, m, "binary · passive")
	m = press(t, m, ":")
	m = typeText(t, m, "asc")
	m = press(t, m, "enter")
	m = drainSink(t, m)
	m = press(t, m, ":")
	m = typeText(t, m, "passive")
	m = press(t, m, "enter")
	m = drainSink(t, m)
	wantScreen(t, m, "ascii · active")
	r := m.links[m.linked()].fs.(*session.Remote)
	if r.Type() != session.TypeASCII || r.Passive() {
		t.Fatalf("the pane's connection is %v, passive %v: want ascii, active", r.Type(), r.Passive())
	}
}

// TestCommandLineGetGoesThroughTheQueue: a get typed at the command line
// is a queue job (so it shows in the queue pane and resumes), and the
// bytes land on disk.
func TestCommandLineGetGoesThroughTheQueue(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "a.bin"), []byte(strings.Repeat("x", 70000)), 0o644)
	srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, _ := session.ParseURL("ftp://u:pw@" + srv.Addr())
	m := New(Options{Keys: keymap.Default(), Local: session.Local{}, NoColor: true, Still: true, Remote: &cfg})
	m = send(t, m, windowSize(100, 30))
	m = run(t, m, m.Init())
	target := filepath.Join(t.TempDir(), "got.bin")
	m = press(t, m, ":")
	m = typeText(t, m, "get a.bin "+target)
	m = press(t, m, "enter")
	m = drainSink(t, m)
	if b, err := os.ReadFile(target); err != nil || len(b) != 70000 {
		t.Fatalf("got %d bytes, %v", len(b), err)
	}
	jobs := m.q.Snapshot()
	if len(jobs) != 1 || jobs[0].DstPath != target || jobs[0].State.String() != "done" {
		t.Fatalf("queue %+v: want the get as one finished job", jobs)
	}
}

// TestBangAtTheCommandLine: "! cmd" prints into the log; a bare "!" asks
// the root to suspend the screen for an interactive shell, and the
// command line waits until that shell exits.
func TestBangAtTheCommandLine(t *testing.T) {
	s := newSink(true)
	var out strings.Builder
	run := bang(s, &out)
	if err := run(context.Background(), t.TempDir(), "echo from-sh"); err != nil || !strings.Contains(out.String(), "from-sh") {
		t.Fatalf("! echo: %q, %v", out.String(), err)
	}
	errc := make(chan error, 1)
	go func() { errc <- run(context.Background(), t.TempDir(), "") }()
	msg := (<-s.ch).(shellExecMsg)
	m := newCmdTest(t, "")
	if _, cmd := m.Update(msg); cmd == nil {
		t.Fatal("a bare ! must give the terminal to a shell (tea.ExecProcess)")
	}
	select {
	case <-errc:
		t.Fatal("the command line must wait for the interactive shell to exit")
	default:
	}
	msg.done <- nil // the shell exited
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// TestProxyUsesTheOtherPane: with a server in each pane, proxy acts on
// the other pane's connection: proxy cd moves that pane, proxy get copies
// from the focused pane's server into the other pane's folder, and the
// other pane shows the result. The shell dials nothing.
func TestProxyUsesTheOtherPane(t *testing.T) {
	rootA, rootB := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(rootA, "a.txt"), []byte(strings.Repeat("from A\n", 900)), 0o644)
	os.MkdirAll(filepath.Join(rootB, "in"), 0o755)
	var servers []string
	for _, root := range []string{rootA, rootB} {
		srv, err := ftpd.Start(ftpd.Options{Dir: root, Addr: "127.0.0.1:0", User: "u", Pass: "pw"})
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		servers = append(servers, srv.Addr())
	}
	cfgA, _ := session.ParseURL("ftp://u:pw@" + servers[0])
	cfgB, _ := session.ParseURL("ftp://u:pw@" + servers[1])
	m := New(Options{Keys: keymap.Default(), Local: sampleLocal(), NoColor: true, Still: true, Remote: &cfgA,
		ShellDial: func(context.Context, session.Config, ...session.DialOption) (*session.Remote, error) {
			return nil, errors.New("the shell must not dial: both panes have servers")
		}})
	m = send(t, m, windowSize(120, 30))
	m = run(t, m, m.Init())
	rb, err := session.Dial(context.Background(), cfgB)
	if err != nil {
		t.Fatal(err)
	}
	m = run(t, m, func() tea.Msg { return connectedMsg{Pane: 0, FS: rb, Cfg: cfgB} })
	m.setFocus(FocusRight)
	for _, line := range []string{"proxy cd in", "proxy get a.txt"} {
		m = press(t, m, ":")
		m = typeText(t, m, line)
		m = press(t, m, "enter")
		m = drainSink(t, m)
		wantScreen(t, m, "done: "+line)
	}
	if b, err := os.ReadFile(filepath.Join(rootB, "in", "a.txt")); err != nil || len(b) != 900*7 {
		t.Fatalf("B's in/a.txt: %d bytes, %v", len(b), err)
	}
	if m.panes[0].Dir() != "/in" {
		t.Errorf("the left pane is in %q after proxy cd, want /in", m.panes[0].Dir())
	}
	wantScreen(t, m, "a.txt")
}
