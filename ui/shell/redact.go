package shell

import (
	"strings"

	"github.com/ftpane/ftpane/session"
)

// hidden replaces a secret in a redacted line.
const hidden = "***"

// Redact returns line with every password in it replaced by ***, for the
// history file, the log and the screen: user NAME PASS [ACCT], account
// ACCT, quote (or literal) PASS/ACCT, the same after proxy, and the
// password of any URL (open ftp://u:pw@h). A line that cannot be parsed
// keeps only its first word. A line without secrets is returned as is.
func Redact(line string) string {
	words, err := Split(line)
	if err != nil {
		first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		return session.RedactURLs(first) + " " + hidden
	}
	if len(words) > 0 && words[0] == "!" {
		return session.RedactURLs(line)
	}
	if !redactWords(words) {
		return session.RedactURLs(line)
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = Quote(w)
		if w == hidden {
			parts[i] = w
		}
	}
	return strings.Join(parts, " ")
}

// redactWords hides the secrets of one command in place and reports
// whether it changed a word.
func redactWords(words []string) bool {
	if len(words) == 0 {
		return false
	}
	changed := false
	for i, w := range words {
		if m := session.RedactURLs(w); m != w {
			words[i], changed = m, true
		}
	}
	switch commandFor(words[0]) {
	case "user":
		return hide(words, 2) || changed
	case "account", "acct", "pass", "password":
		return hide(words, 1) || changed
	case "quote":
		if len(words) > 1 && (strings.EqualFold(words[1], "PASS") || strings.EqualFold(words[1], "ACCT")) {
			return hide(words, 2) || changed
		}
	case "proxy":
		return redactWords(words[1:]) || changed
	}
	return changed
}

// commandFor is the command a word names, as far as secrets go: an
// unknown or ambiguous word that starts "user" or "account" (u, acc)
// counts as that command, and the words pass and password as secrets.
func commandFor(word string) string {
	name := strings.ToLower(word)
	if name == "pass" || name == "password" {
		return name
	}
	if c, err := lookup(name); err == nil {
		return c.name
	}
	for _, secret := range []string{"user", "account"} {
		if strings.HasPrefix(secret, name) {
			return secret
		}
	}
	return name
}

// hide replaces words[from:] with ***.
func hide(words []string, from int) bool {
	for i := from; i < len(words); i++ {
		words[i] = hidden
	}
	return len(words) > from
}
