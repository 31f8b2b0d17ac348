package netrc

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeNetrc creates a netrc file with exactly the given mode (WriteFile's
// mode is filtered by the umask, so chmod afterwards).
func writeNetrc(t *testing.T, name, content string, mode fs.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Load does not check permission bits on Windows")
	}
	const secret = "machine h login alice password s3cret\n"
	const anon = "machine h login anonymous password me@example.com\ndefault login FTP password guest\n"
	tests := []struct {
		name, content string
		mode          fs.FileMode
		refused       bool
	}{
		{"0600 with password", secret, 0o600, false},
		{"0400 with password", secret, 0o400, false},
		{"0644 with password", secret, 0o644, true},
		{"0604 with password", secret, 0o604, true},
		{"0620 with password", secret, 0o620, true},
		{"0640 with account only", "machine h login a account acct\n", 0o640, true},
		{"0644 with password but no login", "machine h password p\n", 0o644, true},
		{"0644 with password after default", "default login anonymous password x\nmachine h login a password p\n", 0o644, true},
		{"0644 without passwords", "machine h login alice\nmacdef init\nbinary\n", 0o644, false},
		{"0644 with only anonymous passwords", anon, 0o644, false},
		{"0666 with only anonymous passwords", anon, 0o666, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeNetrc(t, ".netrc", tt.content, tt.mode)
			f, err := Load(path)
			var insecure *InsecureError
			switch {
			case tt.refused && !errors.As(err, &insecure):
				t.Fatalf("Load = %s, %v; want an *InsecureError", format(f), err)
			case tt.refused && (insecure.Path != path || insecure.Mode.Perm() != tt.mode || f != nil):
				t.Errorf("Load = %v, %+v; want nil and InsecureError{%q, %v}", f, insecure, path, tt.mode)
			case !tt.refused && (err != nil || f.Lookup("h") == nil):
				t.Errorf("Load = %s, %v; want the file with machine h", format(f), err)
			}
		})
	}
}

func TestInsecureErrorMessage(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Load does not check permission bits on Windows")
	}
	path := writeNetrc(t, ".netrc", "machine h login alice password s3cret\n", 0o644)
	_, err := Load(path)
	want := path + " is readable by group or others (mode 0644): its passwords are not used; run chmod 600 " + path
	if err == nil || err.Error() != want {
		t.Errorf("Load error %q\nwant %q", err, want)
	}
	if err != nil && strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error %q contains the password", err)
	}

	messages := []struct {
		err  InsecureError
		want string
	}{
		{InsecureError{"/home/u/.netrc", 0o620}, "/home/u/.netrc is writable by group or others (mode 0620): its passwords are not used; run chmod 600 /home/u/.netrc"},
		{InsecureError{"/home/u/.netrc", 0o666}, "/home/u/.netrc is readable and writable by group or others (mode 0666): its passwords are not used; run chmod 600 /home/u/.netrc"},
		{InsecureError{"/home/it's me/.netrc", 0o604}, `/home/it's me/.netrc is readable by group or others (mode 0604): its passwords are not used; run chmod 600 '/home/it'\''s me/.netrc'`},
	}
	for _, m := range messages {
		if got := m.err.Error(); got != m.want {
			t.Errorf("Error() = %q\nwant      %q", got, m.want)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "no-such-netrc"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file: %v, want an error wrapping fs.ErrNotExist", err)
	}
}

func TestLoadSyntaxErrorNamesFile(t *testing.T) {
	path := writeNetrc(t, "netrc", "machine h\nbogus x\n", 0o600)
	_, err := Load(path)
	want := "netrc: " + path + `: line 2: unknown keyword "bogus"`
	if err == nil || err.Error() != want {
		t.Errorf("Load error %q\nwant %q", err, want)
	}
}

func TestLoadParses(t *testing.T) {
	path := writeNetrc(t, "netrc", "machine h login a password p port 990\n", 0o600)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m := f.Lookup("H")
	if m == nil || m.Login != "a" || m.Password != "p" || m.Port != 990 {
		t.Errorf("Lookup(H) = %v, want login a, password p, port 990", m)
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	t.Setenv("NETRC", "")
	if got, want := DefaultPath(), filepath.Join(home, ".netrc"); got != want {
		t.Errorf("DefaultPath() with $NETRC empty = %q, want %q", got, want)
	}
	t.Setenv("NETRC", "/etc/ftpane/netrc")
	if got := DefaultPath(); got != "/etc/ftpane/netrc" {
		t.Errorf("DefaultPath() with $NETRC set = %q, want $NETRC", got)
	}
}
