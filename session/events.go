package session

import "strings"

// EventKind says what happened to a connection behind the caller's back.
type EventKind int

// Connection events: it dropped, or it was re-established (logged in again
// and back in the same folder), or a listing's names are not UTF-8 and
// look like the event's Charset, or it uses TLS without verifying the
// certificate (--insecure: Err says so on every connection).
const (
	EventDisconnected EventKind = iota
	EventReconnected
	EventCharset
	EventInsecure
)

func (k EventKind) String() string {
	switch k {
	case EventReconnected:
		return "reconnected"
	case EventCharset:
		return "charset guessed"
	case EventInsecure:
		return "warning"
	}
	return "disconnected"
}

// Event reports a connection change; Err says why it dropped, or why the
// session could not return to Dir after reconnecting. A charset event
// names the charset the names look like, and Hint says it in a sentence.
type Event struct {
	Kind    EventKind
	Label   string
	Dir     string
	Err     error
	Charset string
	Hint    string
}

// String is the event as one line for a status bar or log.
func (e Event) String() string {
	text := e.Label + ": " + e.Kind.String()
	if e.Kind == EventCharset {
		text = e.Label + ": " + e.Hint
	}
	if e.Err != nil {
		text += ": " + e.Err.Error()
	}
	return strings.TrimPrefix(text, ": ")
}
