package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/ftpane/ftpane/assets"
)

func TestVersionFromBuildInfo(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"},
			{Key: "vcs.time", Value: "2025-05-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got := describeBuild(info); got != "v1.2.3 (commit 0123456789ab, 2025-05-01T10:00:00Z, modified, go1.26.0)" {
		t.Fatalf("got %q", got)
	}
	info.Main.Version, info.Settings = "(devel)", nil
	if got := describeBuild(info); got != version+" (go1.26.0)" {
		t.Fatalf("devel: %q", got)
	}
}

// TestVersionNamesTheCommit builds a clone of the committed tree with VCS
// stamping on and asks it for --version.
func TestVersionNamesTheCommit(t *testing.T) {
	git := toolOrSkip(t, "git")
	top, err := exec.Command(git, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	head, _ := exec.Command(git, "rev-parse", "HEAD").Output()
	clone := t.TempDir()
	if out, err := exec.Command(git, "clone", "-q", "--depth", "1", "file://"+strings.TrimSpace(string(top)), clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	bin := filepath.Join(t.TempDir(), "ftpane")
	build := exec.Command(toolOrSkip(t, "go"), "build", "-buildvcs=true", "-o", bin, "./cmd/ftpane")
	build.Dir, build.Env = clone, append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || !strings.Contains(string(out), "commit "+string(head[:12])) {
		t.Fatalf("--version %q (%v), HEAD %s", out, err, head)
	}
}

func runOut(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestManPageRenders(t *testing.T) {
	page, _, code := runOut(t, "man")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	cmd := exec.Command(toolOrSkip(t, "man"), "-l", "-")
	cmd.Stdin, cmd.Env = strings.NewReader(page), append(os.Environ(), "MANWIDTH=100", "MAN_KEEP_FORMATTING=0", "PAGER=cat")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("man -l -: %v", err)
	}
	text := stripOverstrike(string(out))
	for _, want := range []string{"FTPANE(1)", "OPTIONS", "--implicit-tls", "implicit TLS (the whole connection",
		"open host [port] | open ftp://user@host:port/path | open @site", "theme [name]", "mget", "sites.toml",
		"KEYS", "connect", "ftp(1)"} {
		if !strings.Contains(text, want) {
			t.Fatalf("rendered page lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, ".TP") || strings.Contains(text, `\fB`) {
		t.Fatalf("roff leaked into the page:\n%s", text)
	}
}

// stripOverstrike removes man's bold and underline (x\bx, _\bx).
func stripOverstrike(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		if i+2 < len(r) && r[i+1] == '\b' {
			continue
		}
		if r[i] == '\b' {
			continue
		}
		b.WriteRune(r[i])
	}
	return b.String()
}

func TestCompletionScriptsParse(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		script, _, code := runOut(t, "completion", sh)
		if code != 0 || !strings.Contains(script, "--implicit-tls") && sh != "fish" {
			t.Fatalf("%s: exit %d\n%s", sh, code, script)
		}
		f := filepath.Join(t.TempDir(), "ftpane."+sh)
		os.WriteFile(f, []byte(script), 0o644)
		if out, err := exec.Command(toolOrSkip(t, sh), "-n", f).CombinedOutput(); err != nil {
			t.Fatalf("%s -n: %v\n%s", sh, err, out)
		}
	}
	if _, errText, code := runOut(t, "completion", "tcsh"); code != 2 || !strings.Contains(errText, `unknown shell "tcsh"`) {
		t.Fatalf("tcsh: %d %q", code, errText)
	}
}

// TestBashCompletesSitesAndFlags sources the bash script, sets COMP_WORDS
// and COMP_CWORD as bash does, calls the function and reads COMPREPLY.
func TestBashCompletesSitesAndFlags(t *testing.T) {
	bash := toolOrSkip(t, "bash")
	bin := buildFtpane(t)
	home := writeSites(t, "[[site]]\nname = \"work\"\nurl = \"h1\"\n\n[[site]]\nname = \"web site\"\nurl = \"h2\"\n\n"+
		"[[site]]\nname = \"other\"\nurl = \"h3\"\n")
	script, _, _ := runOut(t, "completion", "bash")
	f := filepath.Join(t.TempDir(), "c.bash")
	os.WriteFile(f, []byte(script), 0o644)
	complete := func(words ...string) string {
		line := "source " + shellJoin([]string{f}) + "; COMP_WORDS=(" + shellJoin(append([]string{bin}, words...)) +
			"); COMP_CWORD=" + string(rune('0'+len(words))) + "; _ftpane; printf '%s\\n' \"${COMPREPLY[@]}\""
		cmd := exec.Command(bash, "--norc", "-c", line)
		cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+home)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got := complete("@w"); got != "@work\n@web\\ site" {
		t.Fatalf("@w completes to %q", got)
	}
	if got := complete("--impl"); got != "--implicit-tls" {
		t.Fatalf("--impl completes to %q", got)
	}
	if got := complete("comp"); got != "completion" {
		t.Fatalf("comp completes to %q", got)
	}
	if got := complete("completion", "z"); got != "zsh" {
		t.Fatalf("completion z completes to %q", got)
	}
}

func TestConfigCommand(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	reloadXDG(t)
	os.MkdirAll(filepath.Join(home, "ftpane"), 0o755)
	os.WriteFile(filepath.Join(home, "ftpane", "config.toml"), []byte("[transfer]\nworkers = 7\n[ui]\ntheme = \"light\"\n"), 0o600)
	out, _, code := runOut(t, "config")
	for _, want := range []string{"# config: " + filepath.Join(home, "ftpane", "config.toml") + "\n",
		"# sites:  " + filepath.Join(home, "ftpane", "sites.toml") + " (none)", "workers = 7", "theme = \"light\"",
		"after_seconds = 10", "timeout_seconds = 30", "OS keyring"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	if def, _, _ := runOut(t, "config", "--default"); def != assets.DefaultConfig {
		t.Fatal("--default is not the documented default")
	}
	if _, errText, code := runOut(t, "config", "--bogus"); code != 2 || !strings.Contains(errText, `unknown argument "--bogus"`) {
		t.Fatalf("bad argument: %d %q", code, errText)
	}
}

func TestSitesCommand(t *testing.T) {
	home := writeSites(t, twoSites)
	t.Setenv("XDG_CONFIG_HOME", home)
	reloadXDG(t)
	out, _, code := runOut(t, "sites")
	if code != 0 || !strings.Contains(out, "work") || !strings.Contains(out, "alice@files.acme.test:2121") {
		t.Fatalf("sites: %d\n%s", code, out)
	}
	if names, _, _ := runOut(t, "sites", "--names"); names != "work\npub\n" {
		t.Fatalf("names %q", names)
	}
}
