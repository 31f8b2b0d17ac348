package transfer

import (
	"fmt"
	"path"
	"path/filepath"
	"time"

	"github.com/ftpane/ftpane/session"
)

// ID names one job for the lifetime of a queue and its journal.
type ID uint64

func (id ID) String() string { return fmt.Sprintf("#%d", uint64(id)) }

// Endpoint is one side of a job. A nil Remote is the local filesystem.
type Endpoint struct {
	Remote *session.Config
}

// LocalEndpoint is the local filesystem (the zero Endpoint).
func LocalEndpoint() Endpoint { return Endpoint{} }

// RemoteEndpoint is the server cfg describes. The config is copied.
func RemoteEndpoint(cfg session.Config) Endpoint { return Endpoint{Remote: &cfg} }

// join is dir/name in the side's own path syntax.
func (e Endpoint) join(dir, name string) string {
	if e.Remote == nil {
		return filepath.Join(dir, name)
	}
	return path.Join(dir, name)
}

// IsLocal reports whether the endpoint is the local filesystem.
func (e Endpoint) IsLocal() bool { return e.Remote == nil }

// Label is "local" or "user@host:port" (never the password).
func (e Endpoint) Label() string {
	if e.Remote == nil {
		return "local"
	}
	return e.Remote.Label()
}

// Policy says what to do when the target name already exists. Asking the
// user is the dialog's business: it resolves "ask" to one of these before
// the job is added.
type Policy int

// The conflict policies.
const (
	// Overwrite replaces the target (only once the copy is verified).
	Overwrite Policy = iota
	// Skip leaves an existing target alone; the job ends as skipped.
	Skip
	// Resume continues an existing, shorter target at its size (reget).
	Resume
	// Unique writes to the first free name of name.1, name.2, ...
	Unique
	// Newer copies only when the source is newer than the target.
	Newer
)

func (p Policy) String() string {
	switch p {
	case Skip:
		return "skip"
	case Resume:
		return "resume"
	case Unique:
		return "unique name"
	case Newer:
		return "only if newer"
	default:
		return "overwrite"
	}
}

// Kind is what a job copies.
type Kind int

// A job copies one file, or expands a folder into jobs for its entries.
// A folder moved (Job.Move) ends with a KindRemoveDir job that deletes the
// emptied source folder once every job under it has finished.
const (
	KindFile Kind = iota
	KindTree
	KindRemoveDir
)

func (k Kind) String() string {
	switch k {
	case KindTree:
		return "folder"
	case KindRemoveDir:
		return "remove folder"
	}
	return "file"
}

// Job is one copy. Paths are absolute in each side's own syntax.
type Job struct {
	ID               ID // set by the queue
	Kind             Kind
	Src, Dst         Endpoint
	SrcPath, DstPath string
	// Size is the source's size, -1 (or 0) when unknown: the worker asks.
	Size int64
	// Type is binary by default; ASCII converts line ends (CRLF on the
	// wire, LF locally). Options.ASCIIExt may select ASCII by extension.
	Type     session.TransferType
	Conflict Policy
	// Move deletes the source after a verified copy.
	Move bool
	// Parent is the folder job that queued this one (0: the user did).
	Parent ID
	// Offset starts the copy at this byte of the source (classic ftp's
	// restart): the target keeps its first Offset bytes. A side that
	// cannot restart (no REST STREAM in its FEAT) gets the whole file.
	Offset int64
	// Append adds the source to the end of the target (APPE); Unique
	// lets the server choose a free name (STOU, classic sunique). Both
	// write the target itself, without a .part, and are never retried:
	// a second try would append twice or make a second file.
	Append, Unique bool
	// MaxTries bounds this job's tries (0: the queue's MaxAttempts; 1:
	// no retry, as classic ftp).
	MaxTries int
	// KeepCR keeps the CRs of an ASCII download (classic ftp's cr off).
	KeepCR bool
	// ModTime is the source's modification time when the planner knows
	// it from a listing; zero: the worker asks (MDTM, stat). The copy is
	// given the source's time.
	ModTime time.Time
	// Fresh says the planner saw no target there (mirror's missing
	// files, a tree's files in a folder it just made): the first try
	// skips the checks for an existing target and .part, a round trip
	// each on a server. Never journaled: a restored job checks.
	Fresh bool
	// Limit is this job's own bandwidth limit in bytes per second (0:
	// only the queue's overall one, Queue.SetRate). A folder job's limit
	// is shared by the jobs it queues. Queue.SetJobRate changes it.
	Limit int64
	// Lend gives the job connections it uses instead of the pool's, for
	// a front end that waits on the job and whose own connection is idle
	// meanwhile (batch mode's get and put, as classic ftp uses its one
	// connection). Never journaled: a restored job uses the pool.
	Lend Lent
}

// Lent connections for a job's sides (nil: the pool's).
type Lent struct{ Src, Dst session.FS }

// direct reports whether the job writes its target in place, without a
// .part file: appends and server-chosen names.
func (j Job) direct() bool { return j.Append || j.Unique }

// Direction is the job's direction as the queue pane shows it.
func (j Job) Direction() string {
	switch {
	case j.Src.IsLocal() && j.Dst.IsLocal():
		return "local→local"
	case j.Src.IsLocal():
		return "upload"
	case j.Dst.IsLocal():
		return "download"
	default:
		return "relay"
	}
}

// State is where a job is in its life.
type State int

// The states. Queued jobs wait for a worker; Waiting ones for their retry
// backoff; Active ones move bytes; Verifying ones compare size and hash.
// Done, Skipped, Failed and Canceled are final.
const (
	Queued State = iota
	Active
	Verifying
	Waiting
	Paused
	Done
	Skipped
	Failed
	Canceled
)

var stateNames = [...]string{"queued", "active", "verifying", "waiting to retry", "paused",
	"done", "skipped", "failed", "canceled"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return "unknown"
	}
	return stateNames[s]
}

// Final reports whether the job will not run again unless retried.
func (s State) Final() bool { return s >= Done }

// JobState is a job as a UI shows it: what it copies and how far it got.
type JobState struct {
	Job
	State    State
	Done     int64 // bytes at the target
	Total    int64 // -1 unknown
	Rate     float64
	ETA      time.Duration
	Attempts int
	// Err is the reason in words for Failed jobs, and for Waiting ones
	// the error that will be retried. Note is a remark for the user
	// ("already complete", "target is newer", "expanded into 12 jobs").
	Err  error
	Note string
	// Target is the name actually written (differs with Policy Unique).
	Target string
	Tries  []Try // the latest tries, oldest first (see Try)
	// verified is set between a successful verification and the end of
	// the job, so that a job restored after a crash in that window is
	// finished rather than copied again.
	verified bool
	// after is, for KindRemoveDir, the folder job whose whole subtree
	// must finish first.
	after ID
	// restartAt is the Offset the next try starts at (a restart's first
	// try; later tries continue the .part at its size). note is a remark
	// the copy adds to the outcome (a restart the server could not do).
	restartAt int64
	note      string
	// empty says the source's listing showed it empty and the server
	// answered SIZE 0 under TYPE I: there is nothing to fetch, so no
	// data connection is opened (as lftp does); the .part, the check, the
	// rename and the time are the same as for any file.
	empty bool
}
