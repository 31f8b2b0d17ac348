package shell

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ls -l", "ls -l"},
		{"get  a.txt   b.txt", "get  a.txt   b.txt"},
		{"user bob hunter2", "user bob ***"},
		{"user bob hunter2 acct9", "user bob *** ***"},
		{"user bob", "user bob"},
		{"u bob hunter2", "u bob ***"},
		{`user bob "hunter 2"`, "user bob ***"},
		{"account acct9", "account ***"},
		{"acct acct9", "acct ***"},
		{"quote PASS hunter2", "quote PASS ***"},
		{"quote pass hunter2", "quote pass ***"},
		{"literal ACCT acct9", "literal ACCT ***"},
		{"quo PASS hunter2", "quo PASS ***"},
		{"quote SYST", "quote SYST"},
		{"proxy user bob hunter2", "proxy user bob ***"},
		{"proxy quote PASS hunter2", "proxy quote PASS ***"},
		{"proxy open ftp://bob:hunter2@h", "proxy open ftp://bob:***@h"},
		{"open ftp://bob:hunter2@h:21/x", "open ftp://bob:***@h:21/x"},
		{"open ftp://bob@h", "open ftp://bob@h"},
		{"get ftp://bob:hunter2@h/file", "get ftp://bob:***@h/file"},
		{"! curl ftp://bob:hunter2@h/", "! curl ftp://bob:***@h/"},
		{`user bob "hunter2`, "user ***"},
		{"pass hunter2", "pass ***"},
	} {
		got := Redact(c.in)
		if got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
		if strings.Contains(got, "hunter") || strings.Contains(got, "acct9") {
			t.Errorf("Redact(%q) = %q keeps the secret", c.in, got)
		}
	}
}
