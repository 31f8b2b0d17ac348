package session

import (
	"fmt"
	"regexp"
	"strings"
)

// urlPassword finds the password of a URL's user info: scheme://user:pw@.
// The password runs to the last @ before a slash or a blank, as url.Parse
// reads it, so a password holding @ is masked whole.
var urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^\s/]*@`)

// RedactURLs masks the password of every URL in s: ftp://u:pw@h becomes
// ftp://u:***@h. Errors, logs and history pass what the user typed
// through it, since a host or a command may be a URL with a password.
func RedactURLs(s string) string {
	return urlPassword.ReplaceAllString(s, "${1}:***@")
}

// checkSecret is checkArg for a password or account: the error says what
// is wrong without quoting the secret.
func checkSecret(secrets ...string) error {
	for _, s := range secrets {
		if strings.ContainsAny(s, "\r\n\x00") {
			return fmt.Errorf("the password or account holds a line break (CR or LF) or NUL: %w", ErrBadArgument)
		}
	}
	return nil
}
