package session

// TraceDir says which way a transcript line went.
type TraceDir int

// Transcript line kinds: a command sent (PASS and ACCT masked), a reply
// line received, or a note about data connections (the `trace` command).
const (
	TraceSent TraceDir = iota
	TraceReceived
	TraceInfo
)

func (d TraceDir) String() string {
	switch d {
	case TraceSent:
		return "sent"
	case TraceReceived:
		return "received"
	default:
		return "info"
	}
}

// TraceFunc receives the control-connection transcript, one line at a
// time. Secrets are already masked. It is called from the goroutine that
// runs the operation, so it must not block for long.
type TraceFunc func(dir TraceDir, line string)

// Prefix gives the classic ftp look for a transcript line: "---> " for
// commands, nothing for replies, "# " for notes.
func (d TraceDir) Prefix() string {
	switch d {
	case TraceSent:
		return "---> "
	case TraceInfo:
		return "# "
	default:
		return ""
	}
}
