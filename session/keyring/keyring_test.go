package keyring

import (
	"errors"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"
)

func TestRoundTripThroughMock(t *testing.T) {
	gokeyring.MockInit()
	s := New()
	acct := Account("alice", "ftp.example.org:21")
	if _, ok, err := s.Get(acct); ok || err != nil {
		t.Fatalf("empty keyring: ok=%v err=%v", ok, err)
	}
	if err := s.Set(acct, "s3cret"); err != nil {
		t.Fatal(err)
	}
	pw, ok, err := s.Get(acct)
	if err != nil || !ok || pw != "s3cret" {
		t.Fatalf("Get = %q %v %v", pw, ok, err)
	}
	if raw, _ := gokeyring.Get(Service, "alice@ftp.example.org:21"); raw != "s3cret" {
		t.Fatalf("filed as %q under service %q", raw, Service)
	}
	if err := s.Delete(acct); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(acct); err != nil {
		t.Fatalf("deleting nothing: %v", err)
	}
	if _, ok, _ := s.Get(acct); ok {
		t.Fatal("still there after Delete")
	}
	if !s.Available() || s.Note() != "" {
		t.Fatal("a working keyring has a note")
	}
}

func TestNoServiceSaysSoOnce(t *testing.T) {
	gokeyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	s := New()
	_, ok, err := s.Get(Account("bob", "h:21"))
	if ok || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Get: ok=%v err=%v", ok, err)
	}
	if err := s.Set("bob@h:21", "pw"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set: %v", err)
	}
	note := s.Note()
	for _, want := range []string{"no keyring service", "org.freedesktop.secrets", "asked for", "not saved"} {
		if !strings.Contains(note, want) {
			t.Fatalf("note %q lacks %q", note, want)
		}
	}
	if strings.Contains(note, "pw") && !strings.Contains(note, "passwords") {
		t.Fatal("note shows the password")
	}
	if again := s.Note(); again != "" {
		t.Fatalf("told twice: %q", again)
	}
	if s.Available() {
		t.Fatal("Available after a failure")
	}
}
