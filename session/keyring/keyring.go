// Package keyring keeps FTP passwords in the operating system's keyring
// (Secret Service on Linux and the BSDs, the macOS Keychain, the Windows
// Credential Manager) through github.com/zalando/go-keyring, so that no
// password is ever written to a file of ours. A machine without a keyring
// service is not an error: the store says so once and callers fall back
// to asking for the password or to ~/.netrc.
package keyring

import (
	"errors"
	"fmt"
	"sync"

	gokeyring "github.com/zalando/go-keyring"
)

// Service is the name ftpane's passwords are filed under in the keyring.
const Service = "ftpane"

// ErrUnavailable is wrapped by every error of a keyring that is missing
// or refuses service (no D-Bus session, no Secret Service, a locked
// collection the user would not open).
var ErrUnavailable = errors.New("no keyring service")

// Store is the keyring seen by ftpane. It remembers that the service is
// missing after the first failure, so that a machine without one pays the
// failed call once and the user is told once. Safe for concurrent use.
type Store struct {
	service string
	mu      sync.Mutex
	down    error // the first failure of the service; nil while it works
	told    bool  // Note has reported down
}

// New is the store for ftpane's own entries.
func New() *Store { return &Store{service: Service} }

// Account is the name a password is filed under: user@host:port, the same
// for a site, a recent connection and an import of the same login, and
// unchanged when a site is renamed.
func Account(user, addr string) string { return user + "@" + addr }

// Get returns the password filed under account; ok is false when none is.
func (s *Store) Get(account string) (password string, ok bool, err error) {
	if err := s.check(); err != nil {
		return "", false, err
	}
	pw, err := gokeyring.Get(s.service, account)
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return "", false, nil
	case err != nil:
		return "", false, s.fail("read password for "+account, err)
	}
	return pw, true, nil
}

// Set files password under account, replacing any earlier one.
func (s *Store) Set(account, password string) error {
	if err := s.check(); err != nil {
		return err
	}
	if err := gokeyring.Set(s.service, account, password); err != nil {
		if errors.Is(err, gokeyring.ErrSetDataTooBig) {
			return fmt.Errorf("keyring: save password for %s: %w", account, err)
		}
		return s.fail("save password for "+account, err)
	}
	return nil
}

// Delete removes the password filed under account; none is not an error.
func (s *Store) Delete(account string) error {
	if err := s.check(); err != nil {
		return err
	}
	err := gokeyring.Delete(s.service, account)
	if err == nil || errors.Is(err, gokeyring.ErrNotFound) {
		return nil
	}
	return s.fail("delete password for "+account, err)
}

// Available reports whether the keyring has not failed so far.
func (s *Store) Available() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down == nil
}

// Note is the one-time message about a missing keyring: what failed and
// what ftpane does instead. It is empty when the keyring works, and after
// it has been returned once.
func (s *Store) Note() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down == nil || s.told {
		return ""
	}
	s.told = true
	return s.down.Error() + ": passwords are asked for (or read from ~/.netrc) and not saved"
}

func (s *Store) check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

// fail records that the service does not work and returns the error.
func (s *Store) fail(op string, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down == nil {
		s.down = fmt.Errorf("%w (%s: %v)", ErrUnavailable, op, err)
	}
	return s.down
}
