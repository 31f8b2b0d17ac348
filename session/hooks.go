package session

import "context"

// Hooks are what a connection reports to as it runs: its control
// transcript and its events (reconnected, insecure, ...). They are given
// to Dial rather than kept in Config, so that the copies of a Config that
// travel (to the queue's own connections, into the journal) never carry
// the callbacks of the pane or shell that made them.
type Hooks struct {
	Trace   TraceFunc   // nil: no transcript
	OnEvent func(Event) // nil: events are dropped
}

// DialOption sets one of a connection's Hooks.
type DialOption func(*Hooks)

// WithTrace sends the connection's transcript to f.
func WithTrace(f TraceFunc) DialOption { return func(h *Hooks) { h.Trace = f } }

// WithEvents sends the connection's events to f.
func WithEvents(f func(Event)) DialOption { return func(h *Hooks) { h.OnEvent = f } }

// HooksOf is the Hooks a list of options gives; fakes of DialFunc use it
// to report as a real connection would.
func HooksOf(opts ...DialOption) Hooks {
	var h Hooks
	for _, o := range opts {
		if o != nil {
			o(&h)
		}
	}
	return h
}

// DialFunc connects and logs in, as Dial does, behind the FS interface:
// the queue and the TUI take one, so tests can hand them a fake.
type DialFunc func(ctx context.Context, cfg Config, opts ...DialOption) (FS, error)

// RemoteDialFunc is Dial's own type, for callers that need the *Remote
// (the command interpreter's connections).
type RemoteDialFunc func(ctx context.Context, cfg Config, opts ...DialOption) (*Remote, error)

var _ RemoteDialFunc = Dial

// DialFS is Dial as a DialFunc.
func DialFS(ctx context.Context, cfg Config, opts ...DialOption) (FS, error) {
	r, err := Dial(ctx, cfg, opts...)
	if err != nil {
		return nil, err // not a typed nil *Remote inside the FS
	}
	return r, nil
}

var _ DialFunc = DialFS
