package trust

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// header starts a new known_hosts file.
const header = "# ftpane known hosts: one \"host:port SHA256:fingerprint\" a line, written when you\n" +
	"# trust a server's certificate always. Delete a line to be asked again.\n"

// Store is a known_hosts file: the pinned certificate of each host:port.
type Store struct{ Path string }

// Lookup returns the fingerprint pinned for addr (host:port). A missing
// file pins nothing; a line that cannot be read is an error, so a broken
// file never silently un-pins a host.
func (s Store) Lookup(addr string) (string, bool, error) {
	f, err := os.Open(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("known hosts: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		host, fp, ok, err := parseLine(sc.Text())
		if err != nil {
			return "", false, fmt.Errorf("known hosts %s:%d: %w", s.Path, n, err)
		}
		if ok && strings.EqualFold(host, addr) {
			return fp, true, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", false, fmt.Errorf("known hosts %s: %w", s.Path, err)
	}
	return "", false, nil
}

// parseLine reads "host:port SHA256:fingerprint"; ok is false for a
// blank line or a comment.
func parseLine(line string) (host, fp string, ok bool, err error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return "", "", false, nil
	}
	f := strings.Fields(line)
	if len(f) != 2 {
		return "", "", false, fmt.Errorf("want \"host:port SHA256:fingerprint\", got %q", line)
	}
	fp, err = ParseFingerprint(f[1])
	return f[0], fp, err == nil, err
}

// Pin records fp as addr's certificate, replacing an older pin. The file
// is rewritten whole and renamed into place, readable by the user only.
func (s Store) Pin(addr, fp string) error {
	if strings.ContainsAny(addr, " \t\r\n") {
		return fmt.Errorf("known hosts: bad host %q", addr)
	}
	old, err := os.ReadFile(s.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("known hosts: %w", err)
	}
	var b strings.Builder
	if len(old) == 0 {
		b.WriteString(header)
	}
	for _, line := range strings.SplitAfter(string(old), "\n") {
		if host, _, ok, _ := parseLine(line); !ok || !strings.EqualFold(host, addr) {
			b.WriteString(line)
		}
	}
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteString("\n")
	}
	b.WriteString(addr + " SHA256:" + fp + "\n")
	return writeAtomic(s.Path, b.String())
}

func writeAtomic(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("known hosts: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".known_hosts-*")
	if err != nil {
		return fmt.Errorf("known hosts: %w", err)
	}
	_, err = tmp.WriteString(data)
	err = errors.Join(err, tmp.Chmod(0o600), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("known hosts: %w", err)
	}
	return nil
}
