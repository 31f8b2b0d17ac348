package session

import (
	"errors"
	"strings"
	"testing"
)

func TestRedactURLs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ftp://u:pw@h", "ftp://u:***@h"},
		{"open ftps://alice:s3cr3t@files.example.org:990/x and ftp://bob@h", "open ftps://alice:***@files.example.org:990/x and ftp://bob@h"},
		{"ftp://u:p@ss@h/path", "ftp://u:***@h/path"},
		{"ftp://:pw@h", "ftp://:***@h"},
		{"FTPES://U:a:b@h", "FTPES://U:***@h"},
		{"no url here: pw@h", "no url here: pw@h"},
		{"ftp://h:21/a@b", "ftp://h:21/a@b"},
	} {
		if got := RedactURLs(c.in); got != c.want {
			t.Errorf("RedactURLs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestParseURLErrorHidesPassword: a bad URL is quoted in its error with
// the password masked.
func TestParseURLErrorHidesPassword(t *testing.T) {
	for _, u := range []string{"ftp://u:hunter2@h:99999", "gopher://u:hunter2@h", "ftp://u:hunter2@", "ftp://u:hunter2@h/a\nb", "ftp://u:hunter2%0A@h"} {
		_, err := ParseURL(u)
		if err == nil || !errors.Is(err, ErrBadURL) {
			t.Fatalf("ParseURL(%q) = %v, want a bad URL error", u, err)
		}
		if strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "u:***@") && !strings.Contains(err.Error(), "line break") {
			t.Errorf("ParseURL(%q): %v", u, err)
		}
	}
}
